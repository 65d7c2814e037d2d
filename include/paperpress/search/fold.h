// The words of the search index: text folded to terms the same way when the index is built and
// when a reader types a query (themes/default/static/assets/search.js mirrors these rules; a
// change here is a new search format, see search_format.h).
//
//  - ASCII letters and digits are word characters, lowercased; other ASCII is a separator.
//  - Latin letters with accents (U+00C0–U+017F) fold to their base letters ("é" → "e",
//    "ß" → "ss", "ø" → "o"); × and ÷ separate. Greek and Cyrillic capitals are lowercased.
//  - U+0080–U+00BF, U+2000–U+2BFF (punctuation, arrows, mathematical symbols), U+3000–U+303F
//    and U+FF00–U+FF0F separate words; every other code point is a word character kept as it
//    is. Malformed UTF-8 separates.
//  - A term longer than kMaxTermChars code points is dropped.
//  - Simple plurals of ASCII words of 4 letters or more fold: "-ies" → "-y" (5 letters or
//    more), "-sses" → "-ss", a final "s" is dropped unless the word ends in "ss", "us" or "is".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace paperpress {

inline constexpr size_t kMaxTermChars = 40;
// The size of a buffer a term is folded into: at most 4 bytes a code point, and room for one
// 16-byte store more. A term's first 16 bytes can always be read from it.
inline constexpr size_t kTermBuffer = kMaxTermChars * 4 + 16;

namespace fold_detail {

// Per byte: 0 for an ASCII separator, the byte lowercased for an ASCII letter or digit, 1 for
// every byte of U+0080 and above (decoded by fold_code_point).
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
inline constexpr ByteClasses kByteClasses;

// Decodes the code point at text[pos] (from U+0080, or malformed), advancing pos. False when
// it separates words; else its fold is written at buf + len (when `store`) and len advanced,
// and `letters` cleared unless the fold is a-z.
bool fold_code_point(std::string_view text, size_t& pos, char* buf, size_t& len, bool store,
                     bool& letters);

// The length of the term w[0, len) with a simple plural folded (may write one byte).
inline size_t plural_folded(char* w, size_t len, bool letters) {
  if (len < 4 || w[len - 1] != 's' || !letters) return len;
  const char* e = w + len;
  if (e[-3] == 'i' && e[-2] == 'e') {  // "-ies"
    if (len < 5) return len;
    w[len - 3] = 'y';
    return len - 2;
  }
  if (e[-4] == 's' && e[-3] == 's' && e[-2] == 'e') return len - 2;  // "-sses"
  if (e[-2] == 's' || e[-2] == 'u' || e[-2] == 'i') return len;      // "-ss", "-us", "-is"
  return len - 1;
}

}  // namespace fold_detail

// Folds the next term of `text` from `pos` into buf (kTermBuffer bytes) and returns its
// length, advancing pos past it; 0 at the end of the text. Inline, so that a caller's loop
// over a text's terms runs without a call per term: ASCII letters and digits are lowercased
// 16 bytes at a time (SSE2) or through a table; other bytes are decoded one code point at a
// time.
inline size_t next_term(std::string_view text, size_t& pos, char* buf) {
  const uint8_t* classes = fold_detail::kByteClasses.of;
  const char* s = text.data();
  const size_t n = text.size();
  while (pos < n) {
    uint8_t c = classes[static_cast<unsigned char>(s[pos])];
    if (c == 0) {  // a separator between words
      ++pos;
      continue;
    }
    size_t len = 0, chars = 0;
    bool letters = true;  // the folded term holds only a-z so far
    for (;;) {
#if defined(__SSE2__)
      // A run of ASCII letters and digits, 16 bytes at a time, lowercased as it is copied
      // (the 16 bytes are stored; only the run counts).
      while (c > 1 && chars < kMaxTermChars) {
        __m128i v;
        if (pos + 16 <= n) {
          v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
        } else {  // the text's last bytes, then zeros (which separate)
          alignas(16) char last[16] = {};
          for (size_t i = pos; i < n; ++i) last[i - pos] = s[i];
          v = _mm_load_si128(reinterpret_cast<const __m128i*>(last));
        }
        const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        // Bytes from 0x80 are negative as signed: in neither range.
        const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                            _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const auto word = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(alpha, digit)));
        const auto run = static_cast<size_t>(__builtin_ctz(~word));  // 16 when all are
        _mm_storeu_si128(reinterpret_cast<__m128i*>(buf + len),
                         _mm_or_si128(_mm_and_si128(alpha, folded), _mm_andnot_si128(alpha, v)));
        if (static_cast<uint32_t>(_mm_movemask_epi8(digit)) & ((1u << run) - 1)) letters = false;
        len += run;
        chars += run;
        pos += run;
        c = pos < n ? classes[static_cast<unsigned char>(s[pos])] : 0;
        if (run < 16) break;
      }
#endif
      // A byte at a time: past kMaxTermChars, or without SSE2.
      while (c > 1) {
        if (chars < kMaxTermChars) buf[len++] = static_cast<char>(c);
        letters = letters && c >= 'a';
        ++chars;
        if (++pos == n) break;
        c = classes[static_cast<unsigned char>(s[pos])];
      }
      if (pos == n || c == 0) break;
      if (!fold_detail::fold_code_point(text, pos, buf, len, chars < kMaxTermChars, letters)) break;
      ++chars;
      if (pos == n) break;
      c = classes[static_cast<unsigned char>(s[pos])];
    }
    if (len == 0 || chars > kMaxTermChars) continue;
    return fold_detail::plural_folded(buf, len, letters);
  }
  return 0;
}

