#include "paperpress/store/paper.h"

namespace paperpress {

bool supersedes(const Paper& candidate, const Paper& current) {
  return supersedes(candidate.version, candidate.updated, current.version, current.updated);
}

bool supersedes(int candidate_version, std::string_view candidate_updated, int current_version,
                std::string_view current_updated) {
  if (candidate_version != 0 && current_version != 0 && candidate_version != current_version)
    return candidate_version > current_version;
  // ISO 8601 UTC strings of one shape compare as times.
  if (candidate_updated != current_updated) return candidate_updated > current_updated;
  return true;
}

void fill_default_links(Paper& paper) {
  std::string ref = paper.id;
  if (paper.version > 0) ref += "v" + std::to_string(paper.version);
  if (paper.abs_url.empty()) paper.abs_url = "https://arxiv.org/abs/" + ref;
  if (paper.pdf_url.empty()) paper.pdf_url = "https://arxiv.org/pdf/" + ref;
}

}  // namespace paperpress
