// Where a page lives and how pages link to each other. A page is named by a key: a folder page
// ends with '/' ("papers/llm/", "" for the home page), a file page does not
// ("papers/llm/2025_07/papers_2"). Its files follow from the format: "papers/llm/index.html" and
// "papers/llm/README.md"; "papers/llm/2025_07/papers_2.html" and ".md".
#pragma once

#include <string>
#include <string_view>

#include "paperpress/render/output_format.h"

namespace paperpress {

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
