// The prompts a digest sends: Mustache templates (render/template.h, no escaping) over a
// paper's fields or the period's chosen papers. A site overrides them with
// templates/digest-paper.md and templates/digest-overview.md.
//
// digest-paper.md sees: id, version, title, authors, categories, comment, abstract, topic,
// date. digest-overview.md sees: topic, date, papers (a list of objects with id, title,
// abstract, analysis: the model's answer for it), rising (a list of term, today, before).
// Every value from arXiv or from a model has "<paper"/"</paper" and "<papers"/"</papers"
// defused (the "<" becomes "(") so that it cannot close the tags that mark it as data.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/digest/digest_builder.h"
#include "paperpress/render/template.h"
#include "paperpress/util/result.h"

namespace paperpress {

// The system message of every request.
extern const char* const kDigestSystemPrompt;

struct DigestPrompts {
  Template paper;
  Template overview;
};

// The site's templates/digest-*.md where present, else the built-in ones; a template error
// names the file and line.
Result<DigestPrompts> load_digest_prompts(const std::filesystem::path& site_dir);

// Text from arXiv or a model as it enters a prompt.
std::string defuse_prompt_data(std::string_view text);

Result<std::string> render_paper_prompt(const DigestPrompts& prompts, const DigestInput& input,
                                        const PaperRef& paper);

struct AnalysedPaper {
  const PaperRef* paper = nullptr;
  std::string analysis;
};
Result<std::string> render_overview_prompt(const DigestPrompts& prompts, const DigestInput& input,
                                           const std::vector<AnalysedPaper>& papers);

}  // namespace paperpress
