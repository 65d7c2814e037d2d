// Text helpers shared by every stage: whitespace, case, UTF-8, arXiv identifiers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

// Which bytes count as white space: formats differ, and each caller keeps its format's set.
enum class Whitespace {
  kAscii,  // space \t \n \v \f \r: C's isspace (normalize_space, TOML, topic keywords)
  kHtml,   // space \t \n \f \r: HTML's ASCII whitespace
  kXml,    // space \t \n \r: XML's S, and JSON's white space
  kBlank,  // space \t: the blanks within a line (HTTP's optional white space, Markdown indents)
};

constexpr bool is_space(char c, Whitespace set = Whitespace::kAscii) {
  switch (set) {
    case Whitespace::kAscii:
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    case Whitespace::kHtml:
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    case Whitespace::kXml:
      return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    case Whitespace::kBlank:
      return c == ' ' || c == '\t';
  }
  return false;
}

// `text` without the white space (of `set`) at either end.
std::string_view trim(std::string_view text, Whitespace set = Whitespace::kAscii);

// Collapses every run of ASCII whitespace (space, tab, CR, LF) to one space and trims both ends.
std::string normalize_space(std::string_view text);

// The length (1–4) of the valid UTF-8 sequence at text[i], or 0 when it is invalid (overlong,
// surrogate, beyond U+10FFFF or cut short).
size_t utf8_sequence_length(std::string_view text, size_t i);

// The ASCII letters a Latin letter of U+00C0–U+017F folds to, lower case ("é" → "e", "Æ" → "ae",
// "ß" → "ss"); empty for × and ÷ and for any other code point.
std::string_view latin_fold(uint32_t cp);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when `text` is valid.
std::optional<size_t> find_invalid_utf8(std::string_view text);

// Replaces each invalid UTF-8 sequence by U+FFFD.
std::string repair_utf8(std::string_view text);

// An arXiv identifier split into its version-less id and version ("2501.01234v3" → id
// "2501.01234", version 3; "hep-th/9901001" → version 0). Accepts abs/pdf URLs and the
// "oai:arXiv.org:" prefix. nullopt when `text` is no arXiv identifier.
struct ArxivId {
  std::string id;
  int version = 0;
};
std::optional<ArxivId> parse_arxiv_id(std::string_view text);

// Splits on `sep`, dropping empty pieces.
std::vector<std::string> split(std::string_view text, char sep);

// Lower-cases ASCII letters; other bytes stay as they are.
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string ascii_lower(std::string_view text);

// `a` equals `b` when ASCII letters compare without case.
bool equals_ignoring_case(std::string_view a, std::string_view b);

// The 16 lower-case hex digits of `value`, zero-padded ("00000000000000ff").
std::string hex64(uint64_t value);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

}  // namespace paperpress
