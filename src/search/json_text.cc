#include "paperpress/search/json_text.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace paperpress {

namespace {

// The length of the valid UTF-8 sequence at text[i] (2–4), or 0.
size_t utf8_length(std::string_view text, size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || i + len > text.size()) return 0;
  uint32_t cp = b0 & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Bytes written as they are: printable ASCII but '"', '\\' and '<'.
struct PlainBytes {
  bool plain[256];
  constexpr PlainBytes() : plain() {
    for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\' && c != '<';
  }
};
constexpr PlainBytes kPlain;

char* put(char* out, std::string_view s) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}

}  // namespace

char* write_json_chars(char* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char* s = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
#if defined(__SSE2__)
    // Plain bytes 16 at a time: the 16 are stored (out has room for 6 bytes a byte of text),
    // and only the plain run counts.
    if (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      // Below 0x20 or from 0x80 (negative as signed), '"', '\\', '<', DEL.
      const __m128i special =
          _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                       _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special));
      const size_t run = mask == 0 ? 16 : static_cast<size_t>(__builtin_ctz(mask));
      out += run;
      i += run;
      if (run == 16) continue;
    }
#endif
    while (i < n && kPlain.plain[static_cast<unsigned char>(s[i])]) *out++ = s[i++];
    if (i == n) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = utf8_length(text, i);
      if (len == 0) {
        out = put(out, "\\ufffd");
        ++i;
      } else if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
        out = put(out, static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
        i += 3;
      } else {
        out = put(out, text.substr(i, len));
        i += len;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out = put(out, "\\\"");
        break;
      case '\\':
        out = put(out, "\\\\");
        break;
      case '\n':
        out = put(out, "\\n");
        break;
      case '\t':
        out = put(out, "\\t");
        break;
      case '<':
        out = put(out, "\\u003c");
        break;
      default:  // below 0x20 or DEL
        out = put(out, "\\u00");
        *out++ = kHex[c >> 4];
        *out++ = kHex[c & 15];
    }
  }
  return out;
}

char* write_json_string(char* out, std::string_view text) {
  *out++ = '"';
  out = write_json_chars(out, text);
  *out++ = '"';
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  // Short texts through a buffer on the stack, longer ones through a grown string.
  const size_t from = out.size();
  if (json_string_bound(text.size()) <= 512) {
    char buf[512];
    out.append(buf, static_cast<size_t>(write_json_string(buf, text) - buf));
    return;
  }
  out.resize(from + json_string_bound(text.size()));
  out.resize(static_cast<size_t>(write_json_string(out.data() + from, text) - out.data()));
}

}  // namespace paperpress
