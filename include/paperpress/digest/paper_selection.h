// Which of a day's papers a digest covers. All of them when they are at most the limit
// ([digest] papers); otherwise the best scored, where a paper scores
//   + 2 for each of the topic's keywords in its title, + 1 for each in its abstract,
//   + 3 when its comment names a venue ("accepted at", "NeurIPS", "ACL 2025", ...),
//   + 2 when its comment or abstract points to code or data (github.com, "code is available",
//     huggingface.co, ...),
// ties going to the lower arXiv id (the earlier submission). Either way the chosen papers are
// listed by score, then id, and each says why it was chosen (shown by --dry-run).
#pragma once

#include <string>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress {

struct ScoredPaper {
  const PaperRef* paper = nullptr;
  int score = 0;
  int keyword_hits = 0;  // keywords found in the title (each counted twice) and abstract
  bool venue = false;
  bool code = false;
  std::string reason;  // "3 keyword hits, venue, code"
};

struct PaperSelection {
  std::vector<ScoredPaper> chosen;
  size_t candidates = 0;  // the day's papers in the topic
};

PaperSelection select_papers(const std::vector<const PaperRef*>& papers, const Topic& topic,
                             int limit);

}  // namespace paperpress
