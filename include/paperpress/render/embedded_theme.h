// The default theme, compiled into the binary so that paperpress works on any site folder.
#pragma once

#include <string_view>
#include <vector>

namespace paperpress {

struct EmbeddedFile {
  std::string_view path;  // relative to themes/default, e.g. "templates/part.md"
  std::string_view data;
};

const std::vector<EmbeddedFile>& embedded_default_theme();

}  // namespace paperpress
