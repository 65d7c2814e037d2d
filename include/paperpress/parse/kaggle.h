// Lines of the public arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json) → papers.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "paperpress/store/paper.h"
#include "paperpress/util/result.h"

namespace paperpress {

// One JSON object. Errors say what is wrong ("invalid JSON at column N", "no 'id'").
Result<Paper> parse_kaggle_line(std::string_view line);

// Streams `path` line by line (constant memory whatever the file size), calling `on_line` with
// the 1-based line number and the parse result of each non-blank line. Stops early when
// `on_line` returns false. Errors only for I/O (cannot open/read the file).
Status for_each_kaggle_line(const std::filesystem::path& path,
                            const std::function<bool(size_t, Result<Paper>)>& on_line);

}  // namespace paperpress
