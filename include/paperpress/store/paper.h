// The normalized record of one arXiv paper, as every parser produces it and the store keeps it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper_fields.h"

namespace paperpress {

// One member per line of PAPERPRESS_PAPER_FIELDS (paper_fields.h), named as the field.
struct Paper {
#define PAPERPRESS_PAPER_MEMBER(Name, name, storage, exported, show) \
  PaperFieldValue<PaperFieldSpec::Storage::storage>::Type name{};
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_PAPER_MEMBER)
#undef PAPERPRESS_PAPER_MEMBER

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
