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

}  // namespace paperpress
