// Lines of the public arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json) → papers.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper.h"
#include "paperpress/util/result.h"

namespace paperpress {

// One JSON object. Errors are one short line saying what is wrong ("invalid JSON: column N:
// <reason>", "no 'id'", "bad date in versions[1].created: '<text>'"; versions are indexed from
// 0 as in the JSON). Invalid UTF-8 is replaced by U+FFFD.
Result<Paper> parse_kaggle_line(std::string_view line);

// The same, adding a warning to `warnings` when invalid UTF-8 was replaced.
Result<Paper> parse_kaggle_line(std::string_view line, std::vector<std::string>& warnings);

// Streams `path` line by line (constant memory whatever the file size), calling `on_line` with
// the 1-based line number and the parse result of each non-blank line. Stops early when
// `on_line` returns false. Errors only for I/O (cannot open/read the file).
Status for_each_kaggle_line(const std::filesystem::path& path,
                            const std::function<bool(size_t, Result<Paper>)>& on_line);

}  // namespace paperpress
