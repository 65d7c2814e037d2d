#include "paperpress/store/paper.h"

namespace paperpress {

bool supersedes(const Paper& candidate, const Paper& current) {
  if (candidate.version != 0 && current.version != 0 && candidate.version != current.version)
    return candidate.version > current.version;
  // ISO 8601 UTC strings of one shape compare as times.
  if (candidate.updated != current.updated) return candidate.updated > current.updated;
  return true;
}

void fill_default_links(Paper& paper) {
  std::string ref = paper.id;
  if (paper.version > 0) ref += "v" + std::to_string(paper.version);
  if (paper.abs_url.empty()) paper.abs_url = "https://arxiv.org/abs/" + ref;
  if (paper.pdf_url.empty()) paper.pdf_url = "https://arxiv.org/pdf/" + ref;
}

}  // namespace paperpress
