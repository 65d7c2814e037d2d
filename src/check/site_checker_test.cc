#include "paperpress/check/site_checker.h"

#include <gtest/gtest.h>

#include <map>

#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;
using testing::write_text;

std::string page(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html>\n<head>\n<title>" + title +
         "</title>\n<link rel=\"stylesheet\" href=\"/site/assets/style.css\">\n</head>\n<body>\n" +
         body + "\n</body>\n</html>\n";
}

// A small site shaped like paperpress's output: folders with index.html and README.md, pages
// with Markdown mirrors, a feed and a sitemap.
void write_good_site(const TempDir& dir) {
  write_text(dir / "index.html",
             page("Home",
                  "<a href=\"#main\">skip</a><main id=\"main\">"
                  "<a href=\"papers/\">Papers</a> <a href=\"papers/llm/part_1.html#p2\">p2</a>"
                  " <a href=\"README.md\">md</a> <a href=\"https://arxiv.org/abs/1\">a</a>"
                  " <a href=\"mailto:x@example.org\">mail</a></main>"));
  write_text(dir / "README.md",
             "# Home\n\n[Papers](papers/README.md) · [LLM](papers/llm/) · "
             "[part](papers/llm/part_1.md#papers)\n");
  write_text(dir / "assets/style.css", "body{}");
  write_text(dir / "papers/index.html",
             page("Papers",
                  "<a href=\"../\">Home</a> <a href=\"llm/\">LLM</a> "
                  "<a href=\"https://example.github.io/site/papers/llm/feed.xml\">feed</a>"));
  write_text(dir / "papers/README.md", "# Papers\n\n[LLM](llm/README.md)\n");
  write_text(dir / "papers/llm/index.html",
             page("LLM", "<a href=\"part_1.html\">1</a> <img src=\"chart.svg\" alt=\"\">"));
  write_text(dir / "papers/llm/README.md", "# LLM\n\n[Part 1](part_1.md)\n");
  write_text(dir / "papers/llm/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
  write_text(dir / "papers/llm/part_1.html",
             page("Part 1",
                  "<article id=\"p1\"></article><article id=\"p2\"></article>"
                  "<a href=\"../../\">Home</a>"));
  write_text(dir / "papers/llm/part_1.md",
             "# LLM - part 1\n\n## Papers\n\n[Home](../../README.md)\n");
  write_text(dir / "papers/llm/feed.xml",
             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
             "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>\n"
             "<link rel=\"self\" href=\"https://example.github.io/site/papers/llm/feed.xml\"/>\n"
             "<link rel=\"alternate\" href=\"https://example.github.io/site/papers/llm/\"/>\n"
             "<entry><link href=\"https://arxiv.org/abs/1\"/></entry></feed>\n");
  write_text(dir / "sitemap.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
             "  <url><loc>https://example.github.io/site/</loc></url>\n"
             "  <url><loc>https://example.github.io/site/papers/llm/part_1.html</loc></url>\n"
             "</urlset>\n");
}

CheckReport check(const TempDir& dir, unsigned threads = 2) {
  CheckOptions options;
  options.output_dir = dir.path();
  options.base_url = "https://example.github.io/site";
  options.threads = threads;
  auto report = check_site(options);
  EXPECT_TRUE(report) << (report ? "" : report.error().message);
  return report ? *report : CheckReport{};
}

std::vector<std::string> lines(const CheckReport& report) {
  std::vector<std::string> out;
  for (const auto& p : report.problems) out.push_back(format_problem(p, "public"));
  return out;
}

TEST(SiteChecker, AGoodSitePasses) {
  TempDir dir;
  write_good_site(dir);
  for (unsigned threads : {1u, 2u}) {
    CheckReport report = check(dir, threads);
    EXPECT_TRUE(report.problems.empty()) << ::testing::PrintToString(lines(report));
    EXPECT_EQ(report.html_pages, 4u);
    EXPECT_EQ(report.markdown_pages, 4u);
    EXPECT_EQ(report.xml_files, 2u);
    EXPECT_EQ(report.anchors, 3u);  // #main, #p2, #papers
    EXPECT_GE(report.links, 20u);
    EXPECT_EQ(report.external_link_uses, 2u);
  }
}

TEST(SiteChecker, BrokenLinkNamesFileLineLinkAndTarget) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "papers/llm/part_1.html",
             page("Part 1", "<article id=\"p2\"></article>\n<a href=\"part_9.html\">9</a>"));
  EXPECT_EQ(lines(check(dir)),
            (std::vector<std::string>{
                "public/papers/llm/part_1.html:9: broken link \"part_9.html\": no such file "
                "papers/llm/part_9.html"}));
}

