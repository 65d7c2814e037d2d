// The normalized record of one arXiv paper, as every parser produces it and the store keeps it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

struct Paper {
  std::string id;     // version-less: "2501.01234" or "hep-th/9901001"
  int version = 0;    // 0 when the source does not say (OAI format "arXiv")
  std::string title;  // whitespace normalized
  std::vector<std::string> authors;
  std::string abstract;  // whitespace normalized
  std::string comment;
  std::string journal_ref;
  std::string doi;
  std::vector<std::string> categories;  // primary first
  std::string primary_category;
  std::string published;  // ISO 8601 UTC, "2025-01-31T17:59:59Z"
  std::string updated;    // ISO 8601 UTC; equals `published` for a first version
  std::string abs_url;
  std::string pdf_url;

  bool operator==(const Paper&) const = default;
};

// True when `candidate` should replace `current` for the same id: a higher version, or the
// same version updated later, or (all equal) the newer record, which is `candidate`.
bool supersedes(const Paper& candidate, const Paper& current);
// The same rule on the version and `updated` time of each.
bool supersedes(int candidate_version, std::string_view candidate_updated, int current_version,
                std::string_view current_updated);

// Fills abs_url and pdf_url from id and version when the source gave none.
void fill_default_links(Paper& paper);

}  // namespace paperpress
