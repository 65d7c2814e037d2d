#include "paperpress/digest/paper_selection.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Whether `needle` (lower case) occurs in `text` (lower case) as whole words.
bool contains_words(std::string_view text, std::string_view needle) {
  if (needle.empty()) return false;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + 1)) {
    bool start = pos == 0 || !word_char(text[pos - 1]);
    size_t end = pos + needle.size();
    bool stop = end >= text.size() || !word_char(text[end]);
    if (start && stop) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 30> kVenues = {
    "accepted", "to appear", "neurips", "nips", "icml",    "iclr",       "aaai", "ijcai",
    "acl",      "emnlp",     "naacl",   "eacl", "coling",  "cvpr",       "iccv", "eccv",
    "kdd",      "sigir",     "www",     "wsdm", "icra",    "iros",       "corl", "tacl",
    "jmlr",     "tmlr",      "colm",    "uai",  "aistats", "interspeech"};
constexpr std::array<std::string_view, 8> kCode = {
    "github.com",         "gitlab.com",     "huggingface.co", "code is available",
    "code are available", "code available", "open-source",    "open source"};

}  // namespace

PaperSelection select_papers(const std::vector<const PaperRef*>& papers, const Topic& topic,
                             int limit) {
  PaperSelection out;
  out.candidates = papers.size();
  std::vector<std::string> keywords;
  for (const std::string& k : topic.keywords) keywords.push_back(ascii_lower(k));
  for (const auto& group : topic.all_of)
    for (const std::string& k : group) keywords.push_back(ascii_lower(k));
  for (const PaperRef* p : papers) {
    ScoredPaper s;
    s.paper = p;
    std::string title = ascii_lower(p->title()), abstract = ascii_lower(p->abstract());
    std::string comment = ascii_lower(p->comment());
    for (const std::string& k : keywords) {
      if (contains_words(title, k)) s.keyword_hits += 2;
      if (contains_words(abstract, k)) s.keyword_hits += 1;
    }
    for (std::string_view v : kVenues) s.venue = s.venue || contains_words(comment, v);
    for (std::string_view c : kCode)
      s.code =
          s.code || comment.find(c) != std::string::npos || abstract.find(c) != std::string::npos;
    s.score = s.keyword_hits + (s.venue ? 3 : 0) + (s.code ? 2 : 0);
    s.reason = std::to_string(s.keyword_hits) + " keyword hit" + (s.keyword_hits == 1 ? "" : "s");
    if (s.venue) s.reason += ", venue";
    if (s.code) s.reason += ", code";
    out.chosen.push_back(std::move(s));
  }
  std::sort(out.chosen.begin(), out.chosen.end(), [](const ScoredPaper& a, const ScoredPaper& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.paper->id() < b.paper->id();
  });
  if (limit >= 0 && out.chosen.size() > static_cast<size_t>(limit)) out.chosen.resize(limit);
  return out;
}

}  // namespace paperpress
