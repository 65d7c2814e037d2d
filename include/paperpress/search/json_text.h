// JSON text for the search index's shards: strings from arXiv are data, so every string is
// escaped here: quotes, backslashes and control characters, "<" (so that no shard can close a
// script element), U+2028/U+2029, and malformed UTF-8 replaced by U+FFFD. The result is always
// valid JSON, whatever the input.
#pragma once

#include <string>
#include <string_view>

namespace paperpress {

// Appends `text` as a JSON string, with its quotes.
void append_json_string(std::string& out, std::string_view text);

}  // namespace paperpress
