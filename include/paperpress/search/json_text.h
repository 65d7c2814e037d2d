// JSON text for the search index's shards: strings from arXiv are data, so every string is
// escaped here: quotes, backslashes and control characters, "<" (so that no shard can close a
// script element), U+2028/U+2029, and malformed UTF-8 replaced by U+FFFD. The result is always
// valid JSON, whatever the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace paperpress {

// Appends `text` as a JSON string, with its quotes.
void append_json_string(std::string& out, std::string_view text);

// The most bytes write_json_string writes for a text of n bytes (every byte as \u00XX, the
// quotes), which write_json_chars needs for its 16-byte steps too.
constexpr size_t json_string_bound(size_t n) {
  return 6 * n + 2;
}

// Writes `text` as a JSON string at `out`, where json_string_bound(text.size()) bytes must be
// free; returns the end of what it wrote.
char* write_json_string(char* out, std::string_view text);
// The same without the quotes (a piece of a string: pieces escaped one after another are the
// whole escaped).
char* write_json_chars(char* out, std::string_view text);

}  // namespace paperpress
