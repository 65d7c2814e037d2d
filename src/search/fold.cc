#include "paperpress/search/fold.h"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace paperpress {

namespace {

// U+00C0–U+017F folded, '|' between entries; an empty entry separates words.
constexpr std::string_view kLatinFolds =
    "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|"
    "i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|"
    "e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|"
    "n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|"
    "u|u|u|w|w|y|y|y|z|z|z|z|z|z|s";

struct LatinTable {
  std::string_view fold[0x180 - 0xC0];
  LatinTable() {
    size_t start = 0, n = 0;
    for (size_t i = 0; i <= kLatinFolds.size(); ++i) {
      if (i == kLatinFolds.size() || kLatinFolds[i] == '|') {
        fold[n++] = kLatinFolds.substr(start, i - start);
        start = i + 1;
      }
    }
  }
};

const LatinTable& latin() {
  static const LatinTable table;
  return table;
}

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

// Per byte: 0 for an ASCII separator, the byte lowercased for an ASCII letter or digit, 1 for
// every byte of U+0080 and above (decoded on the slow path).
struct ByteClasses {
  uint8_t of[256];
  constexpr ByteClasses() : of() {
    for (int b = 0; b < 256; ++b) {
      if (b >= 0x80)
        of[b] = 1;
      else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'))
        of[b] = static_cast<uint8_t>(b);
      else if (b >= 'A' && b <= 'Z')
        of[b] = static_cast<uint8_t>(b + 32);
      else
        of[b] = 0;
    }
  }
};
constexpr ByteClasses kByteClasses;

// The length of `w` (len bytes, only a-z when `letters`) with a simple plural folded; may
// write one byte ("-ies" → "-y").
size_t plural_folded(char* w, size_t len, bool letters) {
  if (len < 4 || !letters) return len;
  const char* e = w + len;
  if (e[-1] != 's') return len;
  if (e[-3] == 'i' && e[-2] == 'e') {  // "-ies"
    if (len < 5) return len;
    w[len - 3] = 'y';
    return len - 2;
  }
  if (e[-4] == 's' && e[-3] == 's' && e[-2] == 'e') return len - 2;  // "-sses"
  if (e[-2] == 's' || e[-2] == 'u' || e[-2] == 'i') return len;      // "-ss", "-us", "-is"
  return len - 1;
}

}  // namespace

void fold_plural(std::string& w) {
  bool letters = true;
  for (char c : w) letters = letters && c >= 'a' && c <= 'z';
  w.resize(plural_folded(w.data(), w.size(), letters));
}

bool TermScanner::next(std::string_view& term) {
  const uint8_t* classes = kByteClasses.of;
  const char* s = text_.data();
  const size_t n = text_.size();
  while (pos_ < n) {
    uint8_t c = classes[static_cast<unsigned char>(s[pos_])];
    if (c == 0) {  // a separator between words
      ++pos_;
      continue;
    }
    size_t len = 0, chars = 0;
    bool letters = true;  // the folded term holds only a-z so far
    for (;;) {
#if defined(__SSE2__)
      // The common case, 16 bytes at a time: a run of ASCII letters and digits, lowercased as
      // it is copied (the whole 16 bytes are stored; only the run counts).
      while (c > 1 && pos_ + 16 <= n && chars < kMaxTermChars) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos_));
        const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        // Bytes from 0x80 are negative as signed: in neither range.
        const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                            _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const auto word = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(alpha, digit)));
        const auto run = static_cast<size_t>(__builtin_ctz(~word));  // 16 when all are
        _mm_storeu_si128(reinterpret_cast<__m128i*>(buf_ + len),
                         _mm_or_si128(_mm_and_si128(alpha, folded), _mm_andnot_si128(alpha, v)));
        if (static_cast<uint32_t>(_mm_movemask_epi8(digit)) & ((1u << run) - 1)) letters = false;
        len += run;
        chars += run;
        pos_ += run;
        c = pos_ < n ? classes[static_cast<unsigned char>(s[pos_])] : 0;
        if (run < 16) break;
      }
      if (pos_ == n) break;
#endif
      // A byte at a time near the end of the text, or past kMaxTermChars.
      while (c > 1) {
        if (chars < kMaxTermChars) buf_[len++] = static_cast<char>(c);
        letters = letters && c >= 'a';
        ++chars;
        if (++pos_ == n) break;
        c = classes[static_cast<unsigned char>(s[pos_])];
      }
      if (pos_ == n || c == 0) break;
      int32_t cp = decode(text_, pos_);
      if (separates(cp)) break;
      if (cp >= 0xC0 && cp < 0x180) {
        std::string_view f = latin().fold[cp - 0xC0];
        if (f.empty()) break;
        if (chars < kMaxTermChars)
          for (char ch : f) buf_[len++] = ch;
      } else {
        if (cp >= 0x391 && cp <= 0x3A9)
          cp += 0x20;
        else if (cp >= 0x410 && cp <= 0x42F)
          cp += 0x20;
        else if (cp >= 0x400 && cp <= 0x40F)
          cp += 0x50;
        if (chars < kMaxTermChars) len += append_utf8(buf_ + len, cp);
        letters = false;
      }
      ++chars;
      if (pos_ == n) break;
      c = classes[static_cast<unsigned char>(s[pos_])];
    }
    if (len == 0 || chars > kMaxTermChars) continue;
    term = std::string_view(buf_, plural_folded(buf_, len, letters));
    return true;
  }
  return false;
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
