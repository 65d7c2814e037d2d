#include "paperpress/search/search_format.h"

namespace paperpress {

uint32_t shard_count(size_t n, uint32_t per) {
  uint32_t shards = 1;
  while (shards < n / per && shards < (1u << 20)) shards *= 2;
  return shards;
}

std::string to_hex(uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 15];
  return out;
}

}  // namespace paperpress
