#include "paperpress/util/url.h"

#include <array>

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

namespace {

// The bytes that could end or break out of an href or a Markdown link: a table, since links are
// checked byte by byte for every paper of every page.
constexpr std::array<bool, 256> make_link_unsafe() {
  std::array<bool, 256> t{};
  for (char c : std::string_view(" \"'<>()`\\|[]{}^")) t[static_cast<unsigned char>(c)] = true;
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t[0x7F] = true;
  return t;
}
constexpr std::array<bool, 256> kLinkUnsafe = make_link_unsafe();

bool unsafe_in_link(char c) {
  return kLinkUnsafe[static_cast<unsigned char>(c)];
}

bool http_scheme(std::string_view url) {
  return url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://";
}

}  // namespace

bool needs_link_repair(std::string_view url) {
  if (!http_scheme(url)) return !url.empty();
  // Eight bytes per step, without a branch per byte: links are short and nearly always clean.
  const char* p = url.data();
  const char* end = p + url.size();
  bool unsafe = false;
  for (; end - p >= 8; p += 8) {
    unsafe |= unsafe_in_link(p[0]) | unsafe_in_link(p[1]) | unsafe_in_link(p[2]) |
              unsafe_in_link(p[3]) | unsafe_in_link(p[4]) | unsafe_in_link(p[5]) |
              unsafe_in_link(p[6]) | unsafe_in_link(p[7]);
  }
  for (; p < end; ++p) unsafe |= unsafe_in_link(*p);
  return unsafe;
}

std::string safe_link(std::string_view url) {
  if (!http_scheme(url)) return "";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (unsafe_in_link(c)) {
      out += '%';
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace paperpress
