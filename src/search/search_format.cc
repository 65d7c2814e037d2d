#include "paperpress/search/search_format.h"

namespace paperpress {

uint32_t shard_count(size_t n, uint32_t per) {
  uint32_t shards = 1;
  while (shards < n / per && shards < (1u << 20)) shards *= 2;
  return shards;
}

std::vector<SearchSegment> search_segments(uint32_t docs, uint32_t block) {
  std::vector<SearchSegment> out;
  const uint64_t blocks = docs / block;
  uint32_t at = 0;
  for (int bit = 31; bit >= 0; --bit) {
    if (!(blocks >> bit & 1)) continue;
    const uint32_t end = at + static_cast<uint32_t>((uint64_t{1} << bit) * block);
    out.push_back({at, end});
    at = end;
  }
  if (at < docs) out.push_back({at, docs});
  return out;
}

std::string to_hex(uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 15];
  return out;
}

}  // namespace paperpress
