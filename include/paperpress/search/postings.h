// The inverted index of the search: for every term of the documents' titles, author names and
// abstracts (fold.h) and every category ("cs.cl"), the documents that hold it and the term's
// impact in each: the term-frequency part of BM25 over the fields, weighted (search_format.h)
// and quantized to 1–255. Built on several threads, each over a contiguous range of documents.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper_ref.h"

namespace paperpress {

// One posting: document number << 8 | impact.
using Posting = uint32_t;
inline constexpr uint32_t kMaxSearchDocs = 1u << 24;

struct TermPostings {
  std::vector<std::string> terms;
  std::vector<std::vector<Posting>> postings;  // per term, by document number
};

// The fields of one document, as the index reads them.
struct SearchFields {
  std::string_view title, authors /* '\n'-separated */, abstract, categories /* ' ' */;
  static SearchFields of(const PaperRef& paper) {
    return {paper.title(), paper.authors(), paper.abstract(), paper.categories()};
  }
};

// The impact of a term seen `tf` times in each field (title, authors, abstract, categories) of
// fields `len` terms long.
uint8_t term_impact(const uint32_t tf[4], const uint32_t len[4]);

// The postings of documents 0 … count - 1 (`doc(n)` gives document n's fields) on `threads`
// threads.
TermPostings build_postings(size_t count, const std::function<SearchFields(size_t)>& doc,
                            unsigned threads);

}  // namespace paperpress
