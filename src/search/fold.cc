#include "paperpress/search/fold.h"

#include "paperpress/util/text.h"

#include <cstdint>

namespace paperpress {

namespace {

// Decodes one code point at text[pos]; -1 (one byte consumed) when malformed.
int32_t decode(std::string_view text, size_t& pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || pos + len > text.size()) {
    ++pos;
    return -1;
  }
  int32_t cp = b0 & (0x7F >> len);
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr int32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return -1;
  }
  pos += len;
  return cp;
}

// Writes cp (at least U+0080) as UTF-8 at out; returns its length.
size_t append_utf8(char* out, int32_t cp) {
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

bool separates(int32_t cp) {
  return cp < 0 || (cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp < 0x2C00) ||
         (cp >= 0x3000 && cp < 0x3040) || (cp >= 0xFF00 && cp < 0xFF10);
}

}  // namespace

namespace fold_detail {

bool fold_code_point(std::string_view text, size_t& pos, char* buf, size_t& len, bool store,
                     bool& letters) {
  int32_t cp = decode(text, pos);
  if (separates(cp)) return false;
  if (cp >= 0xC0 && cp < 0x180) {
    const std::string_view f = latin_fold(static_cast<uint32_t>(cp));
    if (f.empty()) return false;  // × and ÷ separate words
    if (store)
      for (char ch : f) buf[len++] = ch;
    return true;
  }
  if (cp >= 0x391 && cp <= 0x3A9)
    cp += 0x20;
  else if (cp >= 0x410 && cp <= 0x42F)
    cp += 0x20;
  else if (cp >= 0x400 && cp <= 0x40F)
    cp += 0x50;
  if (store) len += append_utf8(buf + len, cp);
  letters = false;
  return true;
}

}  // namespace fold_detail

void fold_plural(std::string& w) {
  bool letters = true;
  for (char c : w) letters = letters && c >= 'a' && c <= 'z';
  w.resize(fold_detail::plural_folded(w.data(), w.size(), letters));
}

std::vector<std::string> terms_of(std::string_view text) {
  std::vector<std::string> out;
  TermScanner scan(text);
  std::string_view t;
  while (scan.next(t)) out.emplace_back(t);
  return out;
}

std::string fold_key(std::string_view text) {
  std::string out;
  TermScanner scan(text);
  std::string_view t;
  while (scan.next(t)) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

}  // namespace paperpress
