#include "paperpress/config/config.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

constexpr const char* kMinimal = R"(title = "LLM papers"
base_url = "https://example.github.io/llm-papers"

[arxiv]
api_url = "https://export.arxiv.org/api/query"
oai_url = "https://oaipmh.arxiv.org/oai"
delay_seconds = 3.0

[archive]
date_field = "updated"        # or "published": which date places a paper in a month or day
papers_per_part = 100
markdown_style = "cards"      # cards | table | list
since = "2025-01-01"

[[topics]]
slug = "llm"
name = "LLM"
keywords = ["LLM", "Large Language Model", "GPT"]
categories = []               # empty: any category
)";

TEST(Config, ParsesTheMinimalSiteFromTheIssue) {
  auto c = Config::parse(kMinimal);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->title, "LLM papers");
  EXPECT_EQ(c->base_url, "https://example.github.io/llm-papers");
  EXPECT_EQ(c->arxiv.delay_seconds, 3.0);
  EXPECT_EQ(c->archive.date_field, DateField::kUpdated);
  EXPECT_EQ(c->archive.markdown_style, MarkdownStyle::kCards);
  EXPECT_EQ(c->archive.papers_per_part, 100);
  EXPECT_EQ(c->archive.since, "2025-01-01");
  ASSERT_EQ(c->topics.size(), 1u);
  EXPECT_EQ(c->topics[0].slug, "llm");
  EXPECT_EQ(c->topics[0].keywords.size(), 3u);
  EXPECT_TRUE(c->topics[0].categories.empty());
}

TEST(Config, UnknownKeyIsNamedWithItsLine) {
  auto c = Config::parse("title = \"x\"\n[arxiv]\ndelay = 3\n");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "site.toml:3: unknown key 'arxiv.delay'");
}

TEST(Config, WrongTypeAndBadChoiceAreNamed) {
  auto a = Config::parse("[archive]\n\npapers_per_part = \"many\"\n");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "site.toml:3: 'archive.papers_per_part' must be a whole number");
  auto b = Config::parse("[archive]\nmarkdown_style = \"fancy\"\n");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().message,
            "site.toml:2: 'archive.markdown_style' must be one of cards | table | list | github");
  auto d = Config::parse("[archive]\nsince = \"2025-1-1\"\n");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("site.toml:2:"), std::string::npos);
}

TEST(Config, SyntaxErrorHasALine) {
  auto c = Config::parse("title = \"x\"\n\ntitle = = 3\n");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message.rfind("site.toml:3: ", 0), 0u) << c.error().message;
}

TEST(Config, RejectsUnsafeAndDuplicateSlugs) {
  auto a = Config::parse("[[topics]]\nslug = \"../x\"\nkeywords = [\"a\"]\n");
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("'../x'"), std::string::npos);
  auto b = Config::parse(
      "[[topics]]\nslug = \"a\"\nkeywords = [\"a\"]\n[[topics]]\nslug = \"a\"\nkeywords = "
      "[\"b\"]\n");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("used twice"), std::string::npos);
}

TEST(Config, KeysNestedTooDeepAreRefusedNotRecursedInto) {
  std::string deep = "title = \"x\"\n";
  for (int i = 0; i < 5000; ++i) deep += "a.";
  deep += "b = 1\n";
  auto c = Config::parse(deep);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "site.toml:2: keys nested more than 64 levels deep");
  // Dots inside strings and comments do not count.
  auto ok =
      Config::parse("title = \"" + std::string(200, '.') + "\" # " + std::string(200, '.') + "\n");
  EXPECT_TRUE(ok) << ok.error().message;
}

TEST(Config, TablesOfTheWrongShapeAreNamedWithTheirLine) {
  auto a = Config::parse("title = \"x\"\narxiv = 3\n");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "site.toml:2: 'arxiv' must be a table ([arxiv])");
  auto b = Config::parse("topics = 3\n");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().message, "site.toml:1: 'topics' must be written as [[topics]] tables");
  auto c = Config::parse("topics = [1]\n");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "site.toml:1: each [[topics]] entry must be a table");
  auto d = Config::parse("colour = \"red\"\n");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message, "site.toml:1: unknown key 'colour'");
}

TEST(Config, TheFirstErrorIsReportedInTableOrder) {
  auto c = Config::parse(
      "[archive]\npapers_per_part = 0\n[arxiv]\npage_size = 0\n[[topics]]\nslug = \"-\"\n");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "site.toml:4: 'arxiv.page_size' must be at least 1");
  auto d = Config::parse("[archive]\nauthors_shown = 0\nsince = \"soon\"\n");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message, "site.toml:2: 'archive.authors_shown' must be at least 1");
  auto e = Config::parse("[archive]\nsince = \"soon\"\n");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message,
            "site.toml:2: 'archive.since' must be a date YYYY-MM-DD, not 'soon'");
}

TEST(Config, DefaultsAndDerivedValues) {
  auto c = Config::parse("base_url = \"https://u.github.io/a/\"\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->base_url, "https://u.github.io/a");
  EXPECT_EQ(c->arxiv.page_size, 100);
  EXPECT_EQ(c->user_agent(),
            std::string("paperpress/") + PAPERPRESS_VERSION + " (+https://u.github.io/a)");
}

TEST(Config, OutputSettingsAreOnUnlessTurnedOffButPartBibtex) {
  auto on = Config::parse("title = \"t\"\n", "site.toml");
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_TRUE(on->output.paper_pages);
  EXPECT_TRUE(on->output.markdown);
  EXPECT_TRUE(on->output.feeds);
  EXPECT_TRUE(on->output.day_pages);
  EXPECT_FALSE(on->output.part_bibtex);  // the one asked for
  auto off = Config::parse(
      "[output]\npaper_pages = false\nmarkdown = false\nfeeds = false\nday_pages = false\n"
      "part_bibtex = true\n",
      "site.toml");
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->output.paper_pages);
  EXPECT_FALSE(off->output.markdown);
  EXPECT_FALSE(off->output.feeds);
  EXPECT_FALSE(off->output.day_pages);
  EXPECT_TRUE(off->output.part_bibtex);
  auto unknown = Config::parse("[output]\npages = false\n", "site.toml");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "site.toml:2: unknown key 'output.pages'");
}

TEST(Config, SearchIsOnUnlessTurnedOff) {
  auto on = Config::parse("title = \"t\"\n", "site.toml");
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_TRUE(on->search.enabled);
  auto off = Config::parse("[search]\nenabled = false\n", "site.toml");
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->search.enabled);
  auto bad = Config::parse("[search]\nenabled = \"no\"\n", "site.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "site.toml:2: 'search.enabled' must be true or false");
  auto unknown = Config::parse("[search]\nshards = 3\n", "site.toml");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "site.toml:2: unknown key 'search.shards'");
  EXPECT_EQ(on->search.segment_documents, 32768);
  auto blocks = Config::parse("[search]\nsegment_documents = 4096\n", "site.toml");
  ASSERT_TRUE(blocks) << blocks.error().message;
  EXPECT_EQ(blocks->search.segment_documents, 4096);
  auto tiny = Config::parse("[search]\nsegment_documents = 8\n", "site.toml");
  ASSERT_FALSE(tiny);
  EXPECT_NE(tiny.error().message.find("site.toml:2: 'search.segment_documents'"), std::string::npos)
      << tiny.error().message;
}

}  // namespace
}  // namespace paperpress
