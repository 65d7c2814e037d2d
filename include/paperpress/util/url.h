// Building request URLs: percent-encoding and query strings.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperpress {

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string url_encode(std::string_view text);

// base + "?" + k1=v1&k2=v2, values percent-encoded ("&" when base already has a query).
std::string url_with_query(std::string_view base,
                           const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace paperpress
