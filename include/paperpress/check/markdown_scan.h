// Links and anchors of a Markdown page, as GitHub would render it: inline links and images
// ([text](target), ![alt](target)), reference definitions ([label]: target), and the href/src
// attributes of raw HTML, ignoring everything inside code spans and fenced code blocks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperpress/check/html_scan.h"

namespace paperpress {

struct MarkdownFacts {
  std::vector<FoundLink> links;  // in page order
  // With CollectIds::kYes: the anchors GitHub gives the headings ("## Papers" → "papers"), and
  // the id attributes of raw HTML.
  std::vector<std::string> ids;
};

MarkdownFacts scan_markdown(std::string_view text, CollectIds ids);

// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.
std::string github_heading_anchor(std::string_view heading);

}  // namespace paperpress
