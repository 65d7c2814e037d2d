// Turns a topic's papers for a period into a DigestDocument: the extractive one from the data
// alone, and the parts every digest shares (title, the facts of the overview, the paper list).
#pragma once

#include <string>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/digest/digest_file.h"
#include "paperpress/digest/digest_period.h"
#include "paperpress/digest/extractive.h"
#include "paperpress/digest/paper_selection.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress {

struct DigestInput {
  const Topic* topic = nullptr;
  DigestPeriod period;
  std::vector<const PaperRef*> papers;    // the period's papers in the topic
  std::vector<const PaperRef*> baseline;  // the topic's papers of the four weeks before
  PaperSelection selection;               // of `papers`
};

// "LLM digest, 2025-07-14" / "LLM digest, week 2025-W29".
std::string digest_title(const DigestInput& input);
// content/digests/<label>-<slug>.md, relative to the site.
std::string digest_file_name(const DigestInput& input);

std::vector<RisingTerm> input_rising_terms(const DigestInput& input);

// The overview's factual part: how many papers, the rising terms with their counts, and the
// chosen papers with their titles (arXiv text, escaped).
std::string overview_facts(const DigestInput& input);

DigestDocument extractive_digest(const DigestInput& input);

}  // namespace paperpress
