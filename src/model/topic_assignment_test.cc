#include "paperpress/model/topic_assignment.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace paperpress {
namespace {

Config two_topics() {
  Config c;
  c.archive.since = "2025-01-01";
  c.topics = {Topic{.slug = "llm", .name = "LLM", .keywords = {"language model"}},
              Topic{.slug = "vision", .name = "Vision", .keywords = {"image"}}};
  return c;
}

PaperRef paper(std::string_view id, std::string_view title, uint64_t digest,
               std::string_view updated = "2025-06-01T00:00:00Z") {
  Paper p;
  p.id = id;
  p.version = 1;
  p.title = title;
  p.categories = {"cs.CL"};
  p.updated = updated;
  p.published = updated;
  return testing::stored_ref(p, digest);
}

std::vector<uint16_t> topics(const TopicAssignment& a, PaperIndex i) {
  auto s = a.topics_of(i);
  return {s.begin(), s.end()};
}

TEST(TopicAssignment, MatchesEveryPaperInTheArchive) {
  std::vector<PaperRef> papers = {paper("1", "A language model", 11),
                                  paper("2", "Image language models", 12), paper("3", "Graphs", 13),
                                  paper("4", "An old image paper", 14, "2024-12-31T23:59:59Z")};
  AssignStats stats;
  auto a = assign_topics(two_topics(), papers, TopicAssignment{}, 2, &stats);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_EQ(a->size(), 4u);
  EXPECT_EQ(topics(*a, 0), (std::vector<uint16_t>{0}));
  EXPECT_EQ(topics(*a, 1), (std::vector<uint16_t>{0, 1}));
  EXPECT_TRUE(topics(*a, 2).empty());
  EXPECT_TRUE(topics(*a, 3).empty());  // before archive.since: not placed, not matched
  EXPECT_EQ(stats.matched, 3u);
  EXPECT_EQ(stats.reused, 0u);
}

TEST(TopicAssignment, UnchangedRecordsKeepTheirTopicsChangedOnesAreMatchedAgain) {
  std::vector<PaperRef> before = {paper("1", "A language model", 11), paper("2", "Graphs", 12)};
  auto first = assign_topics(two_topics(), before, TopicAssignment{}, 1);
  ASSERT_TRUE(first);
  // Paper 2 got a new version (another digest) about images; paper 3 is new.
  std::vector<PaperRef> after = {paper("1", "A language model", 11),
                                 paper("2", "Image segmentation", 22), paper("3", "An image", 13)};
  AssignStats stats;
  auto second = assign_topics(two_topics(), after, *first, 1, &stats);
  ASSERT_TRUE(second);
  EXPECT_EQ(stats.reused, 1u);
  EXPECT_EQ(stats.matched, 2u);
  EXPECT_EQ(topics(*second, 0), (std::vector<uint16_t>{0}));
  EXPECT_EQ(topics(*second, 1), (std::vector<uint16_t>{1}));
  EXPECT_EQ(topics(*second, 2), (std::vector<uint16_t>{1}));
}

TEST(TopicAssignment, PapersWithoutADigestAreAlwaysMatched) {
  std::vector<PaperRef> papers = {paper("1", "A language model", 0)};
  auto first = assign_topics(two_topics(), papers, TopicAssignment{}, 1);
  ASSERT_TRUE(first);
  papers[0] = paper("1", "An image", 0);
  AssignStats stats;
  auto second = assign_topics(two_topics(), papers, *first, 1, &stats);
  ASSERT_TRUE(second);
  EXPECT_EQ(stats.reused, 0u);
  EXPECT_EQ(topics(*second, 0), (std::vector<uint16_t>{1}));
}

TEST(TopicAssignment, ThreadsGiveTheSameAssignmentAsOne) {
  std::vector<std::string> titles;
  for (int i = 0; i < 30000; ++i)
    titles.push_back(i % 3 == 0 ? "language model" : i % 3 == 1 ? "image" : "graphs");
  std::vector<PaperRef> papers;
  for (int i = 0; i < 30000; ++i)
    papers.push_back(paper(titles[i], titles[i], static_cast<uint64_t>(i + 1)));
  auto one = assign_topics(two_topics(), papers, TopicAssignment{}, 1);
  auto two = assign_topics(two_topics(), papers, TopicAssignment{}, 2);
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->encode(), two->encode());
  EXPECT_EQ(topics(*two, 29999), (std::vector<uint16_t>{}));
  EXPECT_EQ(topics(*two, 29998), (std::vector<uint16_t>{1}));
}

TEST(TopicAssignment, CacheBytesRoundTripAndDamageIsRefused) {
  std::vector<PaperRef> papers = {paper("1", "A language model", 11),
                                  paper("2", "Image language models", 12)};
  auto a = assign_topics(two_topics(), papers, TopicAssignment{}, 1);
  ASSERT_TRUE(a);
  std::string bytes = a->encode();
  auto back = TopicAssignment::decode(bytes, 2);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->encode(), bytes);
  EXPECT_EQ(topics(*back, 1), (std::vector<uint16_t>{0, 1}));
  EXPECT_FALSE(TopicAssignment::decode(bytes, 1).has_value());  // a topic index too large
  for (size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_FALSE(TopicAssignment::decode(bytes.substr(0, cut), 2).has_value()) << cut;
  std::string garbled = bytes;
  garbled[bytes.size() - 5] = '\x7f';  // a topic index out of range
  EXPECT_FALSE(TopicAssignment::decode(garbled, 2).has_value());
  garbled = bytes;
  garbled[16 + 16 + 4] = '\x09';  // paper 0's topics would end after paper 1's
  EXPECT_FALSE(TopicAssignment::decode(garbled, 2).has_value());
}

TEST(TopicAssignment, InvalidTopicsAreAnErrorNamingSiteToml) {
  Config c = two_topics();
  c.topics[0].keywords = {"!!"};
  auto a = assign_topics(c, {paper("1", "x", 1)}, TopicAssignment{}, 1);
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("site.toml"), std::string::npos) << a.error().message;
}

}  // namespace
}  // namespace paperpress
