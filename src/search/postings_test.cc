#include "paperpress/search/postings.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace paperpress {
namespace {

uint8_t impact_of(const TermPostings& index, std::string_view term, uint32_t doc) {
  auto it = std::find(index.terms.begin(), index.terms.end(), term);
  if (it == index.terms.end()) return 0;
  for (Posting p : index.postings[it - index.terms.begin()])
    if (p >> 8 == doc) return p & 0xFF;
  return 0;
}

TEST(TermImpact, TitleOutweighsAbstractAndMoreOftenOutweighsOnce) {
  const uint32_t len[4] = {8, 6, 150, 2};
  const uint32_t in_title[4] = {1, 0, 0, 0}, in_abstract[4] = {0, 0, 1, 0},
                 twice_in_abstract[4] = {0, 0, 2, 0}, in_author[4] = {0, 1, 0, 0};
  EXPECT_GT(term_impact(in_title, len), term_impact(twice_in_abstract, len));
  EXPECT_GT(term_impact(twice_in_abstract, len), term_impact(in_abstract, len));
  EXPECT_GT(term_impact(in_author, len), term_impact(in_abstract, len));
  EXPECT_GE(term_impact(in_abstract, len), 1);
  // A shorter title gives its words more weight.
  const uint32_t short_title[4] = {3, 6, 150, 2};
  EXPECT_GT(term_impact(in_title, short_title), term_impact(in_title, len));
}

TEST(BuildPostings, EveryTermOfEveryFieldWithItsDocumentsInOrder) {
  std::vector<SearchFields> docs = {
      {"Sparse attention", "Ada Lovelace\nAlan Turing", "We study attention.", "cs.CL cs.LG"},
      {"Graph networks", "Alan Turing", "Attention is not used.", "cs.LG"},
      {"Attention", "Grace Hopper", "", "cs.AI"},
  };
  for (unsigned threads : {1u, 2u, 3u}) {
    TermPostings index = build_postings(
        docs.size(), [&](size_t d) { return docs[d]; }, threads);
    auto it = std::find(index.terms.begin(), index.terms.end(), "attention");
    ASSERT_NE(it, index.terms.end());
    const auto& list = index.postings[it - index.terms.begin()];
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0] >> 8, 0u);
    EXPECT_EQ(list[1] >> 8, 1u);
    EXPECT_EQ(list[2] >> 8, 2u);
    // In a title it weighs more than in an abstract; in both, more still.
    EXPECT_GT(impact_of(index, "attention", 2), impact_of(index, "attention", 1));
    EXPECT_GT(impact_of(index, "attention", 0), impact_of(index, "attention", 1));
    EXPECT_GT(impact_of(index, "turing", 1), 0);
    EXPECT_GT(impact_of(index, "network", 1), 0);  // plural folded
    EXPECT_GT(impact_of(index, "cs.lg", 0), 0);    // categories whole, lowercased
    EXPECT_EQ(impact_of(index, "cs", 0), 0);
    EXPECT_EQ(std::count(index.terms.begin(), index.terms.end(), "alan"), 1);
  }
}

}  // namespace
}  // namespace paperpress
