#include "paperpress/digest/extractive.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

// Counted by hand (see docs/digest.md for the rule): stopwords and words under three letters
// break phrases; a term counts once per paper.
//   today (D = 3)                          before (B = 3)
//   diffusion          3                   0   rise (3/3)/(1/4) = 4
//   diffusion policy   2                   0   rise (2/3)/(1/4) = 2.67
//   policy             2                   0   2.67, but "diffusion policy" has the same count
//   sparse attention   2                   1   rise (2/3)/(2/4) = 1.33: not rising
//   robot grasping     1                   1   in one paper only
TEST(Extractive, RisingTermsMatchAHandCount) {
  std::vector<std::string> today = {
      "Diffusion policy for robot grasping.",
      "Diffusion policy with sparse attention.",
      "Sparse attention for retrieval with diffusion.",
  };
  std::vector<std::string> before = {
      "Sparse attention in transformers.",
      "Retrieval at scale.",
      "Robot grasping benchmark.",
  };
  auto terms = rising_terms(today, before, 10);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].term, "diffusion");
  EXPECT_EQ(terms[0].today, 3);
  EXPECT_EQ(terms[0].before, 0);
  EXPECT_DOUBLE_EQ(terms[0].rise, 4.0);
  EXPECT_EQ(terms[1].term, "diffusion policy");
  EXPECT_EQ(terms[1].today, 2);
  EXPECT_EQ(terms[1].before, 0);
}

TEST(Extractive, TermsAreWordsAndAdjacentPairs) {
  // "rl" and "x" are too short, "for" is a stopword, "," and ";" end phrases.
  EXPECT_EQ(distinct_terms("Large-scale RL, for LLM agents; sparse-"),
            (std::vector<std::string>{"agents", "large-scale", "llm", "llm agents", "sparse"}));
}

TEST(Extractive, SentencesSplitAtEndsNotAbbreviations) {
  auto s = split_sentences(
      "We study agents, e.g. Toolformer. Results improve by 3.5 points. 2 benchmarks "
      "confirm it! Et al. is not a sentence end: see Smith et al. For more.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "We study agents, e.g. Toolformer.");
  EXPECT_EQ(s[1], "Results improve by 3.5 points.");
  EXPECT_EQ(s[2], "2 benchmarks confirm it!");
}

TEST(Extractive, KeySentencesPreferRareWordsAndKeepTheirOrder) {
  WordStats stats({"common words here", "common words again", "common words also",
                   "quantum annealing schedules"});
  auto picked = key_sentences(
      "Common words appear in this first sentence here. We use quantum annealing schedules "
      "for routing problems today. Common words again fill this sentence too.",
      stats, 1);
  ASSERT_EQ(picked.size(), 1u);
  EXPECT_EQ(picked[0], "We use quantum annealing schedules for routing problems today.");
}

}  // namespace
}  // namespace paperpress
