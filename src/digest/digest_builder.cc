#include "paperpress/digest/digest_builder.h"

#include "paperpress/render/escape.h"

namespace paperpress {

namespace {

std::string paper_text(const PaperRef& p) {
  return std::string(p.title()) + ".\n" + std::string(p.abstract());
}

std::string escaped(std::string_view text) {
  std::string out;
  escape_markdown(out, text);
  return out;
}

std::string escaped_cell(std::string_view text) {
  std::string out;
  escape_markdown_cell(out, text);
  return out;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string when(const DigestPeriod& period) {
  return period.kind == DigestPeriod::Kind::kDay
             ? "on " + period.label
             : "in week " + period.label + " (" + period.first_day + " to " + period.last_day + ")";
}

}  // namespace

std::string digest_title(const DigestInput& input) {
  std::string name = input.topic->name.empty() ? input.topic->slug : input.topic->name;
  if (input.period.kind == DigestPeriod::Kind::kWeek)
    return name + " digest, week " + input.period.label;
  return name + " digest, " + input.period.label;
}

std::string digest_file_name(const DigestInput& input) {
  return "content/digests/" + input.period.label + "-" + input.topic->slug + ".md";
}

std::vector<RisingTerm> input_rising_terms(const DigestInput& input) {
  std::vector<std::string> period, baseline;
  for (const PaperRef* p : input.papers) period.push_back(paper_text(*p));
  for (const PaperRef* p : input.baseline) baseline.push_back(paper_text(*p));
  return rising_terms(period, baseline, 10);
}

std::string overview_facts(const DigestInput& input) {
  std::string out;
  out += "**" + plural(input.papers.size(), "paper", "papers") + "** in " +
         escaped(input.topic->name) + " " + when(input.period);
  if (input.selection.chosen.size() < input.papers.size())
    out += "; this digest covers " + std::to_string(input.selection.chosen.size()) +
           " of them, chosen by keyword hits, a named venue and code.";
  else
    out += ".";
  out += "\n\n#### Rising terms\n\n";
  std::vector<RisingTerm> terms = input_rising_terms(input);
  std::string against = "against the " + plural(input.baseline.size(), "paper", "papers") +
                        " of the four weeks before (" + input.period.baseline_first_day + " to " +
                        input.period.baseline_last_day + ")";
  if (terms.empty()) {
    out += "No term rose " + against + ".\n";
  } else {
    out += "Terms in at least two papers whose share at least doubled " + against + ":\n\n";
    out += "| term | papers now | papers before |\n| --- | ---: | ---: |\n";
    for (const RisingTerm& t : terms)
      out += "| " + escaped_cell(t.term) + " | " + std::to_string(t.today) + " | " +
             std::to_string(t.before) + " |\n";
  }
  out += "\n#### Papers\n\n";
  int n = 0;
  for (const ScoredPaper& s : input.selection.chosen) {
    std::string first_author;
    s.paper->for_each_author([&](std::string_view a) {
      if (first_author.empty()) first_author = std::string(a);
    });
    bool more = s.paper->authors().find('\n') != std::string_view::npos;
    out += std::to_string(++n) + ". " + escaped(s.paper->title()) +
           " (arXiv:" + std::string(s.paper->id()) + ")";
    if (!first_author.empty()) out += ", " + escaped(first_author) + (more ? " et al." : "");
    out += "\n";
  }
  return out;
}

DigestDocument extractive_digest(const DigestInput& input) {
  DigestDocument d;
  d.title = digest_title(input);
  d.date = input.period.first_day;
  d.generated_by = "extractive";
  d.overview =
      "*An extractive digest: written by paperpress from the papers' titles and abstracts "
      "alone, without a language model.*\n\n" +
      overview_facts(input);
  std::vector<std::string> corpus;
  for (const PaperRef* p : input.papers) corpus.push_back(paper_text(*p));
  for (const PaperRef* p : input.baseline) corpus.push_back(paper_text(*p));
  WordStats stats(corpus);
  for (const ScoredPaper& s : input.selection.chosen) {
    DigestSection section;
    section.id = std::string(s.paper->id());
    std::vector<std::string> sentences = key_sentences(s.paper->abstract(), stats, 2);
    if (!sentences.empty()) {
      section.markdown = "**Key sentences** (extractive):\n\n";
      for (size_t i = 0; i < sentences.size(); ++i)
        section.markdown += (i ? ">\n> " : "> ") + escaped(sentences[i]) + "\n";
    }
    d.sections.push_back(std::move(section));
  }
  return d;
}

}  // namespace paperpress
