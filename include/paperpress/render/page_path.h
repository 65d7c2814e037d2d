// Where a page lives and how pages link to each other. A page is named by a key: a folder page
// ends with '/' ("papers/llm/", "" for the home page), a file page does not
// ("papers/llm/2025_07/papers_2"). Its files follow from the format: "papers/llm/index.html" and
// "papers/llm/README.md"; "papers/llm/2025_07/papers_2.html" and ".md".
#pragma once

#include <string>
#include <string_view>

#include "paperpress/render/output_format.h"

namespace paperpress {

// --- The keys of the site's pages, and of the files beside them.
// The home page: "".
inline constexpr std::string_view kHomeKey = "";
// All topics: "papers/".
inline constexpr std::string_view kPapersKey = "papers/";
// A topic's index: "papers/llm/".
std::string topic_key(std::string_view topic);
// Part `part` (1-based) of month `month` ("2025_07") of a topic: "papers/llm/2025_07/papers_2".
std::string part_key(std::string_view topic, std::string_view month, size_t part);
// A month of a topic, the index of its parts and days: "papers/llm/2025_07/".
std::string month_key(std::string_view topic, std::string_view month);
// A paper's own page, in arXiv's /abs/ layout: "abs/2501.00425", "abs/hep-th/9901001". Empty
// when `id` is no well-formed arXiv id (such a paper gets no page: its id is never a path).
std::string paper_key(std::string_view id);
// The site's daily index, every topic's days: "daily/".
inline constexpr std::string_view kDailyKey = "daily/";
// A topic's days: "daily/llm/".
std::string daily_key(std::string_view topic);
// One day ("2025-07-01") of a topic: "daily/llm/2025-07-01".
std::string day_key(std::string_view topic, std::string_view date);
// A topic's Atom feed and month chart, files beside its index: "papers/llm/feed.xml",
// "papers/llm/chart.svg".
std::string topic_feed_file(std::string_view topic);
std::string topic_chart_file(std::string_view topic);
// The site's Atom feed, the newest papers of every topic: "feed.xml".
inline constexpr std::string_view kSiteFeedFile = "feed.xml";

// The folder page `key` lives in, as a key: "papers/llm/2025_07/" for
// "papers/llm/2025_07/papers_2" and for "papers/llm/2025_07/", "" for the home page. Links
// from a page depend on this alone.
std::string_view page_folder(std::string_view key);

// The output file of page `key` in `format`, relative to the output folder.
std::string page_file(std::string_view key, const OutputFormat& format);

// The link from page `from` to page `to`, both in `format`, relative so that it works at a
// domain root, under a sub-path and on GitHub: "papers_1.md", "../README.md", "../../".
std::string page_link(std::string_view from, std::string_view to, const OutputFormat& format);

// The link from page `from` to a plain file `path` (relative to the output root).
std::string file_link(std::string_view from, std::string_view path);

// The path part of base_url as written, without a trailing '/': "https://u.github.io/archive/"
// → "/archive"; "" when the site lives at the root of its host.
std::string site_path(std::string_view base_url);

// The absolute URL of page `to` under `base_url` (HTML form), for feeds, sitemap and canonical
// links.
std::string page_url(std::string_view base_url, std::string_view to);

}  // namespace paperpress
