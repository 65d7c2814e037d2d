// The Content-Type a preview server sends for a file, by its extension.
#pragma once

#include <string_view>

namespace paperpress {

// "text/html; charset=utf-8" for "a/index.html", "text/markdown; charset=utf-8" for
// "README.md", …; "application/octet-stream" for an unknown extension. Case-insensitive.
std::string_view content_type_for(std::string_view path);

// True for the types that get the live-reload script: HTML pages.
bool is_html_type(std::string_view content_type);

// True for text worth compressing, of the types above: pages, Markdown, scripts, styles, JSON
// (the search index), XML (feeds, the sitemap), SVG.
bool is_compressible_type(std::string_view content_type);

}  // namespace paperpress
