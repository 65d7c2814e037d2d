#include "paperpress/util/text.h"

#include <array>
#include <cctype>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace paperpress {

namespace {

// The bytes normalize_space treats as spaces (Whitespace::kAscii), as a table.
constexpr auto kSpace = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = is_space(static_cast<char>(c), Whitespace::kAscii);
  return t;
}();

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string_view latin_fold(uint32_t cp) {
  // U+00C0–U+017F, '|' between entries.
  static constexpr std::string_view kFolds =
      "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|"
      "i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|"
      "e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|"
      "n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|"
      "u|u|u|w|w|y|y|y|z|z|z|z|z|z|s";
  struct Table {
    std::array<std::string_view, 0x180 - 0xC0> fold{};
    Table() {
      size_t start = 0, n = 0;
      for (size_t i = 0; i <= kFolds.size() && n < fold.size(); ++i) {
        if (i == kFolds.size() || kFolds[i] == '|') {
          fold[n++] = kFolds.substr(start, i - start);
          start = i + 1;
        }
      }
    }
  };
  static const Table table;
  return cp >= 0xC0 && cp < 0x180 ? table.fold[cp - 0xC0] : std::string_view();
}

size_t utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return len;
}

std::string normalize_space(std::string_view text) {
  // One allocation, then plain stores: this runs over every title and abstract parsed. Text is
  // mostly words and single spaces, which stay as they are: with SSE2 such text is copied 16
  // bytes per step, and only a line break, tab or second space in a row stops the copy.
  // Elsewhere (and for the last bytes) each byte is written (a space as ' ') and kept unless it
  // is a space after a space or at the start, without a branch; one trailing space goes.
  std::string out(text.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end && kSpace[static_cast<unsigned char>(*p)]) ++p;  // leading spaces
#if defined(__SSE2__)
  if (p != end) *w++ = *p++;  // a word byte, so that p[-1] can always be read
  const __m128i space = _mm_set1_epi8(' ');
  // \t \n \v \f \r are 9 to 13: (c - 9) as a signed byte below -128 + 5.
  auto controls = [](__m128i v) {
    return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - 9))),
                          _mm_set1_epi8(static_cast<char>(-128 + 5)));
  };
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1));
    const __m128i spaces_before = _mm_or_si128(_mm_cmpeq_epi8(before, space), controls(before));
    // A control, or a space after a space: where the text stops being kept as it is.
    const __m128i stop =
        _mm_or_si128(controls(v), _mm_and_si128(_mm_cmpeq_epi8(v, space), spaces_before));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
    if (mask == 0) {
      w += 16;
      p += 16;
      continue;
    }
    const int keep = __builtin_ctz(mask);
    w += keep;
    p += keep;
    // A run of spaces: one ' ', unless the byte before it was one and is written already.
    if (!kSpace[static_cast<unsigned char>(p[-1])]) *w++ = ' ';
    while (p != end && kSpace[static_cast<unsigned char>(*p)]) ++p;
  }
#endif
  bool after_space = w == begin || w[-1] == ' ';
  for (; p != end; ++p) {
    const char c = *p;
    const bool space = kSpace[static_cast<unsigned char>(c)];
    *w = space ? ' ' : c;
    w += !(space && after_space);
    after_space = space;
  }
  if (w != begin && w[-1] == ' ') --w;
  out.resize(static_cast<size_t>(w - begin));
  return out;
}

std::optional<size_t> find_invalid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::optional<ArxivId> parse_arxiv_id(std::string_view text) {
  for (std::string_view prefix :
       {"oai:arXiv.org:", "http://arxiv.org/abs/", "https://arxiv.org/abs/",
        "http://arxiv.org/pdf/", "https://arxiv.org/pdf/", "arXiv:"}) {
    if (starts_with(text, prefix)) {
      text.remove_prefix(prefix.size());
      break;
    }
  }
  ArxivId out;
  // Version suffix "vN".
  size_t v = text.rfind('v');
  if (v != std::string_view::npos && v + 1 < text.size() && all_digits(text.substr(v + 1))) {
    if (text.size() - v - 1 > 6) return std::nullopt;  // no paper has a million versions
    out.version = std::stoi(std::string(text.substr(v + 1)));
    text = text.substr(0, v);
  }
  size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    // Old style: archive(.subject)/YYMMNNN
    std::string_view archive = text.substr(0, slash), number = text.substr(slash + 1);
    // The archive ("hep-th", "math.AG") starts with a letter: never "." or "..".
    if (archive.empty() || !std::isalpha(static_cast<unsigned char>(archive[0])) ||
        number.size() != 7 || !all_digits(number))
      return std::nullopt;
    for (char c : archive)
      if (!(std::islower(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
            std::isupper(static_cast<unsigned char>(c))))
        return std::nullopt;
  } else {
    // New style: YYMM.NNNN or YYMM.NNNNN
    size_t dot = text.find('.');
    if (dot != 4 || !all_digits(text.substr(0, 4))) return std::nullopt;
    std::string_view number = text.substr(5);
    if ((number.size() != 4 && number.size() != 5) || !all_digits(number)) return std::nullopt;
  }
  out.id = std::string(text);
  return out;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

namespace {

template <Whitespace kSet>
std::string_view trim_set(std::string_view text) {
  while (!text.empty() && is_space(text.front(), kSet)) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back(), kSet)) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view trim(std::string_view text, Whitespace set) {
  // The set is chosen once, not for every byte.
  switch (set) {
    case Whitespace::kAscii:
      return trim_set<Whitespace::kAscii>(text);
    case Whitespace::kHtml:
      return trim_set<Whitespace::kHtml>(text);
    case Whitespace::kXml:
      return trim_set<Whitespace::kXml>(text);
    case Whitespace::kBlank:
      return trim_set<Whitespace::kBlank>(text);
  }
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

std::string hex64(uint64_t value) {
  std::string out(16, '0');
  for (int d = 15; d >= 0; --d, value >>= 4) out[d] = "0123456789abcdef"[value & 15];
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace paperpress
