// A read-only view of one stored paper: every field points into the store's loaded bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "paperpress/store/paper.h"

namespace paperpress {

struct PaperRef {
  std::string_view id;
  int version = 0;
  std::string_view title;
  std::string_view authors;  // names joined by '\n'
  std::string_view abstract;
  std::string_view comment;
  std::string_view journal_ref;
  std::string_view doi;
  std::string_view categories;  // joined by ' ', primary first
  std::string_view primary_category;
  std::string_view published;  // ISO 8601 UTC
  std::string_view updated;
  std::string_view abs_url;
  std::string_view pdf_url;
  uint64_t digest = 0;  // of the stored record (see scan_log): equal bytes, equal digest

  // Calls f(std::string_view name) for each author, in order.
  template <typename F>
  void for_each_author(F&& f) const {
    for_each_part(authors, '\n', f);
  }
  template <typename F>
  void for_each_category(F&& f) const {
    for_each_part(categories, ' ', f);
  }

  template <typename F>
  static void for_each_part(std::string_view text, char sep, F&& f) {
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find(sep, start);
      if (end == std::string_view::npos) end = text.size();
      if (end > start) f(text.substr(start, end - start));
      start = end + 1;
    }
  }
};

// An owning copy, for code that edits or outlives the store.
Paper to_paper(const PaperRef& ref);

}  // namespace paperpress
