// URLs: percent-encoding and decoding, query strings, links safe to write into pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperpress {

// A URL path segment or query component: keeps the RFC 3986 unreserved characters A-Z a-z 0-9
// - . _ ~ and writes every other byte as %XX (upper-case hex), so "/" "?" "&" "=" "#" and
// spaces are encoded too. Appends to `out`; url_encode returns it.
void percent_encode(std::string& out, std::string_view text);
std::string url_encode(std::string_view text);

// The value of a hex digit (0-9, a-f, A-F), or -1 for any other byte.
int hex_digit_value(char c);

// Decodes every "%XX" escape; a '%' not followed by two hex digits stays as it is (links in
// pages, where a stray '%' is text).
std::string percent_decode(std::string_view text);
// Decodes every "%XX" escape; nullopt when a '%' is not followed by two hex digits (request
// paths, where a broken escape is refused).
std::optional<std::string> percent_decode_strict(std::string_view text);

// base + "?" + k1=v1&k2=v2, values percent-encoded ("&" when base already has a query).
std::string url_with_query(std::string_view base,
                           const std::vector<std::pair<std::string, std::string>>& params);

// A link target taken from data (an arXiv abs or pdf URL) made safe for an href and a Markdown
// link: "" unless it is http(s), and the characters that could end or break out of either
// (space, quotes, < > ( ) [ ] { } ` \\ | ^ and controls) percent-encoded.
std::string safe_link(std::string_view url);
// False when safe_link(url) == url, so callers can skip the copy.
bool needs_link_repair(std::string_view url);

}  // namespace paperpress
