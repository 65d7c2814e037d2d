#include "paperpress/check/link_target.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

const LinkResolver kResolver("https://Example.github.io/llm-papers/");

LinkTarget internal(std::string_view from, std::string_view link) {
  LinkTarget t = kResolver.resolve(from, link);
  EXPECT_EQ(t.kind, LinkKind::kInternal) << link << ": " << t.problem;
  return t;
}

TEST(LinkTarget, RelativeLinksResolveAgainstTheFilesFolder) {
  EXPECT_EQ(internal("papers/llm/index.html", "2025_03/papers_1.html").path,
            "papers/llm/2025_03/papers_1.html");
  EXPECT_EQ(internal("papers/llm/index.html", "../../").path, "");
  EXPECT_EQ(internal("papers/llm/index.html", "../agents/").path, "papers/agents/");
  EXPECT_EQ(internal("papers/llm/index.html", "./").path, "papers/llm/");
  EXPECT_EQ(internal("papers/llm/index.html", "..").path, "papers/");
  EXPECT_EQ(internal("index.html", "assets/style.css?v=3").path, "assets/style.css");
  EXPECT_EQ(internal("index.html", "a%20b.html").path, "a b.html");
}

TEST(LinkTarget, FragmentsAreSplitOffAndDecoded) {
  auto self = internal("papers/index.html", "#main");
  EXPECT_EQ(self.path, "papers/index.html");
  EXPECT_EQ(self.fragment, "main");
  EXPECT_TRUE(self.has_fragment);
  auto other = internal("index.html", "papers/x.html#sec%201");
  EXPECT_EQ(other.path, "papers/x.html");
  EXPECT_EQ(other.fragment, "sec 1");
  EXPECT_FALSE(internal("index.html", "papers/x.html").has_fragment);
}

TEST(LinkTarget, AbsoluteLinksUnderTheBaseUrlAreInternal) {
  EXPECT_EQ(internal("x/y.html", "https://example.github.io/llm-papers/papers/llm/").path,
            "papers/llm/");
  EXPECT_EQ(internal("x/y.html", "https://example.github.io/llm-papers").path, "");
  EXPECT_EQ(internal("x/y.html", "http://EXAMPLE.github.io/llm-papers/feed.xml").path, "feed.xml");
  EXPECT_EQ(internal("x/y.html", "/llm-papers/about.html").path, "about.html");
  EXPECT_EQ(internal("x/y.html", "//example.github.io/llm-papers/a.html").path, "a.html");
}

TEST(LinkTarget, OtherSitesAreExternal) {
  for (std::string_view link :
       {"https://arxiv.org/abs/2501.00001v1#x", "https://example.github.io/other-project/",
        "https://example.github.io/llm-papers-old/a.html", "//cdn.example.org/x.js"}) {
    LinkTarget t = kResolver.resolve("index.html", link);
    EXPECT_EQ(t.kind, LinkKind::kExternal) << link;
    EXPECT_EQ(t.url.find('#'), std::string::npos);
  }
}

TEST(LinkTarget, OtherSchemesAndEmptyLinksAreIgnored) {
  for (std::string_view link : {"", "  ", "mailto:a@b.org", "javascript:void(0)",
                                "data:image/png;base64,AAAA", "tel:+1", "?page=2"}) {
    EXPECT_EQ(kResolver.resolve("index.html", link).kind, LinkKind::kIgnored) << link;
  }
}

TEST(LinkTarget, LinksThatCannotWorkSayWhy) {
  auto above = kResolver.resolve("index.html", "../x.html");
  EXPECT_EQ(above.kind, LinkKind::kInvalid);
  EXPECT_EQ(above.problem, "goes above the site's root");
  auto outside = kResolver.resolve("index.html", "/other/x.html");
  EXPECT_EQ(outside.kind, LinkKind::kInvalid);
  EXPECT_NE(outside.problem.find("/llm-papers/"), std::string::npos);
}

TEST(LinkTarget, WithoutABaseUrlRootRelativeLinksStartAtTheOutput) {
  LinkResolver resolver("");
  LinkTarget t = resolver.resolve("a/b.html", "/papers/");
  EXPECT_EQ(t.kind, LinkKind::kInternal);
  EXPECT_EQ(t.path, "papers/");
  EXPECT_EQ(resolver.resolve("a/b.html", "https://example.org/").kind, LinkKind::kExternal);
}

TEST(LinkTarget, PathsAndFragmentsArePercentDecodedKeepingBrokenEscapes) {
  LinkResolver resolver("");
  LinkTarget t = resolver.resolve("a/b.html", "c%20d%zz%4.html#sec%2F1");
  EXPECT_EQ(t.kind, LinkKind::kInternal);
  EXPECT_EQ(t.path, "a/c d%zz%4.html");
  EXPECT_EQ(t.fragment, "sec/1");
}

}  // namespace
}  // namespace paperpress
