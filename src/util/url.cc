#include "paperpress/util/url.h"

namespace paperpress {

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3 / 2);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string url_with_query(std::string_view base,
                           const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out(base);
  char sep = out.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [key, value] : params) {
    out.push_back(sep);
    out += url_encode(key);
    out.push_back('=');
    out += url_encode(value);
    sep = '&';
  }
  return out;
}

}  // namespace paperpress
