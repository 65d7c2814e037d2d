#include "paperpress/render/escape.h"

#include <array>
#include <cstdint>
#include <initializer_list>

#include "paperpress/util/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace paperpress {
namespace {

// A byte → action table: 0 copies the byte, any other code indexes `repl` (or, for codes at or
// above kFirstSpecial, asks the caller's loop to handle the byte itself).
struct EscapeTable {
  std::array<uint8_t, 256> code{};
  std::array<std::string_view, 32> repl{};
  // The bytes with a code, when there are exactly five (HTML, element text): plain text is
  // then skipped 16 bytes per step with vector compares.
  std::array<char, 5> five{};
  bool has_five = false;
};

constexpr uint8_t kFirstSpecial = 24;
constexpr uint8_t kDrop = 24;       // XML: forbidden control character
constexpr uint8_t kMaybeFffx = 25;  // XML: 0xEF, may start U+FFFE / U+FFFF
constexpr uint8_t kBreak = 26;      // Markdown: CR or LF

struct Replacement {
  char byte;
  std::string_view with;
};

// A table that replaces each listed byte (codes 1, 2, ... in list order).
constexpr EscapeTable make_table(std::initializer_list<Replacement> replacements) {
  EscapeTable t;
  uint8_t code = 0;
  for (const Replacement& r : replacements) {
    if (code < t.five.size()) t.five[code] = r.byte;
    t.code[static_cast<unsigned char>(r.byte)] = ++code;
    t.repl[code] = r.with;
  }
  t.has_five = code == t.five.size();
  return t;
}

constexpr EscapeTable make_html_table(bool xml) {
  EscapeTable t =
      make_table({{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
  if (xml) {
    t.has_five = false;
    for (int c = 0; c < 0x20; ++c) {
      if (c != '\t' && c != '\n' && c != '\r') t.code[c] = kDrop;
    }
    t.code[0xEF] = kMaybeFffx;
  }
  return t;
}

constexpr EscapeTable make_markdown_table() {
  EscapeTable t;
  // Backslash-escaped everywhere; code i + 1 for kBackslashed[i].
  constexpr std::string_view kBackslashed = "\\`*_{}[]|~$";
  for (size_t i = 0; i < kBackslashed.size(); ++i) {
    t.code[static_cast<unsigned char>(kBackslashed[i])] = static_cast<uint8_t>(i + 1);
  }
  t.repl[1] = "\\\\";
  t.repl[2] = "\\`";
  t.repl[3] = "\\*";
  t.repl[4] = "\\_";
  t.repl[5] = "\\{";
  t.repl[6] = "\\}";
  t.repl[7] = "\\[";
  t.repl[8] = "\\]";
  t.repl[9] = "\\|";
  t.repl[10] = "\\~";
  t.repl[11] = "\\$";
  t.code['&'] = 12;
  t.code['<'] = 13;
  t.code['>'] = 14;
  t.repl[12] = "&amp;";
  t.repl[13] = "&lt;";
  t.repl[14] = "&gt;";
  t.code['\n'] = kBreak;
  t.code['\r'] = kBreak;
  return t;
}

constexpr EscapeTable kHtmlTable = make_html_table(false);
constexpr EscapeTable kXmlTable = make_html_table(true);
constexpr EscapeTable kMarkdownTable = make_markdown_table();
constexpr EscapeTable kElementTable =
    make_table({{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'[', "&#91;"}, {']', "&#93;"}});

inline uint8_t code_of(const EscapeTable& t, char c) {
  return t.code[static_cast<unsigned char>(c)];
}

// True when none of the 8 bytes at p has a table code: lets plain text be skipped 8 bytes per
// step with independent loads instead of one branch per byte.
inline bool plain8(const EscapeTable& t, const char* p) {
  return (code_of(t, p[0]) | code_of(t, p[1]) | code_of(t, p[2]) | code_of(t, p[3]) |
          code_of(t, p[4]) | code_of(t, p[5]) | code_of(t, p[6]) | code_of(t, p[7])) == 0;
}

#if defined(__SSE2__)
// A mask of the bytes of the 16 at p that are one of the table's five.
inline unsigned five_mask(const EscapeTable& t, const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i hit =
      _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(t.five[0])),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8(t.five[1]))),
                                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(t.five[2])),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8(t.five[3])))),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8(t.five[4])));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
#endif

