#include "paperpress/digest/extractive.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <set>

namespace paperpress {

namespace {

constexpr std::string_view kStopwords[] = {
    "the",
    "and",
    "for",
    "are",
    "but",
    "not",
    "you",
    "all",
    "any",
    "can",
    "had",
    "her",
    "was",
    "one",
    "our",
    "out",
    "has",
    "him",
    "his",
    "how",
    "its",
    "may",
    "new",
    "now",
    "old",
    "see",
    "two",
    "way",
    "who",
    "did",
    "get",
    "let",
    "say",
    "she",
    "too",
    "use",
    "used",
    "uses",
    "using",
    "with",
    "this",
    "that",
    "these",
    "those",
    "from",
    "into",
    "onto",
    "than",
    "then",
    "them",
    "they",
    "their",
    "there",
    "here",
    "have",
    "been",
    "being",
    "were",
    "will",
    "would",
    "could",
    "should",
    "also",
    "such",
    "each",
    "both",
    "more",
    "most",
    "much",
    "many",
    "some",
    "other",
    "over",
    "under",
    "only",
    "very",
    "well",
    "while",
    "when",
    "where",
    "which",
    "what",
    "whether",
    "about",
    "above",
    "after",
    "again",
    "against",
    "among",
    "because",
    "before",
    "between",
    "during",
    "further",
    "through",
    "upon",
    "via",
    "within",
    "without",
    "across",
    "however",
    "thus",
    "therefore",
    "moreover",
    "furthermore",
    "although",
    "yet",
    "still",
    "often",
    "even",
    "just",
    "like",
    "make",
    "makes",
    "made",
    "first",
    "second",
    "show",
    "shows",
    "shown",
    "showing",
    "propose",
    "proposes",
    "proposed",
    "present",
    "presents",
    "introduce",
    "introduces",
    "paper",
    "papers",
    "work",
    "study",
    "approach",
    "approaches",
    "method",
    "methods",
    "result",
    "results",
    "based",
    "existing",
    "novel",
    "achieve",
    "achieves",
    "demonstrate",
    "demonstrates",
    "significant",
    "significantly",
    "various",
    "different",
    "given",
    "including",
    "provide",
    "provides",
    "able",
    "key",
    "extensive",
    "experiments",
    "experimental",
    "task",
    "tasks",
    "performance",
    "outperforms",
    "state-of-the-art",
    "art",
    "state",
};

bool stopword(std::string_view w) {
  return std::find(std::begin(kStopwords), std::end(kStopwords), w) != std::end(kStopwords);
}

// Words of `text` in order, with "" where punctuation breaks a phrase.
std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&](bool breaks) {
    while (!word.empty() && word.back() == '-') word.pop_back();
    bool letter =
        std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (word.size() >= 3 && letter && !stopword(word)) {
      out.push_back(word);
    } else if (!word.empty() && !out.empty() && !out.back().empty()) {
      out.push_back("");  // a left-out word also ends a phrase
    }
    word.clear();
    if (breaks && !out.empty() && !out.back().empty()) out.push_back("");
  };
  for (char raw : text) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw)));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (c == '-' && !word.empty()) {
      word += c;
    } else {
      bool breaks = !(c == ' ' || c == '\t' || c == '\n' || c == '\r');
      flush(breaks);
    }
  }
  flush(false);
  return out;
}

}  // namespace

std::vector<std::string> distinct_terms(std::string_view text) {
  std::vector<std::string> t = tokens(text);
  std::set<std::string> terms;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].empty()) continue;
    terms.insert(t[i]);
    if (i + 1 < t.size() && !t[i + 1].empty()) terms.insert(t[i] + " " + t[i + 1]);
  }
  return {terms.begin(), terms.end()};
}

