// The documents of the search index: every paper the site shows (in at least one topic),
// numbered oldest first by the date of its first version and then its id, so that a paper keeps
// its number when newer papers arrive or it is revised (whatever date places it in the lists),
// and the newest papers have the highest numbers: new papers change only the index's newest
// segment. Each
// document links to the part page of its first topic that lists it (an anchor on its id).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/archive.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress {

struct SearchDoc {
  PaperIndex paper = 0;  // in the build's paper list
  uint16_t topic = 0;    // the first topic that lists it, in site.toml order
  uint16_t month = 0;    // the month group of that topic
  uint32_t part = 0;     // 1-based part of that month
  uint16_t year = 0;     // of its first version (DocTable::year)
};

struct DocTable {
  std::vector<SearchDoc> docs;        // by document number
  std::vector<uint32_t> topic_begin;  // docs.size() + 1 offsets into topics
  std::vector<uint16_t> topics;       // every topic of each document, in site.toml order

  bool paper_pages = false;  // [output] paper_pages: links lead to abs/<id>.html

  // The link to document `doc`, relative to the site's root: its own page,
  // "abs/2501.00425.html", or without paper pages (or for an id that names none) its place on a
  // part page, "papers/llm/2025_07/papers_2.html#2501.00425".
  std::string link(const Archive& archive, const std::vector<PaperRef>& papers, uint32_t doc) const;
  // The same into `out` (replacing what it held), without allocating once it is large enough.
  void link_into(std::string& out, const Archive& archive, const std::vector<PaperRef>& papers,
                 uint32_t doc) const;
  // The date of a paper's first version (its updated date when it has no published one): its
  // date in the index, which numbers it, files it under a year and shows it in the results.
  static std::string_view date(const PaperRef& paper);
  // The year of that date (0 when it has none).
  static int year(const PaperRef& paper);
};

DocTable build_doc_table(const Config& config, const std::vector<PaperRef>& papers,
                         const Archive& archive);

}  // namespace paperpress