// Calls f(term) for every term of `text`, in order (each valid during its call).
template <typename F>
void for_each_term(std::string_view text, F&& f) {
  char buf[kTermBuffer];
  size_t pos = 0;
  while (const size_t len = next_term(text, pos, buf)) f(std::string_view(buf, len));
}

// The terms of whole texts, for the index builder: a text of ASCII only is lowercased into a
// buffer 16 bytes at a time with a bit per byte that is a letter or digit, and its terms are
// the runs of those bits (no byte is looked at one at a time); any other text goes through
// next_term. f(p, n, stable) gets each term's n folded bytes at p, from which 16 bytes can be
// read (a term's bytes may be changed by f, not the bytes after them); `stable` when they stay
// there until each() returns (an ASCII text's), else only during the call.
class TermSplitter {
 public:
  template <typename F>
  void each(std::string_view text, F&& f) {
#if defined(__SSE2__)
    if (split_ascii(text)) {
      // Every run's first and last byte, from the masks a word at a time (each position taken
      // off its mask with x & (x - 1): no chain from one term to the next); then the terms.
      const uint64_t* word = word_.data();
      const uint64_t* digit = digit_.data();
      const size_t words = (text.size() + 63) / 64;
      if (firsts_.size() < text.size() / 2 + 2) {
        firsts_.resize(text.size() / 2 + 2);
        lasts_.resize(text.size() / 2 + 2);
      }
      uint32_t* firsts = firsts_.data();
      uint32_t* lasts = lasts_.data();
      size_t nf = 0, nl = 0;
      uint64_t before = 0;  // the bit of the byte before the word
      for (size_t w = 0; w < words; ++w) {
        const uint64_t bits = word[w], after = word[w + 1] & 1;  // word_ ends with zeros
        const auto base = static_cast<uint32_t>(w * 64);
        for (uint64_t s = bits & ~(bits << 1 | before); s != 0; s &= s - 1)
          firsts[nf++] = base + static_cast<uint32_t>(__builtin_ctzll(s));
        for (uint64_t e = bits & ~(bits >> 1 | after << 63); e != 0; e &= e - 1)
          lasts[nl++] = base + static_cast<uint32_t>(__builtin_ctzll(e));
        before = bits >> 63;
      }
      for (size_t i = 0; i < nf; ++i) {
        const size_t start = firsts[i], end = lasts[i] + 1, len = end - start;
        if (len > kMaxTermChars) continue;
        char* term = lower_.data() + start;
        f(term, fold_detail::plural_folded(term, len, !any_digit(digit, start, end)), true);
      }
      return;
    }
#endif
    size_t pos = 0;
    while (const size_t len = next_term(text, pos, buf_)) f(static_cast<char*>(buf_), len, false);
  }

 private:
#if defined(__SSE2__)
  // Lowercases an ASCII text into lower_ and marks its letters and digits in word_ and its
  // digits in digit_; false (and nothing usable) when a byte is not ASCII.
  bool split_ascii(std::string_view text) {
    const size_t n = text.size();
    const size_t words = (n + 63) / 64 + 1;  // a last word of zeros ends every run
    if (lower_.size() < n + 32) lower_.resize(n + 32);
    if (word_.size() < words) word_.resize(words), digit_.resize(words);
    std::fill_n(word_.data(), words, 0);
    std::fill_n(digit_.data(), words, 0);
    for (size_t i = 0; i < n; i += 16) {
      __m128i v;
      if (i + 16 <= n) {
        v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      } else {  // the last bytes, then zeros (which separate)
        alignas(16) char last[16] = {};
        for (size_t k = i; k < n; ++k) last[k - i] = text[k];
        v = _mm_load_si128(reinterpret_cast<const __m128i*>(last));
      }
      if (_mm_movemask_epi8(v) != 0) return false;
      const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
      const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                          _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(lower_.data() + i),
                       _mm_or_si128(_mm_and_si128(alpha, folded), _mm_andnot_si128(alpha, v)));
      const auto w = static_cast<uint64_t>(_mm_movemask_epi8(_mm_or_si128(alpha, digit)));
      const auto d = static_cast<uint64_t>(_mm_movemask_epi8(digit));
      word_[i / 64] |= w << (i % 64);
      digit_[i / 64] |= d << (i % 64);
    }
    return true;
  }
  // Whether a bit of [start, end) is set (end - start ≤ kMaxTermChars < 64).
  static bool any_digit(const uint64_t* digit, size_t start, size_t end) {
    const size_t w = start / 64, shift = start % 64, len = end - start;
    uint64_t bits = digit[w] >> shift;
    if (shift + len > 64) bits |= digit[w + 1] << (64 - shift);
    return (bits & ((uint64_t{1} << len) - 1)) != 0;
  }
  std::vector<char> lower_;
  std::vector<uint64_t> word_, digit_;
  std::vector<uint32_t> firsts_, lasts_;  // of each run of letters and digits
#endif
  char buf_[kTermBuffer];
};

// The terms of a text in order, one at a time, without allocating.
class TermScanner {
 public:
  explicit TermScanner(std::string_view text) : text_(text) {}
  // The next term (valid until the next call), or false at the end of the text.
  bool next(std::string_view& term) {
    const size_t len = next_term(text_, pos_, buf_);
    term = std::string_view(buf_, len);
    return len != 0;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  char buf_[kTermBuffer];
};

// Folds a simple English plural in place (the last rule above).
void fold_plural(std::string& word);

// Every term of `text`, in order.
std::vector<std::string> terms_of(std::string_view text);

// The terms of `text` joined by single spaces: the key under which an exact title or author
// name is looked up ("Attention Is All You Need" → "attention is all you need").
std::string fold_key(std::string_view text);

}  // namespace paperpress
