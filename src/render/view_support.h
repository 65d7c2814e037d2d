// What the view builders of render/ share: the page being built and the helpers that make
// text from arXiv safe for the places templates write it (private to src/render/).
#pragma once

#include <string>
#include <string_view>

#include "paperpress/render/page_path.h"
#include "paperpress/render/views.h"

namespace paperpress {

// The page being built: its job, format and arena.
struct ViewContext {
  const SiteData& site;
  const PageJob& job;
  const OutputFormat& format;
  ViewArena& arena;

  std::string_view link(std::string_view to) const {
    return arena.copy(page_link(job.key, to, format));
  }
  std::string_view file(std::string_view path) const {
    return arena.copy(file_link(job.key, path));
  }
};

// Code spans cannot escape a backtick; arXiv ids and categories never hold one, so drop any.
std::string_view code_safe(ViewArena& arena, std::string_view text);

// A URL from arXiv data, made safe for an href and a Markdown link: only http(s), and the
// characters that could end or break out of either are percent-encoded.
std::string_view safe_url(ViewArena& arena, std::string_view url);

// Text for HTML element content inside Markdown (cards, <details>): escape_element_text.
std::string_view element_text(ViewArena& arena, std::string_view text);

// Markdown without the blank lines (and trailing spaces) around it.
std::string_view trim_blank_lines(std::string_view md);

// Markdown text as a blockquote: every line prefixed by `prefix` ("> ", or "  > " inside a
// list item), without a final line break.
std::string quote_markdown(std::string_view text, std::string_view prefix);

}  // namespace paperpress
