#include "paperpress/model/archive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "test_support.h"

namespace paperpress {
namespace {

TEST(BuildArchive, SameArchiveOnAnyNumberOfThreadsNewestFirstTiesByNewestId) {
  Config config = testing::one_topic_config();
  testing::DatedPapers papers(20000);
  auto topics = assign_topics(config, papers.refs, TopicAssignment{}, 1);
  ASSERT_TRUE(topics) << topics.error().message;
  Archive one = build_archive(config, papers.refs, *topics, 1);
  ASSERT_EQ(one.topics.size(), 1u);
  const TopicArchive& all = one.topics[0];

  // The order a plain sort of (date, id) strings gives, newest first.
  std::vector<PaperIndex> expected;
  for (PaperIndex i = 0; i < papers.refs.size(); ++i)
    if (papers.dates[i] >= "2025-01-01") expected.push_back(i);
  std::sort(expected.begin(), expected.end(), [&](PaperIndex a, PaperIndex b) {
    return std::tie(papers.dates[a], papers.ids[a]) > std::tie(papers.dates[b], papers.ids[b]);
  });
  EXPECT_EQ(one.papers_considered, expected.size());
  EXPECT_EQ(all.papers, expected);
  ASSERT_FALSE(all.months.empty());
  auto month_of = [&](PaperIndex i) {
    std::string m = papers.dates[i].substr(0, 7);
    m[4] = '_';
    return m;
  };
  EXPECT_EQ(all.months.front().key, month_of(expected.front()));
  EXPECT_EQ(all.months.back().key, month_of(expected.back()));
  for (size_t m = 1; m < all.months.size(); ++m)
    EXPECT_GT(all.months[m - 1].key, all.months[m].key);

  for (unsigned threads : {2u, 3u, 8u}) {
    Archive many = build_archive(config, papers.refs, *topics, threads);
    const TopicArchive& t = many.topics[0];
    EXPECT_EQ(t.papers, all.papers) << threads;
    ASSERT_EQ(t.months.size(), all.months.size()) << threads;
    for (size_t m = 0; m < t.months.size(); ++m) {
      EXPECT_EQ(t.months[m].key, all.months[m].key);
      EXPECT_EQ(t.months[m].papers, all.months[m].papers);
    }
    ASSERT_EQ(t.days.size(), all.days.size()) << threads;
    for (size_t d = 0; d < t.days.size(); ++d) EXPECT_EQ(t.days[d].papers, all.days[d].papers);
    EXPECT_EQ(many.papers_in_topics, one.papers_in_topics);
  }
}

}  // namespace
}  // namespace paperpress
