#include "paperpress/render/page_path.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(PagePath, FilesPerFormat) {
  EXPECT_EQ(page_file("", kHtmlFormat), "index.html");
  EXPECT_EQ(page_file("", kMarkdownFormat), "README.md");
  EXPECT_EQ(page_file("papers/llm/", kMarkdownFormat), "papers/llm/README.md");
  EXPECT_EQ(page_file("papers/llm/2025_07/papers_2", kHtmlFormat),
            "papers/llm/2025_07/papers_2.html");
  EXPECT_EQ(page_file("daily/llm/2025-04-17", kMarkdownFormat), "daily/llm/2025-04-17.md");
}

TEST(PagePath, RelativeLinksBetweenPages) {
  const std::string part = "papers/llm/2025_07/papers_2";
  EXPECT_EQ(page_link(part, "papers/llm/2025_07/papers_1", kMarkdownFormat), "papers_1.md");
  EXPECT_EQ(page_link(part, "papers/llm/2025_07/papers_1", kHtmlFormat), "papers_1.html");
  EXPECT_EQ(page_link(part, "", kMarkdownFormat), "../../../README.md");
  EXPECT_EQ(page_link(part, "", kHtmlFormat), "../../../");
  EXPECT_EQ(page_link(part, "papers/", kHtmlFormat), "../../");
  EXPECT_EQ(page_link(part, "papers/llm/", kMarkdownFormat), "../README.md");
  EXPECT_EQ(page_link("papers/llm/", "papers/llm/2025_07/papers_1", kHtmlFormat),
            "2025_07/papers_1.html");
  EXPECT_EQ(page_link("papers/llm/", "papers/llm/", kHtmlFormat), "./");
  EXPECT_EQ(page_link("", "papers/", kMarkdownFormat), "papers/README.md");
  EXPECT_EQ(page_link("daily/llm/2025-04-17", "papers/llm/", kHtmlFormat), "../../papers/llm/");
  EXPECT_EQ(file_link("papers/llm/", "papers/llm/chart.svg"), "chart.svg");
  EXPECT_EQ(file_link("daily/llm/2025-04-17", "assets/style.css"), "../../assets/style.css");
}

TEST(PagePath, SitePathOfBaseUrl) {
  EXPECT_EQ(site_path("https://u.github.io/archive/"), "/archive");
  EXPECT_EQ(site_path("https://u.github.io"), "");
  EXPECT_EQ(site_path("https://u.github.io/"), "");
  EXPECT_EQ(site_path("https://u.github.io/a/b?x#y"), "/a/b");
}

TEST(PagePath, AbsoluteUrlsUnderASubPath) {
  EXPECT_EQ(page_url("https://u.github.io/archive", ""), "https://u.github.io/archive/");
  EXPECT_EQ(page_url("https://u.github.io/archive", "papers/llm/"),
            "https://u.github.io/archive/papers/llm/");
  EXPECT_EQ(page_url("https://u.github.io", "daily/llm/2025-04-17"),
            "https://u.github.io/daily/llm/2025-04-17.html");
}

}  // namespace
}  // namespace paperpress

namespace paperpress {
namespace {

TEST(PagePath, KeysOfEveryPageKindAndTheTopicFiles) {
  EXPECT_EQ(kHomeKey, "");
  EXPECT_EQ(kPapersKey, "papers/");
  EXPECT_EQ(topic_key("llm"), "papers/llm/");
  EXPECT_EQ(part_key("llm", "2025_07", 2), "papers/llm/2025_07/papers_2");
  EXPECT_EQ(daily_key("llm"), "daily/llm/");
  EXPECT_EQ(day_key("llm", "2025-07-01"), "daily/llm/2025-07-01");
  EXPECT_EQ(topic_feed_file("llm"), "papers/llm/feed.xml");
  EXPECT_EQ(topic_chart_file("llm"), "papers/llm/chart.svg");
  // Folder pages end with '/', and a part or day lives in its topic's folders.
  EXPECT_EQ(page_folder(part_key("llm", "2025_07", 1)), "papers/llm/2025_07/");
  EXPECT_EQ(page_folder(day_key("llm", "2025-07-01")), daily_key("llm"));
  EXPECT_EQ(month_key("llm", "2025_07"), "papers/llm/2025_07/");
  EXPECT_EQ(page_folder(part_key("llm", "2025_07", 1)), month_key("llm", "2025_07"));
  EXPECT_EQ(kDailyKey, "daily/");
}

TEST(PagePath, PaperPagesFollowArxivsAbsLayout) {
  EXPECT_EQ(paper_key("2501.00425"), "abs/2501.00425");
  EXPECT_EQ(paper_key("0704.0001"), "abs/0704.0001");
  EXPECT_EQ(paper_key("hep-th/9901001"), "abs/hep-th/9901001");
  EXPECT_EQ(paper_key("math.AG/0101001"), "abs/math.AG/0101001");
  EXPECT_EQ(page_file(paper_key("hep-th/9901001"), kHtmlFormat), "abs/hep-th/9901001.html");
  EXPECT_EQ(page_file(paper_key("2501.00425"), kMarkdownFormat), "abs/2501.00425.md");
  EXPECT_EQ(page_link(paper_key("hep-th/9901001"), "papers/llm/", kHtmlFormat),
            "../../papers/llm/");
  EXPECT_EQ(page_link(part_key("llm", "2025_01", 1), paper_key("2501.00425"), kHtmlFormat),
            "../../../abs/2501.00425.html");
  // An id that is no arXiv id is never a path.
  for (std::string_view bad : {"", "../1234567", "../../etc/passwd", "./9901001", "2501.00425/..",
                               "hep-th/990100", "2501.0042a", "a b/1234567", "2501.00425v2"})
    EXPECT_EQ(paper_key(bad), "") << bad;
}

}  // namespace
}  // namespace paperpress
