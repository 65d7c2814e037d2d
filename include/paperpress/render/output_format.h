// Output formats are data: every page renders once per format, and a format says how its files
// are named and how its text is escaped.
#pragma once

#include <array>
#include <string_view>

#include "paperpress/render/template.h"

namespace paperpress {

enum class FormatId : uint8_t { kHtml, kMarkdown, kBibtex };

struct OutputFormat {
  FormatId id;
  std::string_view name;        // "html", "md": the template file suffix
  std::string_view extension;   // ".html", ".md"
  std::string_view index_file;  // a folder page's file: "index.html", "README.md"
  Escape escape;                // default escaping of {{name}} in its templates
  bool link_folders_by_slash;   // link a folder page as "dir/" (HTML) or "dir/README.md"
};

inline constexpr OutputFormat kHtmlFormat{FormatId::kHtml, "html",        ".html",
                                          "index.html",    Escape::kHtml, true};
inline constexpr OutputFormat kMarkdownFormat{FormatId::kMarkdown, "md", ".md", "README.md",
                                              Escape::kMarkdown,   false};
// BibTeX: a paper's citation as abs/<id>.bib, only for page kinds whose template has a .bib form.
inline constexpr OutputFormat kBibtexFormat{FormatId::kBibtex, "bib",         ".bib",
                                            "index.bib",       Escape::kNone, false};
inline constexpr std::array<const OutputFormat*, 3> kPageFormats = {&kHtmlFormat, &kMarkdownFormat,
                                                                    &kBibtexFormat};

}  // namespace paperpress
