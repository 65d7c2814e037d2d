#include "paperpress/render/theme.h"

#include "paperpress/render/embedded_theme.h"
#include "paperpress/render/views.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"

namespace paperpress {

namespace {

Escape escape_for(std::string_view suffix) {
  if (suffix == "html") return Escape::kHtml;
  if (suffix == "md") return Escape::kMarkdown;
  if (suffix == "xml" || suffix == "svg") return Escape::kXml;
  return Escape::kNone;
}

struct Source {
  std::string text;
  std::string file;  // for messages
};

// Collects theme files from a folder: templates/* and static/**.
Status collect_dir(const std::filesystem::path& dir, std::map<std::string, Source>& templates,
                   std::map<std::string, std::string>& assets) {
  std::error_code ec, probe;
  if (std::filesystem::is_directory(dir / "templates", probe)) {
    for (const auto& e : std::filesystem::directory_iterator(dir / "templates", ec)) {
      if (!e.is_regular_file()) continue;
      auto text = read_file(e.path());
      if (!text) return text.error();
      templates[e.path().filename().string()] = Source{std::move(*text), e.path().string()};
    }
  }
  if (std::filesystem::is_directory(dir / "static", probe)) {
    for (auto it = std::filesystem::recursive_directory_iterator(dir / "static", ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      auto bytes = read_file(it->path());
      if (!bytes) return bytes.error();
      assets[std::filesystem::relative(it->path(), dir / "static").generic_string()] =
          std::move(*bytes);
    }
  }
  if (ec) return Error{"cannot read theme folder " + dir.string() + ": " + ec.message()};
  return Status::success();
}

}  // namespace

Result<Theme> Theme::load(const Config& config) {
  std::map<std::string, Source> templates;  // file name → source
  Theme theme;
  std::filesystem::path site_theme = config.site_dir / "themes" / config.theme;
  std::error_code ec;
  bool has_site_theme = std::filesystem::is_directory(site_theme, ec);
  if (config.theme == "default") {
    for (const EmbeddedFile& f : embedded_default_theme()) {
      std::string path(f.path);
      if (path.rfind("templates/", 0) == 0)
        templates[path.substr(10)] = Source{std::string(f.data), "themes/default/" + path};
      else if (path.rfind("static/", 0) == 0)
        theme.assets_[path.substr(7)] = std::string(f.data);
    }
  } else if (!has_site_theme) {
    return Error{"theme '" + config.theme + "' not found: expected the folder " +
                 site_theme.string()};
  }
  if (has_site_theme) {
    if (auto st = collect_dir(site_theme, templates, theme.assets_); !st) return st.error();
  }
  if (auto st = collect_dir(config.site_dir, templates, theme.assets_); !st) return st.error();

  for (const auto& [file, source] : templates)
    theme.fingerprint_ =
        hash_combine(hash_combine(theme.fingerprint_, hash_bytes(file)), hash_bytes(source.text));
  for (const auto& [path, bytes] : theme.assets_)
    theme.fingerprint_ =
        hash_combine(hash_combine(theme.fingerprint_, hash_bytes(path)), hash_bytes(bytes));
  for (auto& [file, source] : templates) {
    size_t dot = file.rfind('.');
    if (dot == std::string::npos || dot == 0) continue;
    std::string name = file.substr(0, dot), suffix = file.substr(dot + 1);
    if (auto st = theme.by_suffix_[suffix].add(name, source.text, source.file, escape_for(suffix));
        !st)
      return st.error();
  }
  for (auto& [suffix, partials] : theme.by_suffix_) {
    if (auto st = partials.check(); !st) return st.error();
    partials.bind(view_schemas());
  }
  return theme;
}

bool Theme::mentions(std::string_view name) const {
  for (const auto& [suffix, partials] : by_suffix_)
    if (partials.mentions(name)) return true;
  return false;
}

const Partials& Theme::templates(std::string_view suffix) const {
  static const Partials kNone;
  auto it = by_suffix_.find(suffix);
  return it == by_suffix_.end() ? kNone : it->second;
}

const Template* Theme::find(std::string_view name, std::string_view suffix) const {
  return templates(suffix).find(name);
}

}  // namespace paperpress
