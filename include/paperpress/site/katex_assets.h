// KaTeX, shipped with a site whose pages hold math (render/math_text.h): found at build time
// in a KaTeX distribution folder, the one Debian's libjs-katex installs
// (/usr/share/javascript/katex) or npm's (node_modules/katex/dist), and copied under
// assets/katex/ in the output. Never loaded from another host.
//
// A distribution folder holds katex.min.js, katex.min.css and fonts/ beside them; the CSS names
// its fonts by the relative URL fonts/<name>, so the copy keeps that layout. The CSS lists each
// font as woff2, then woff, then ttf, and browsers take the first format they read: every
// browser KaTeX supports reads woff2, so only the woff2 files are copied (about 0.55 MB in all
// with Debian's 0.16.4, instead of 1.4 MB with the others).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

// The environment variable naming the KaTeX folder to use before any other.
inline constexpr std::string_view kKatexDirVariable = "PAPERPRESS_KATEX_DIR";
// Where KaTeX's files go in the output, relative to its root.
inline constexpr std::string_view kKatexOutputDir = "assets/katex";

// The folders find_katex tries for the site in `site_dir`: $PAPERPRESS_KATEX_DIR alone when set
// and not empty (a folder without KaTeX then means none); otherwise the site's own npm copy
// (site_dir/node_modules/katex/dist), then Debian's /usr/share/javascript/katex.
std::vector<std::filesystem::path> default_katex_candidates(const std::filesystem::path& site_dir);

// The first candidate that is a KaTeX distribution folder: katex.min.js and katex.min.css
// (files, or links to files) and a fonts/ folder with at least one .woff2 file; nullopt when
// none is.
std::optional<std::filesystem::path> find_katex(
    const std::vector<std::filesystem::path>& candidates);

// A file to copy: from `source` to `output`, a path relative to the output's root.
struct KatexFile {
  std::filesystem::path source;
  std::string output;  // "assets/katex/katex.min.js", "assets/katex/fonts/KaTeX_Main-Regular.woff2"
};

// The files a site needs from the KaTeX folder `katex_dir` (one find_katex answered):
// katex.min.js, katex.min.css and fonts/*.woff2, in that order, the fonts by name. Symbolic
// links are followed (Debian's katex.min.js and fonts/ are links). An error when a file is
// missing or fonts/ cannot be listed.
Result<std::vector<KatexFile>> katex_files(const std::filesystem::path& katex_dir);

}  // namespace paperpress
