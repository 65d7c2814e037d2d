// A paper as templates see it (docs/themes.md, "A paper"): every field of the table in
// store/paper_fields.h under its name, shown as its line says, then the members derived from
// the page (`date`, `first`), from the theme (`all_authors`, `*_html`) and from content/ (the
// note on the paper). Private to src/render/.
#pragma once

#include <span>
#include <string_view>

#include "view_support.h"

namespace paperpress {

// Appends the view of paper `index` to `list` and returns it. Everything but a note on the
// paper is the same in every format; `*format_dependent` tells whether a note was added.
Value& add_paper(const ViewContext& c, Value& list, PaperIndex index, bool first,
                 bool* format_dependent = nullptr);

// Every member name of a paper's view, in record order.
std::span<const std::string_view> paper_view_names();

// A paper that is not in the store, named on a content page (a digest's or a note's paper): a
// paper's view holding only its id, `arXiv:<id>` as title, arXiv's links and `missing`.
Value& add_missing_paper(const ViewContext& c, Value& list, std::string_view id, bool first);

// A paper of a content page: the page's commentary on it in place of the paper's note.
void put_commentary(Value& paper, std::string_view html, std::string_view md);

// The records of a paper and of an author or a category (name, last; also the keywords and
// categories of a topic's filters).
const Schema& paper_schema();
const Schema& named_schema();
struct NamedKey {
  enum : uint8_t { kName, kLast, kCount };
};

}  // namespace paperpress