// The first byte of [p, end) with a table code, or end. Plain text is passed over 16 bytes per
// step with vector compares (the last, partial step as the 16 bytes that end the text, some
// seen already), or else 8 bytes per step.
inline const char* find_special(const EscapeTable& t, const char* p, const char* end) {
#if defined(__SSE2__)
  if (t.has_five && end - p >= 16) {
    for (; end - p >= 16; p += 16)
      if (const unsigned mask = five_mask(t, p); mask != 0) return p + __builtin_ctz(mask);
    if (p == end) return end;
    const char* last = end - 16;
    const unsigned mask = five_mask(t, last) >> (p - last);
    return mask != 0 ? p + __builtin_ctz(mask) : end;
  }
#endif
  while (end - p >= 8 && plain8(t, p)) p += 8;
  while (p != end && code_of(t, *p) == 0) ++p;
  return p;
}

// Copies [p, end) to `out`, replacing bytes with a table code below kFirstSpecial and returning
// the first byte with a special code (or end). Runs of safe bytes are appended at once.
inline const char* replace_run(std::string& out, const char* p, const char* end,
                               const EscapeTable& t) {
  const char* run = p;
  while (true) {
    p = find_special(t, p, end);
    if (p == end) break;
    const uint8_t k = code_of(t, *p);
    if (k >= kFirstSpecial) break;
    out.append(run, static_cast<size_t>(p - run));
    out.append(t.repl[k]);
    run = ++p;
  }
  out.append(run, static_cast<size_t>(p - run));
  return p;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

void escape_html(std::string& out, std::string_view text) {
  replace_run(out, text.data(), text.data() + text.size(), kHtmlTable);
}

void escape_element_text(std::string& out, std::string_view text) {
  replace_run(out, text.data(), text.data() + text.size(), kElementTable);
}

bool element_text_needs_escape(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  return find_special(kElementTable, p, end) != end;
}

void escape_xml(std::string& out, std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    p = replace_run(out, p, end, kXmlTable);
    if (p == end) break;
    if (code_of(kXmlTable, *p) == kDrop) {
      ++p;
      continue;
    }
    // 0xEF: U+FFFE is EF BF BE and U+FFFF is EF BF BF; anything else is ordinary text.
    if (end - p >= 3 && static_cast<unsigned char>(p[1]) == 0xBF &&
        (static_cast<unsigned char>(p[2]) == 0xBE || static_cast<unsigned char>(p[2]) == 0xBF)) {
      p += 3;
      continue;
    }
    out.push_back(*p++);
  }
}

void escape_markdown(std::string& out, std::string_view text) {
  size_t b = 0;
  size_t e = text.size();
  while (b < e && is_space(text[b], Whitespace::kXml)) ++b;
  while (e > b && is_space(text[e - 1], Whitespace::kXml)) --e;
  if (b == e) return;
  text = text.substr(b, e - b);
  const size_t out_start = out.size();

  // A trailing "!" is escaped after the loop.
  const bool bang = text.back() == '!';
  const size_t body_end = bang ? text.size() - 1 : text.size();

  // Block markers at the start of the value, which may be the start of a line.
  size_t i = 0;
  const char first = text[0];
  if (first == '#' || first == '-' || first == '+' || first == '=') {
    out.push_back('\\');
    out.push_back(first);
    i = 1;
  } else if (is_digit(first)) {
    size_t j = 1;
    while (j < text.size() && j < 10 && is_digit(text[j])) ++j;
    // An ordered list marker is 1-9 digits, then "." or ")", then whitespace or the end.
    if (j <= 9 && j < text.size() && (text[j] == '.' || text[j] == ')') &&
        (j + 1 == text.size() || is_space(text[j + 1], Whitespace::kXml))) {
      out.append(text.data(), j);
      out.push_back('\\');
      out.push_back(text[j]);
      i = j + 1;
    }
  }

  const char* p = text.data() + i;
  const char* const end = text.data() + body_end;
  while (p < end) {
    p = replace_run(out, p, end, kMarkdownTable);
    if (p == end) break;
    // A line break: the run of whitespace around it becomes one space. Leading whitespace was
    // trimmed, so the blanks popped here were appended by this call.
    while (out.size() > out_start && is_space(out.back(), Whitespace::kBlank)) out.pop_back();
    while (p != end && is_space(*p, Whitespace::kXml)) ++p;
    out.push_back(' ');
  }
  if (bang) out.append("\\!");
}

void escape_markdown_cell(std::string& out, std::string_view text) {
  escape_markdown(out, text);
}

void escape_json(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto unicode = [&](unsigned code) {
    out += "\\u00";
    out += kHex[(code >> 4) & 0xF];
    out += kHex[code & 0xF];
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t len = utf8_sequence_length(text, i);
      if (len == 0) {
        out += "\\ufffd";
        ++i;
      } else if (len == 3 && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xA8) {
        out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
        i += 3;
      } else {
        out.append(text.substr(i, len));
        i += len;
      }
      continue;
    }
    ++i;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7F) {
      unicode(c);
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace paperpress
