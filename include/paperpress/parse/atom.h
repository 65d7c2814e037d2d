// The arXiv query API's Atom feed → papers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct AtomFeed {
  long long total_results = -1;  // opensearch:totalResults; -1 when absent
  long long start_index = 0;
  long long items_per_page = 0;
  std::vector<Paper> papers;
  std::vector<std::string> warnings;  // entries skipped or repaired, one line each
};

// Errors: malformed XML ("malformed XML at byte N: <reason>"), not an Atom feed, or the
// API's own error entry ("arXiv API error: <summary text>"). Entries without a usable id are
// skipped with a warning; invalid UTF-8 is repaired to U+FFFD with a warning.
Result<AtomFeed> parse_atom(std::string_view body);

}  // namespace paperpress
