// The exact lookups of the search index: a query that is a paper's id, its whole title or an
// author's name finds the paper through a key, whatever the ranking of its words would say.
//   "i:<id>"        the version-less id, lowercased ("i:2501.00425", "i:hep-th/9901001")
//   "t:<title>"     fold_key of the title
//   "a:<name>"      fold_key of an author's name, of its first and last terms, and of the
//                   first term's initial and the last ("a:geoffrey e hinton",
//                   "a:geoffrey hinton", "a:g hinton")
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

// The keys of one paper, each once.
std::vector<std::string> lookup_keys(std::string_view id, std::string_view title,
                                     std::string_view authors /* '\n'-separated */);

// The values (search_key_value) of the same keys, appended to `out`; a value may repeat.
void append_key_values(std::string_view id, std::string_view title,
                       std::string_view authors /* '\n'-separated */, std::vector<uint64_t>& out);

// The keys of one author's name (without the "a:" prefix), each once.
std::vector<std::string> author_keys(std::string_view name);

}  // namespace paperpress
