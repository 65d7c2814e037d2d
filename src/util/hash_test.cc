#include "paperpress/util/hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace paperpress {
namespace {

TEST(Hash, IsFixedAcrossBuildsAndMachines) {
  // Manifests and fingerprints on disk hold these values: a change here re-renders every site.
  EXPECT_EQ(hash_bytes("paperpress"), 0x9a470988cb4482a0ull);
  EXPECT_EQ(hash_bytes("A fixed 64-bit hash for manifests and fingerprints"),
            0x816000147a5ce07aull);  // 32-byte blocks, words and a tail
  EXPECT_NE(hash_bytes("paperpress"), hash_bytes("paperpress", 1));
}

TEST(Hash, EveryByteOfEveryLengthCounts) {
  // Lengths around the 8-byte words and the 32-byte blocks; each flips one bit at each place.
  std::set<uint64_t> seen;
  for (size_t n = 0; n <= 100; ++n) {
    std::string text(n, 'a');
    for (size_t i = 0; i < n; ++i) text[i] = static_cast<char>('a' + (i * 7) % 26);
    uint64_t base = hash_bytes(text);
    EXPECT_TRUE(seen.insert(base).second) << "length " << n;
    for (size_t i = 0; i < n; ++i) {
      std::string changed = text;
      changed[i] ^= 1;
      EXPECT_NE(hash_bytes(changed), base) << "length " << n << ", byte " << i;
    }
  }
}

TEST(Hash, AnEmptyViewOfNoBufferIsTheEmptyString) {
  // A view of an empty array has a null pointer (UBSan checks what is done with it).
  std::vector<uint64_t> none;
  std::string_view empty(reinterpret_cast<const char*>(none.data()), 0);
  ASSERT_EQ(empty.data(), nullptr);
  EXPECT_EQ(hash_bytes(empty), hash_bytes(""));
  EXPECT_EQ(hash_bytes(std::string_view(), 7), hash_bytes("", 7));
}

TEST(Hash, SwappedWordsDiffer) {
  std::string a = std::string(8, 'x') + std::string(8, 'y') + std::string(16, 'z');
  std::string b = std::string(8, 'y') + std::string(8, 'x') + std::string(16, 'z');
  EXPECT_NE(hash_bytes(a), hash_bytes(b));
  std::string c = std::string(32, 'q') + a;
  std::string d = std::string(32, 'q') + b;
  EXPECT_NE(hash_bytes(c), hash_bytes(d));
}

}  // namespace
}  // namespace paperpress
