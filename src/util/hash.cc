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

}  // namespace

uint64_t hash_bytes(std::string_view bytes, uint64_t seed) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (bytes.size() * 0xBF58476D1CE4E5B9ull) ^ seed;
  const char* p = bytes.data();
  size_t n = bytes.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ (w * 0x87C37B91114253D5ull)) * 0x4CF5AD432745937Full;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = (h ^ (tail * 0x87C37B91114253D5ull)) * 0x4CF5AD432745937Full;
  return mix(h);
}

}  // namespace paperpress
