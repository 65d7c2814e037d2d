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

  // The parts of `text` between `sep` bytes, empty ones skipped. A plain byte loop: the parts
  // are short (names, categories), so a memchr call per part would cost more than it saves.
  template <typename F>
  static void for_each_part(std::string_view text, char sep, F&& f) {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != sep) continue;
      if (i > start) f(text.substr(start, i - start));
      start = i + 1;
    }
    if (start < text.size()) f(text.substr(start));
  }
};

// An owning copy, for code that edits or outlives the store.
Paper to_paper(const PaperRef& ref);

}  // namespace paperpress