std::vector<RisingTerm> rising_terms(const std::vector<std::string>& period,
                                     const std::vector<std::string>& baseline, size_t max_terms) {
  std::map<std::string, int> today, before;
  for (const std::string& text : period)
    for (std::string& term : distinct_terms(text)) ++today[std::move(term)];
  for (const std::string& text : baseline)
    for (std::string& term : distinct_terms(text)) ++before[std::move(term)];
  const double D = static_cast<double>(period.size());
  const double B = static_cast<double>(baseline.size());
  std::vector<RisingTerm> all;
  for (const auto& [term, d] : today) {
    if (d < 2) continue;
    auto it = before.find(term);
    int b = it == before.end() ? 0 : it->second;
    double rise = (d / D) / ((b + 1) / (B + 1));
    if (rise >= 2.0) all.push_back(RisingTerm{term, d, b, rise});
  }
  std::sort(all.begin(), all.end(), [](const RisingTerm& a, const RisingTerm& b) {
    if (a.rise != b.rise) return a.rise > b.rise;
    if (a.today != b.today) return a.today > b.today;
    return a.term < b.term;
  });
  // A word whose phrase is listed with the same count says nothing more.
  std::vector<RisingTerm> out;
  for (const RisingTerm& t : all) {
    if (t.term.find(' ') == std::string::npos) {
      bool covered = std::any_of(all.begin(), all.end(), [&](const RisingTerm& p) {
        if (p.today != t.today || p.term.find(' ') == std::string::npos) return false;
        size_t space = p.term.find(' ');
        return p.term.substr(0, space) == t.term || p.term.substr(space + 1) == t.term;
      });
      if (covered) continue;
    }
    out.push_back(t);
    if (out.size() == max_terms) break;
  }
  return out;
}

WordStats::WordStats(const std::vector<std::string>& texts) : documents_(texts.size()) {
  for (const std::string& text : texts)
    for (const std::string& term : distinct_terms(text))
      if (term.find(' ') == std::string::npos) ++df_[term];
}

double WordStats::idf(const std::string& word) const {
  auto it = df_.find(word);
  int df = it == df_.end() ? 0 : it->second;
  return std::log((documents_ + 1.0) / (df + 1.0));
}

std::vector<std::string> split_sentences(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kAbbrev = {"e.g.", "i.e.",    "al.",   "etc.",
                                                               "vs.",  "cf.",     "fig.",  "eq.",
                                                               "sec.", "approx.", "resp.", "no."};
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '?' && c != '!') continue;
    if (i + 2 >= text.size() || text[i + 1] != ' ') continue;
    unsigned char next = static_cast<unsigned char>(text[i + 2]);
    if (!std::isupper(next) && !std::isdigit(next)) continue;
    size_t word_start = text.rfind(' ', i);
    word_start =
        word_start == std::string_view::npos || word_start < start ? start : word_start + 1;
    std::string last;
    for (char ch : text.substr(word_start, i + 1 - word_start))
      last += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (std::find(kAbbrev.begin(), kAbbrev.end(), last) != kAbbrev.end()) continue;
    out.emplace_back(text.substr(start, i + 1 - start));
    start = i + 2;
  }
  if (start < text.size()) out.emplace_back(text.substr(start));
  for (std::string& s : out) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  }
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

std::vector<std::string> key_sentences(std::string_view abstract, const WordStats& stats,
                                       size_t count) {
  std::vector<std::string> sentences = split_sentences(abstract);
  struct Scored {
    size_t index;
    double score;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < sentences.size(); ++i) {
    size_t words = 0;
    for (char c : sentences[i]) words += c == ' ';
    ++words;
    if (words < 5) continue;
    double sum = 0;
    for (const std::string& term : distinct_terms(sentences[i]))
      if (term.find(' ') == std::string::npos) sum += stats.idf(term);
    scored.push_back(Scored{i, sum / std::sqrt(static_cast<double>(words))});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.index < b.index;
  });
  if (scored.size() > count) scored.resize(count);
  std::sort(scored.begin(), scored.end(),
            [](const Scored& a, const Scored& b) { return a.index < b.index; });
  std::vector<std::string> out;
  for (const Scored& s : scored) out.push_back(sentences[s.index]);
  if (out.empty() && !sentences.empty()) out.push_back(sentences.front());
  return out;
}

}  // namespace paperpress
