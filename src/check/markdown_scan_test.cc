#include "paperpress/check/markdown_scan.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

std::vector<std::string> targets(const MarkdownFacts& facts) {
  std::vector<std::string> out;
  for (const auto& link : facts.links) out.push_back(link.target);
  return out;
}

TEST(MarkdownScan, InlineLinksImagesAndReferenceDefinitions) {
  auto facts = scan_markdown(
      "# Title\n"
      "[Home](../README.md) and ![chart](chart.svg \"Chart\") and [x](<with space.md>)\n"
      "[paren](a_(b).md) [titled](t.md 'T')\n"
      "\n"
      "[ref]: refs/target.md\n"
      "[^1]: a footnote, not a link\n",
      CollectIds::kNo);
  EXPECT_EQ(targets(facts), (std::vector<std::string>{"../README.md", "chart.svg", "with space.md",
                                                      "a_(b).md", "t.md", "refs/target.md"}));
}

TEST(MarkdownScan, IgnoresCodeSpansFencesAndComments) {
  auto facts = scan_markdown(
      "Use `[x](in-code.md)` or ``[y](in-double.md)``.\n"
      "```\n[z](in-fence.md)\n<a href=\"in-fence.html\">\n```\n"
      "~~~~md\n[w](in-tilde.md)\n~~~~\n"
      "<!-- [c](in-comment.md) -->\n"
      "[real](real.md)\n",
      CollectIds::kNo);
  EXPECT_EQ(targets(facts), (std::vector<std::string>{"real.md"}));
}

TEST(MarkdownScan, RawHtmlLinksCountToo) {
  auto facts = scan_markdown(
      "<div class=\"paper-card\">\n    <a href=\"https://arxiv.org/abs/1\">t</a>\n</div>\n"
      "[next](papers_2.md)\n",
      CollectIds::kNo);
  EXPECT_EQ(targets(facts), (std::vector<std::string>{"https://arxiv.org/abs/1", "papers_2.md"}));
}

TEST(MarkdownScan, BracketsWithoutALinkAreText) {
  auto facts = scan_markdown("An interval [0, 1] (closed) and f[x] (y z) w.\n", CollectIds::kNo);
  EXPECT_TRUE(facts.links.empty()) << facts.links[0].target;
}

TEST(MarkdownScan, HeadingAnchorsAsGitHubMakesThem) {
  auto facts = scan_markdown(
      "# llm - 2025_03\n"
      "## Navigation ##\n"
      "## Papers\n"
      "## Papers\n"
      "Setext Heading\n"
      "==============\n"
      "```\n# not a heading\n```\n"
      "<p id=\"raw\"></p>\n",
      CollectIds::kYes);
  EXPECT_EQ(facts.ids, (std::vector<std::string>{"llm---2025_03", "navigation", "papers",
                                                 "papers-1", "setext-heading", "raw"}));
  EXPECT_EQ(github_heading_anchor("What's new in [v2](v2.md)? **Bold** `code`"),
            "whats-new-in-v2-bold-code");
  EXPECT_EQ(github_heading_anchor("Über Modelle"),
            "\xC3\x9C"
            "ber-modelle");
}

}  // namespace
}  // namespace paperpress
