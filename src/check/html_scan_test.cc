#include "paperpress/check/html_scan.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

std::vector<std::string> targets(const HtmlFacts& facts) {
  std::vector<std::string> out;
  for (const auto& link : facts.links) out.push_back(link.target);
  return out;
}

TEST(HtmlScan, FindsHrefAndSrcInAnyQuotingAndCase) {
  auto facts = scan_html(
      "<A HREF=\"a.html\">x</A><img src='b.png'><link rel=stylesheet href=c.css>"
      "<a\n  class=\"x\"\n  href = \"d.html#top\" >",
      CollectIds::kNo);
  EXPECT_EQ(targets(facts), (std::vector<std::string>{"a.html", "b.png", "c.css", "d.html#top"}));
}

TEST(HtmlScan, DecodesCharacterReferencesInValues) {
  auto facts = scan_html("<a href=\"x?a=1&amp;b=2&#38;c=&#x33;\">", CollectIds::kNo);
  ASSERT_EQ(facts.links.size(), 1u);
  EXPECT_EQ(facts.links[0].target, "x?a=1&b=2&c=3");
  EXPECT_EQ(decode_html_entities("&lt;b&gt; &unknown; &#233;"), "<b> &unknown; \xC3\xA9");
}

TEST(HtmlScan, SkipsCommentsScriptsAndStyles) {
  auto facts = scan_html(
      "<!-- <a href=\"in-comment.html\"> -->"
      "<script>var s = '<a href=\"in-script.html\">';</script>"
      "<style>a[href=\"in-style\"] { }</style>"
      "<!doctype html><a href=\"real.html\">",
      CollectIds::kNo);
  EXPECT_EQ(targets(facts), (std::vector<std::string>{"real.html"}));
}

TEST(HtmlScan, LiteralLessThanInTextIsNoTag) {
  auto facts = scan_html("<p>a < b and 3<4</p><a href=\"x.html\">", CollectIds::kNo);
  EXPECT_EQ(targets(facts), (std::vector<std::string>{"x.html"}));
}

TEST(HtmlScan, CollectsIdsAndAnchorNamesOnlyWhenAsked) {
  std::string page = "<main id=\"main\"><a name=\"old\"></a><meta name=\"description\"><p id=x>";
  EXPECT_TRUE(scan_html(page, CollectIds::kNo).ids.empty());
  EXPECT_EQ(scan_html(page, CollectIds::kYes).ids, (std::vector<std::string>{"main", "old", "x"}));
}

TEST(HtmlScan, TitleIsTheFirstOutsideSvg) {
  auto facts = scan_html(
      "<svg><title>Chart</title></svg><head><title>\n  Papers &amp; more\n</title></head>",
      CollectIds::kNo);
  ASSERT_TRUE(facts.title);
  EXPECT_EQ(*facts.title, "Papers & more");

  auto svg_only = scan_html("<body><svg><title>Chart</title></svg></body>", CollectIds::kNo);
  EXPECT_FALSE(svg_only.title);

  auto empty = scan_html("<head><title>  </title></head>", CollectIds::kNo);
  ASSERT_TRUE(empty.title);
  EXPECT_EQ(*empty.title, "");
}

TEST(HtmlScan, OffsetsPointAtTheAttribute) {
  std::string page = "<p>\n<a href=\"x.html\">";
  auto facts = scan_html(page, CollectIds::kNo);
  ASSERT_EQ(facts.links.size(), 1u);
  EXPECT_EQ(page.substr(facts.links[0].offset, 4), "href");
}

TEST(HtmlScan, TruncatedMarkupEndsQuietly) {
  for (std::string_view page : {"<a href=\"x", "<a href=", "<!-- open", "<script>x", "<", "<a "}) {
    auto facts = scan_html(page, CollectIds::kYes);
    EXPECT_LE(facts.links.size(), 1u) << page;
  }
}

}  // namespace
}  // namespace paperpress
