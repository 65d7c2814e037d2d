// paperpress check: a built site, checked as a visitor would find it. Every internal link (href
// and src in HTML, link and image targets in the Markdown mirrors, <loc> and <link> in the
// sitemap and feeds) must reach a file of the output; every #anchor an id (or, in Markdown, a
// heading) of its target; every HTML page needs a non-empty <title>; every *.xml file must be
// well-formed. Links to other sites are only collected, unless asked for.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "paperpress/check/external_links.h"
#include "paperpress/util/result.h"

namespace paperpress {

enum class ProblemKind {
  kBrokenLink,
  kBrokenAnchor,
  kNoTitle,
  kEmptyTitle,
  kMalformedXml,
  kUnreadable,
  kBrokenExternalLink,
};

struct CheckProblem {
  std::string file;  // relative to the output folder, "papers/llm/index.html"
  size_t line = 0;   // 1-based; 0 when the problem is about the whole file
  ProblemKind kind = ProblemKind::kBrokenLink;
  std::string link;    // the link as written; "" when the problem is not about a link
  std::string detail;  // what is wrong
};

// One line: "public/index.html:14: broken link "x.html": no such file x.html".
// `shown_root` is the output folder as the user should see it.
std::string format_problem(const CheckProblem& problem, const std::filesystem::path& shown_root);

enum class ExternalLinks { kSkip, kCheck };

struct CheckOptions {
  std::filesystem::path output_dir;
  std::string base_url;  // absolute links under it are checked as internal ones
  unsigned threads = 0;  // 0: one per core
  ExternalLinks external = ExternalLinks::kSkip;
  ExternalCheckOptions external_options;
};

struct CheckReport {
  size_t html_pages = 0;
  size_t markdown_pages = 0;
  size_t xml_files = 0;
  size_t other_files = 0;
  size_t links = 0;               // internal links checked
  size_t anchors = 0;             // of which with an #anchor
  size_t external_link_uses = 0;  // links to other sites, counting every occurrence
  size_t external_links = 0;      // distinct external URLs (only with ExternalLinks::kCheck)
  size_t external_checked = 0;
  std::vector<std::string> external_unchecked;  // "URL: why" (rate limits, the limit)
  std::vector<CheckProblem> problems;           // by file, then line
};

// Checks the site in options.output_dir. With ExternalLinks::kCheck, external URLs are asked
// through `probe`, paced by `clock` (both required then). An Error only when the folder cannot
// be read at all.
Result<CheckReport> check_site(const CheckOptions& options, LinkProbe* probe = nullptr,
                               Clock* clock = nullptr);

}  // namespace paperpress
