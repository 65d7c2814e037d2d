#include "paperpress/digest/paper_selection.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace paperpress {
namespace {

TEST(PaperSelection, ScoresKeywordsVenueAndCode) {
  Topic topic;
  topic.slug = "llm";
  topic.keywords = {"LLM", "agents"};
  std::vector<Paper> papers(4);
  for (int i = 0; i < 4; ++i) {
    papers[i] = testing::test_paper(i + 1, "2025-03-01T00:00:00Z");
    papers[i].title = "A title";
    papers[i].abstract = "Nothing here.";
  }
  papers[0].title = "LLM agents";              // 2 + 2
  papers[1].abstract = "About LLMs and llm.";  // "LLMs" is not the word LLM: 1
  papers[2].comment = "Accepted to NeurIPS 2025";
  papers[3].abstract = "Code: https://github.com/a/b";
  std::vector<PaperRef> refs;
  for (size_t i = 0; i < papers.size(); ++i) refs.push_back(testing::stored_ref(papers[i], i));
  std::vector<const PaperRef*> ptrs;
  for (const PaperRef& r : refs) ptrs.push_back(&r);
  auto all = select_papers(ptrs, topic, 10);
  ASSERT_EQ(all.chosen.size(), 4u);
  EXPECT_EQ(all.chosen[0].paper, &refs[0]);
  EXPECT_EQ(all.chosen[0].score, 4);
  EXPECT_EQ(all.chosen[0].reason, "4 keyword hits");
  EXPECT_EQ(all.chosen[1].paper, &refs[2]);
  EXPECT_EQ(all.chosen[1].reason, "0 keyword hits, venue");
  EXPECT_EQ(all.chosen[2].paper, &refs[3]);
  EXPECT_EQ(all.chosen[2].reason, "0 keyword hits, code");
  EXPECT_EQ(all.chosen[3].reason, "1 keyword hit");
  auto two = select_papers(ptrs, topic, 2);
  EXPECT_EQ(two.candidates, 4u);
  ASSERT_EQ(two.chosen.size(), 2u);
  EXPECT_EQ(two.chosen[1].paper, &refs[2]);
}

}  // namespace
}  // namespace paperpress
