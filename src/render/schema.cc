#include "paperpress/render/schema.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace paperpress {

Schema::Schema(std::span<const std::string_view> keys) {
  const size_t n = std::min(keys.size(), size_t{std::numeric_limits<int16_t>::max()});
  keys_.assign(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n));
}

int Schema::index(std::string_view name) const {
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace paperpress
