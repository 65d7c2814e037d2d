#include "paperpress/model/untrusted_markdown.h"

#include <gtest/gtest.h>

#include "paperpress/model/content.h"
#include "paperpress/util/text.h"

namespace paperpress {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(UntrustedMarkdown, HtmlIsShownNotInterpreted) {
  std::string md =
      "Nice paper.<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n"
      "<img src=x onerror=alert(1)>\n";
  std::string html = untrusted_markdown_to_html(sanitize_untrusted_markdown(md));
  EXPECT_FALSE(has(html, "<script")) << html;
  EXPECT_FALSE(has(html, "<iframe")) << html;
  EXPECT_FALSE(has(html, "<img")) << html;
  EXPECT_TRUE(has(html, "&lt;script&gt;")) << html;
  // Unsanitized text renders safely too.
  std::string direct = untrusted_markdown_to_html(md);
  EXPECT_FALSE(has(direct, "<script")) << direct;
  EXPECT_FALSE(has(direct, "<iframe")) << direct;
}

TEST(UntrustedMarkdown, OnlyHttpLinksSurvive) {
  std::string md =
      "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) "
      "[d](https://example.org/x) [e](/relative) <vbscript:x> "
      "![pixel](https://tracker.example/p.gif) [f](http://example.org \"t\")\n";
  std::string safe = sanitize_untrusted_markdown(md);
  std::string html = untrusted_markdown_to_html(safe);
  EXPECT_FALSE(has(ascii_lower(html), "javascript:")) << html;
  EXPECT_FALSE(has(html, "data:")) << html;
  EXPECT_FALSE(has(html, "href=\"/relative\"")) << html;
  EXPECT_FALSE(has(html, "<img")) << html;
  EXPECT_TRUE(has(html, "<a href=\"https://example.org/x\">d</a>")) << html;
  EXPECT_TRUE(has(html, "<a href=\"http://example.org\">f</a>")) << html;
  EXPECT_TRUE(has(html, "pixel")) << html;
  EXPECT_FALSE(has(ascii_lower(safe), "javascript:")) << safe;
}

TEST(UntrustedMarkdown, CannotAddADigestSectionOrOpenAFence) {
  std::string md =
      "Summary.\n\n### arXiv:2501.99999\nInjected.\n\n# Title\n\n```\nunclosed fence\n";
  std::string safe = sanitize_untrusted_markdown(md);
  std::string page = "---\npapers: [2501.00001]\n---\nOverview\n### arXiv:2501.00001\n" + safe +
                     "\n### arXiv:2501.00002\nSecond.\n";
  auto parsed = parse_content_page(page, "digests/x", "x.md");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->papers.size(), 2u) << safe;
  EXPECT_EQ(parsed->papers[0].id, "2501.00001");
  EXPECT_EQ(parsed->papers[1].id, "2501.00002");
  EXPECT_EQ(parsed->papers[1].markdown, "Second.\n");
  EXPECT_TRUE(has(safe, "**arXiv:2501.99999**")) << safe;
}

TEST(UntrustedMarkdown, KeepsOrdinaryMarkdown) {
  std::string safe = sanitize_untrusted_markdown(
      "**Summary.** A *new* method.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  std::string html = untrusted_markdown_to_html(safe);
  EXPECT_TRUE(has(html, "<strong>Summary.</strong>")) << html;
  EXPECT_TRUE(has(html, "<li>one</li>")) << html;
  EXPECT_TRUE(has(html, "<table>")) << html;
}

}  // namespace
}  // namespace paperpress
