// Writes papers as an arXiv query-API Atom feed: what `sample` stores and test servers serve.
#pragma once

#include <string>
#include <vector>

#include "paperpress/store/paper.h"

namespace paperpress {

struct FeedPage {
  long long total_results = 0;
  long long start_index = 0;
  long long items_per_page = 0;
};

// Appends a whole feed document to `out`. Text is XML-escaped; nothing in a paper can break it.
void write_atom_feed(const std::vector<Paper>& papers, const FeedPage& page, std::string& out);

}  // namespace paperpress