TEST(SiteChecker, FolderLinksNeedAnIndex) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "empty/x.txt", "");
  write_text(dir / "papers/README.md",
             "# Papers\n\n[LLM](llm/) [empty](../empty/) [none](../none/)\n");
  EXPECT_EQ(lines(check(dir)),
            (std::vector<std::string>{
                "public/papers/README.md:3: broken link \"../empty/\": folder empty/ has no "
                "README.md",
                "public/papers/README.md:3: broken link \"../none/\": no such folder none/"}));
}

TEST(SiteChecker, MissingAnchorInThisPageAndInAnother) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "index.html", page("Home",
                                      "<a href=\"#mian\">skip</a><main id=\"main\">\n"
                                      "<a href=\"papers/llm/part_1.html#p3\">p3</a></main>"));
  write_text(dir / "README.md", "# Home\n\n[part](papers/llm/part_1.md#no-such-heading)\n");
  EXPECT_EQ(lines(check(dir)),
            (std::vector<std::string>{
                "public/README.md:3: broken anchor \"papers/llm/part_1.md#no-such-heading\": no "
                "heading or id \"no-such-heading\" in papers/llm/part_1.md",
                "public/index.html:8: broken anchor \"#mian\": no id \"mian\" in index.html",
                "public/index.html:9: broken anchor \"papers/llm/part_1.html#p3\": no id \"p3\" in "
                "papers/llm/part_1.html"}));
}

TEST(SiteChecker, PagesNeedANonEmptyTitle) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "papers/llm/index.html",
             "<html><body><svg><title>chart</title></svg><a href=\"part_1.html\">1</a></body>"
             "</html>");
  write_text(dir / "papers/index.html", "<html>\n<head><title> </title></head>\n</html>\n");
  EXPECT_EQ(lines(check(dir)),
            (std::vector<std::string>{"public/papers/index.html:2: empty <title>",
                                      "public/papers/llm/index.html: no <title>"}));
}

TEST(SiteChecker, MalformedFeedIsReportedWithItsLine) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "papers/llm/feed.xml",
             "<?xml version=\"1.0\"?>\n<feed>\n<entry><title>A</entry>\n</feed>\n");
  auto problems = lines(check(dir));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("public/papers/llm/feed.xml:3: malformed XML: ", 0), 0u)
      << problems[0];
}

TEST(SiteChecker, BareAmpersandsAndHtmlEntitiesAreNoXml) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "papers/llm/feed.xml",
             "<?xml version=\"1.0\"?>\n<feed>\n<!-- a & b -->\n<title>A &amp; B &#233;</title>\n"
             "<title>Q&A</title>\n</feed>\n");
  write_text(dir / "sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset>&nbsp;</urlset>\n");
  EXPECT_EQ(lines(check(dir)),
            (std::vector<std::string>{
                "public/papers/llm/feed.xml:5: malformed XML: '&A' is no XML character reference "
                "(write &amp; for &)",
                "public/sitemap.xml:2: malformed XML: '&nbsp;' is no XML character reference "
                "(write &amp; for &)"}));
}

TEST(SiteChecker, SitemapEntriesMustExist) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "sitemap.xml",
             "<?xml version=\"1.0\"?>\n<urlset>\n"
             "<url><loc>https://example.github.io/site/gone.html</loc></url>\n</urlset>\n");
  EXPECT_EQ(lines(check(dir)),
            (std::vector<std::string>{"public/sitemap.xml:3: broken link "
                                      "\"https://example.github.io/site/gone.html\": no such file "
                                      "gone.html"}));
}

TEST(SiteChecker, MissingOutputFolderIsAnError) {
  TempDir dir;
  CheckOptions options;
  options.output_dir = dir / "public";
  auto report = check_site(options);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("public"), std::string::npos);
}

class FakeClock : public Clock {
 public:
  double now() override { return now_; }
  void sleep_for(double seconds) override {
    slept_ += seconds;
    now_ += seconds;
  }
  double slept() const { return slept_; }

 private:
  double now_ = 1000;
  double slept_ = 0;
};

