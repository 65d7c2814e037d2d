#include "paperpress/site/site_files.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "paperpress/model/topic_assignment.h"
#include "test_support.h"

namespace paperpress {
namespace {

TEST(FeedEntryId, IsArxivsAbstractUrlWithoutAVersion) {
  EXPECT_EQ(feed_entry_id("2501.00425"), "https://arxiv.org/abs/2501.00425");
  EXPECT_EQ(feed_entry_id("hep-th/9901001"), "https://arxiv.org/abs/hep-th/9901001");
  // An id that names no arXiv paper is encoded whole: still one IRI, never markup or a path.
  EXPECT_EQ(feed_entry_id("x\"/../<a>&"), "https://arxiv.org/abs/x%22%2F..%2F%3Ca%3E%26");
}

// Papers 1..8 an hour apart: odd ones on "odd", multiples of 3 on "three" (3 on both).
struct TwoTopics {
  Config config = testing::config_from(R"(title = "T"
base_url = "https://example.org"
[archive]
since = "2025-01-01"
[[topics]]
slug = "odd"
name = "Odd"
keywords = ["odd"]
[[topics]]
slug = "three"
name = "Three"
keywords = ["three"]
)");
  std::vector<PaperRef> papers;
  std::vector<ContentPage> content;
  Archive archive;

  TwoTopics() {
    // Stored out of order: the merge follows the topics' lists, not the store.
    for (int n : {4, 1, 8, 3, 6, 2, 7, 5}) {
      Paper p = testing::test_paper(n, "2025-01-02T0" + std::to_string(n) + ":00:00Z");
      p.title = std::string(n % 2 ? "odd " : "") + (n % 3 == 0 ? "three " : "") + "paper";
      papers.push_back(testing::stored_ref(p, n));
    }
    auto topics = assign_topics(config, papers, TopicAssignment{}, 1);
    EXPECT_TRUE(topics);
    archive = build_archive(config, papers, *topics, 1);
  }
};

std::vector<std::string> ids(const SiteData& site, const std::vector<PaperIndex>& list) {
  std::vector<std::string> out;
  for (PaperIndex i : list) out.emplace_back(site.papers[i].id());
  return out;
}

TEST(NewestPapers, MergesTheTopicsNewestFirstEachOnce) {
  TwoTopics s;
  SiteData site{s.config, s.papers, s.archive, s.content, "2025-01-02T08:00:00Z"};
  // 8, 4 and 2 are on no topic.
  EXPECT_EQ(ids(site, newest_papers(site, 50)),
            (std::vector<std::string>{"2501.00007", "2501.00006", "2501.00005", "2501.00003",
                                      "2501.00001"}));
  EXPECT_EQ(ids(site, newest_papers(site, 2)),
            (std::vector<std::string>{"2501.00007", "2501.00006"}));
  EXPECT_TRUE(newest_papers(site, 0).empty());
}

}  // namespace
}  // namespace paperpress
