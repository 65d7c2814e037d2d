// The digest without a model: what the data alone says, deterministically.
//
// Terms are the words of a paper's title and abstract (lower case, ASCII letters and digits,
// inner '-' kept, at least three characters and one letter, common English and paper words
// left out) and the two-word phrases of adjacent such words with no punctuation between them.
// A term counts once per paper.
//
// Rising terms: a term found in d of the period's D papers and in b of the B papers of the
// four weeks before rises when d >= 2 and its share grew at least twofold:
//   rise = (d / D) / ((b + 1) / (B + 1)) >= 2.
// They are listed by rise, then d, then the term; a word is left out when a listed phrase
// holding it has the same d.
//
// Key sentences: the abstract split into sentences (after . ? ! followed by a space and a
// capital or digit, not after "e.g.", "i.e.", "et al." and the like); each sentence of at least
// five words scores the sum of idf = ln((N + 1) / (df + 1)) over its distinct words (N papers
// of period and baseline, df of them with the word) divided by the square root of its word
// count; the best `count` are returned in the abstract's order.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

// The distinct terms (words and two-word phrases) of one text.
std::vector<std::string> distinct_terms(std::string_view text);

struct RisingTerm {
  std::string term;
  int today = 0;   // papers of the period with the term
  int before = 0;  // papers of the four weeks before with it
  double rise = 0;
};

// `period` and `baseline`: the title and abstract of each paper, one text a paper.
std::vector<RisingTerm> rising_terms(const std::vector<std::string>& period,
                                     const std::vector<std::string>& baseline, size_t max_terms);

// Document frequencies of words over a corpus, for sentence scores.
class WordStats {
 public:
  explicit WordStats(const std::vector<std::string>& texts);
  double idf(const std::string& word) const;

 private:
  std::map<std::string, int, std::less<>> df_;
  int documents_ = 0;
};

std::vector<std::string> split_sentences(std::string_view text);
std::vector<std::string> key_sentences(std::string_view abstract, const WordStats& stats,
                                       size_t count);

}  // namespace paperpress