class FakeProbe : public LinkProbe {
 public:
  explicit FakeProbe(std::map<std::string, int> statuses) : statuses_(std::move(statuses)) {}
  Result<int> head(const std::string& url) override {
    asked.push_back(url);
    auto it = statuses_.find(url);
    if (it == statuses_.end()) return Error{"HEAD " + url + ": Could not resolve host"};
    return it->second;
  }
  std::vector<std::string> asked;

 private:
  std::map<std::string, int> statuses_;
};

TEST(SiteChecker, ExternalLinksAreOnlyAskedWhenWanted) {
  TempDir dir;
  write_good_site(dir);
  write_text(dir / "about.html", page("About",
                                      "<a href=\"https://gone.example.org/x\">x</a>\n"
                                      "<a href=\"https://arxiv.org/abs/1#v1\">same paper</a>"));
  FakeProbe probe({{"https://arxiv.org/abs/1", 200}, {"https://gone.example.org/x", 404}});
  FakeClock clock;
  CheckOptions options;
  options.output_dir = dir.path();
  options.base_url = "https://example.github.io/site";
  auto skipped = check_site(options, &probe, &clock);
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->problems.empty());
  EXPECT_TRUE(probe.asked.empty());

  options.external = ExternalLinks::kCheck;
  auto report = check_site(options, &probe, &clock);
  ASSERT_TRUE(report);
  EXPECT_EQ(probe.asked,
            (std::vector<std::string>{"https://arxiv.org/abs/1", "https://gone.example.org/x"}));
  EXPECT_EQ(report->external_links, 2u);
  EXPECT_EQ(report->external_checked, 2u);
  EXPECT_EQ(
      lines(*report),
      (std::vector<std::string>{
          "public/about.html:8: broken external link \"https://gone.example.org/x\": HTTP 404"}));
}

TEST(ExternalLinks, PacesEachHostAndStopsAtRateLimits) {
  FakeProbe probe({{"https://a.org/1", 200},
                   {"https://a.org/2", 429},
                   {"https://a.org/3", 200},
                   {"https://b.org/1", 200},
                   {"https://b.org/2", 410}});
  FakeClock clock;
  ExternalCheckOptions options;
  options.per_host_delay_seconds = 1.0;
  auto outcomes = check_external_urls({"https://a.org/1", "https://a.org/2", "https://a.org/3",
                                       "https://b.org/1", "https://b.org/2", "https://c.org/1"},
                                      probe, clock, options);
  ASSERT_EQ(outcomes.size(), 6u);
  EXPECT_EQ(outcomes[0].state, ExternalState::kOk);
  EXPECT_EQ(outcomes[1].state, ExternalState::kUnchecked);
  EXPECT_NE(outcomes[1].detail.find("rate limiting"), std::string::npos);
  EXPECT_EQ(outcomes[2].state, ExternalState::kUnchecked);  // a.org is left alone after its 429
  EXPECT_EQ(outcomes[3].state, ExternalState::kOk);
  EXPECT_EQ(outcomes[4].state, ExternalState::kBroken);
  EXPECT_EQ(outcomes[4].detail, "HTTP 410");
  EXPECT_EQ(outcomes[5].state, ExternalState::kBroken);  // transport error
  // Hosts interleave: a, b, c at once, then a and b again a second later.
  EXPECT_EQ(probe.asked.size(), 5u);
  EXPECT_DOUBLE_EQ(clock.slept(), 1.0);
}

TEST(ExternalLinks, LimitAndFailingHostsBoundTheWork) {
  FakeProbe probe({});
  FakeClock clock;
  ExternalCheckOptions options;
  options.limit = 4;
  options.per_host_delay_seconds = 0;
  options.max_host_failures = 2;
  auto outcomes = check_external_urls({"https://down.org/1", "https://down.org/2",
                                       "https://down.org/3", "https://x.org/1", "https://x.org/2"},
                                      probe, clock, options);
  EXPECT_EQ(probe.asked, (std::vector<std::string>{"https://down.org/1", "https://x.org/1",
                                                   "https://down.org/2"}));
  EXPECT_EQ(outcomes[2].state, ExternalState::kUnchecked);
  EXPECT_EQ(outcomes[4].state, ExternalState::kUnchecked);
  EXPECT_NE(outcomes[4].detail.find("limit of 4"), std::string::npos);
}

}  // namespace
}  // namespace paperpress
