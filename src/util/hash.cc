#include "paperpress/util/hash.h"

#include <cstring>

namespace paperpress {

namespace {

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDull;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ull;
  x ^= x >> 33;
  return x;
}

uint64_t load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

uint64_t step(uint64_t h, uint64_t w) {
  h = (h ^ (w * 0x87C37B91114253D5ull)) * 0x4CF5AD432745937Full;
  return h ^ (h >> 29);
}

}  // namespace

// Four independent lanes over 32-byte blocks (so the multiplications overlap), then one lane
// over the remaining words and the tail.
uint64_t hash_bytes(std::string_view bytes, uint64_t seed) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (bytes.size() * 0xBF58476D1CE4E5B9ull) ^ seed;
  const char* p = bytes.data();
  size_t n = bytes.size();
  if (n >= 32) {
    uint64_t lane[4] = {h, h ^ 0x2545F4914F6CDD1Dull, h ^ 0x94D049BB133111EBull,
                        h ^ 0xD6E8FEB86659FD93ull};
    for (; n >= 32; p += 32, n -= 32) {
      lane[0] = step(lane[0], load64(p));
      lane[1] = step(lane[1], load64(p + 8));
      lane[2] = step(lane[2], load64(p + 16));
      lane[3] = step(lane[3], load64(p + 24));
    }
    h = mix(lane[0]) ^ mix(lane[1] + 1) ^ mix(lane[2] + 2) ^ mix(lane[3] + 3);
  }
  for (; n >= 8; p += 8, n -= 8) h = step(h, load64(p));
  uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);  // p is null for an empty view of no buffer
  h = (h ^ (tail * 0x87C37B91114253D5ull)) * 0x4CF5AD432745937Full;
  return mix(h);
}

}  // namespace paperpress
