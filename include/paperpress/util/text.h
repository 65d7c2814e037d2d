// Text normalization shared by the parsers: whitespace, UTF-8, arXiv identifiers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

// Collapses every run of ASCII whitespace (space, tab, CR, LF) to one space and trims both ends.
std::string normalize_space(std::string_view text);

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

// Lower-cases ASCII letters.
std::string ascii_lower(std::string_view text);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

}  // namespace paperpress
