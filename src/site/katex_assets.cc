#include "paperpress/site/katex_assets.h"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace paperpress {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kScript = "katex.min.js";
constexpr std::string_view kStyle = "katex.min.css";
constexpr std::string_view kFontDir = "fonts";
constexpr std::string_view kFontExtension = ".woff2";

// A regular file, or a link to one.
bool is_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// The names of the .woff2 files (or links to them) in `dir`, sorted.
Result<std::vector<std::string>> woff2_names(const fs::path& dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if (path.extension() == kFontExtension && is_file(path))
      names.push_back(path.filename().string());
  }
  if (ec) return Error{"cannot list " + dir.string() + ": " + ec.message()};
  std::sort(names.begin(), names.end());
  return names;
}

bool is_katex_dir(const fs::path& dir) {
  if (!is_file(dir / kScript) || !is_file(dir / kStyle)) return false;
  auto fonts = woff2_names(dir / kFontDir);
  return fonts && !fonts->empty();
}

std::string output_path(std::string_view name) {
  std::string out(kKatexOutputDir);
  out += '/';
  out += name;
  return out;
}

}  // namespace

std::vector<fs::path> default_katex_candidates(const fs::path& site_dir) {
  std::vector<fs::path> candidates;
  // Named, it is the only one: a build that names its KaTeX gets that one or none.
  if (const char* dir = std::getenv(std::string(kKatexDirVariable).c_str()); dir && *dir) {
    candidates.emplace_back(dir);
    return candidates;
  }
  candidates.push_back(site_dir / "node_modules" / "katex" / "dist");
  candidates.emplace_back("/usr/share/javascript/katex");
  return candidates;
}

std::optional<fs::path> find_katex(const std::vector<fs::path>& candidates) {
  for (const fs::path& dir : candidates)
    if (is_katex_dir(dir)) return dir;
  return std::nullopt;
}

Result<std::vector<KatexFile>> katex_files(const fs::path& katex_dir) {
  std::vector<KatexFile> files;
  for (std::string_view name : {kScript, kStyle}) {
    const fs::path source = katex_dir / name;
    if (!is_file(source)) return Error{"KaTeX file missing: " + source.string()};
    files.push_back({source, output_path(name)});
  }
  const fs::path font_dir = katex_dir / kFontDir;
  auto fonts = woff2_names(font_dir);
  if (!fonts) return fonts.error();
  if (fonts->empty()) return Error{"no .woff2 font in " + font_dir.string()};
  for (const std::string& name : *fonts)
    files.push_back({font_dir / name, output_path(std::string(kFontDir) + "/" + name)});
  return files;
}

}  // namespace paperpress
