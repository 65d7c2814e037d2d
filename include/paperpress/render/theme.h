// A theme: templates (one Mustache file per page kind and format, "part.html", "part.md",
// "feed.xml"…) and static assets copied to the output. The default theme is built in; a site
// may bring a theme of its own in themes/<name>/ and override any single template by putting a
// file of the same name in its templates/ folder, or any asset in static/.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/render/template.h"
#include "paperpress/util/result.h"

namespace paperpress {

class Theme {
 public:
  static Result<Theme> load(const Config& config);

  // The templates with file suffix `suffix` ("html", "md", "xml", "svg", "txt"), by base name,
  // for rendering and as each other's partials.
  const Partials& templates(std::string_view suffix) const;
  // The template `name` of suffix `suffix`, or nullptr.
  const Template* find(std::string_view name, std::string_view suffix) const;

  // Static files: output path → bytes.
  const std::map<std::string, std::string>& assets() const { return assets_; }

  // Whether any template of the theme names `name` (a view member no template names need not
  // be built).
  bool mentions(std::string_view name) const;

  // A hash of every template and asset, with their names: equal themes render equal pages.
  uint64_t fingerprint() const { return fingerprint_; }

 private:
  std::map<std::string, Partials, std::less<>> by_suffix_;
  std::map<std::string, std::string> assets_;
  uint64_t fingerprint_ = 0;
};

}  // namespace paperpress
