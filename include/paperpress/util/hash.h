// A fixed 64-bit hash (the same in every build and on every machine), for manifests and
// fingerprints stored on disk.
#pragma once

#include <cstdint>
#include <string_view>

namespace paperpress {

uint64_t hash_bytes(std::string_view bytes, uint64_t seed = 0);

// Folds `value` into `h`, order-sensitive.
inline uint64_t hash_combine(uint64_t h, uint64_t value) {
  h ^= value + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}

}  // namespace paperpress
