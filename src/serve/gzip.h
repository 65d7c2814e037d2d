// gzip for the preview server's responses (private to src/serve/): zlib's fastest level, as a
// static host sends text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace paperpress {

// `text` as a gzip member (RFC 1952); nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view text);

}  // namespace paperpress
