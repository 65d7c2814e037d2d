#include "paperpress/util/url.h"

#include <array>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

// Appends "%XX", upper-case hex, for byte `c`.
void append_percent_escape(std::string& out, char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto u = static_cast<unsigned char>(c);
  out += '%';
  out += kHex[u >> 4];
  out += kHex[u & 15];
}

// Decodes text[i..i+2] when it is "%XX": the byte, or -1.
int escaped_byte_at(std::string_view text, size_t i) {
  if (text[i] != '%' || i + 2 >= text.size()) return -1;
  int hi = hex_digit_value(text[i + 1]);
  int lo = hex_digit_value(text[i + 2]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

constexpr std::array<bool, 256> make_unreserved() {
  std::array<bool, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  t['-'] = t['.'] = t['_'] = t['~'] = true;
  return t;
}
constexpr std::array<bool, 256> kUnreserved = make_unreserved();

}  // namespace

void percent_encode(std::string& out, std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* run = p;  // the unreserved bytes since the last escape, appended at once
  for (; p != end; ++p) {
    if (kUnreserved[static_cast<unsigned char>(*p)]) continue;
    out.append(run, static_cast<size_t>(p - run));
    append_percent_escape(out, *p);
    run = p + 1;
  }
  out.append(run, static_cast<size_t>(p - run));
}

std::string url_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 2);
  percent_encode(out, text);
  return out;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  if (text.find('%') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (int byte = escaped_byte_at(text, i); byte >= 0) {
      out += static_cast<char>(byte);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::optional<std::string> percent_decode_strict(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int byte = escaped_byte_at(text, i);
    if (byte < 0) return std::nullopt;
    out += static_cast<char>(byte);
    i += 2;
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
  return starts_with(url, "http://") || starts_with(url, "https://");
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
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (unsafe_in_link(c)) {
      append_percent_escape(out, c);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace paperpress
