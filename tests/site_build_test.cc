// `paperpress build` end to end on the fixture site tests/sites/basic: every output file against
// the expected tree (PAPERPRESS_UPDATE_GOLDEN=1 rewrites it), determinism, incremental writes,
// links under a sub-path, digests and notes, and topic slugs that would leave the output folder.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "paperpress/search/search_format.h"
#include "paperpress/store/paper_store.h"
#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_paperpress;
using testing::TempDir;
using testing::test_paper;
using testing::write_text;

fs::path fixture_dir() {
  return fs::path(PAPERPRESS_SOURCE_DIR) / "tests" / "sites" / "basic";
}

std::vector<Paper> fixture_papers() {
  std::vector<Paper> papers;
  const char* dates[] = {"2025-01-03T10:00:00Z", "2025-01-05T09:00:00Z", "2025-01-05T11:00:00Z",
                         "2025-02-01T08:00:00Z", "2025-02-02T08:00:00Z"};
  for (int n = 1; n <= 5; ++n) papers.push_back(test_paper(n, dates[n - 1]));
  papers[1].comment = "";
  papers[4].authors = {"A One", "B Two", "C Three", "D Four", "E Five", "F Six", "G Seven"};
  return papers;
}

// A copy of the fixture site (site.toml, content/) with its papers stored.
void make_site(const fs::path& site) {
  fs::copy(fixture_dir() / "site.toml", site / "site.toml");
  fs::copy(fixture_dir() / "content", site / "content", fs::copy_options::recursive);
  testing::store_papers(site, fixture_papers(), 1);
}

testing::RunResult build(const fs::path& site, const fs::path& out = {}) {
  std::vector<std::string> args = {"--site", site.string(), "build", "--threads", "2"};
  if (!out.empty()) args.insert(args.end(), {"--out", out.string()});
  return run_paperpress(args);
}

// Every regular file under `dir`, relative path → content.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.')
      files[fs::relative(e.path(), dir).generic_string()] = read_text(e.path());
  return files;
}

std::map<std::string, fs::file_time_type> mtimes(const fs::path& dir) {
  std::map<std::string, fs::file_time_type> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.')
      out[fs::relative(e.path(), dir).generic_string()] = e.last_write_time();
  return out;
}

TEST(SiteBuild, EveryFileMatchesTheGoldenTree) {
  TempDir dir;
  make_site(dir.path());
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto ours = tree(dir / "public");
  fs::path expected = fixture_dir() / "expected";
  const char* update = std::getenv("PAPERPRESS_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::remove_all(expected);
    for (const auto& [name, text] : ours) write_text(expected / name, text);
  }
  ASSERT_TRUE(fs::is_directory(expected)) << "run with PAPERPRESS_UPDATE_GOLDEN=1 once";
  auto golden = tree(expected);
  for (const auto& [name, text] : golden) {
    auto it = ours.find(name);
    if (it == ours.end()) {
      ADD_FAILURE() << "not built: " << name;
      continue;
    }
    EXPECT_EQ(it->second, text) << "differs from the golden file: " << name;
  }
  for (const auto& [name, text] : ours)
    EXPECT_TRUE(golden.count(name)) << "built but not in the golden tree: " << name;
}

TEST(SiteBuild, TwoBuildsAreByteIdentical) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path(), dir / "one").exit_code, 0);
  ASSERT_EQ(build(dir.path(), dir / "two").exit_code, 0);
  auto one = tree(dir / "one");
  EXPECT_GT(one.size(), 20u);
  EXPECT_TRUE(one == tree(dir / "two"));
}

TEST(SiteBuild, SecondBuildWritesNothing) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  auto before = mtimes(dir / "public");
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("(0 written"), std::string::npos) << run.err;
  auto after = mtimes(dir / "public");
  EXPECT_EQ(before.size(), after.size());
  for (const auto& [name, time] : after)
    EXPECT_TRUE(before.count(name) && before[name] == time) << name << " was written again";
}

TEST(SiteBuild, ChangedPaperRewritesOnlyThePagesShowingIt) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  auto before = tree(dir / "public");
  Paper changed = fixture_papers()[0];  // 2501.00001, alone on 2025-01-03
  changed.abstract = "A corrected abstract about a large language model.";
  changed.version = 2;
  testing::store_papers(dir.path(), {changed}, 2);
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto after = tree(dir / "public");
  ASSERT_EQ(before.size(), after.size());
  std::vector<std::string> rewritten;
  // The search index is checked apart: its shards hold words and numbers, not the page text.
  for (const auto& [name, text] : after)
    if (before[name] != text && !name.starts_with("search/")) rewritten.push_back(name);
  EXPECT_FALSE(rewritten.empty());
  EXPECT_NE(after[std::string(kSearchDir) + "d/0.json"].find(R"(["2501.00001",2,)"),
            std::string::npos);
  EXPECT_EQ(before["search/manifest.json"], after["search/manifest.json"]);
  for (const std::string& name : rewritten)
    EXPECT_NE(after[name].find("A corrected abstract"), std::string::npos)
        << name << " was rewritten but does not show the paper";
  for (const auto& [name, text] : after)
    if (text.find("A corrected abstract") != std::string::npos)
      EXPECT_NE(before[name], text) << name;
  EXPECT_EQ(before["daily/llm/2025-02-01.html"], after["daily/llm/2025-02-01.html"]);
}

TEST(SiteBuild, HomeListsEachTopicsLatestDay) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  // The latest day of llm is 2025-02-02, with paper 5 alone; paper 4 (2025-02-01) is older.
  std::string html = read_text(dir / "public/index.html");
  size_t latest = html.find("<h3 id=\"latest-llm\">");
  ASSERT_NE(latest, std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"daily/llm/2025-02-02.html\"><time datetime=\"2025-02-02\">Sun 2 "
                      "Feb 2025</time></a>",
                      latest),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"abs/2501.00005.html\">LLM paper number 5 with "
                      "&lt;b&gt;markup&lt;/b&gt; &amp; pipes |</a>",
                      latest),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("A One, B Two", latest), std::string::npos);
  EXPECT_EQ(html.find("LLM paper number 4", latest), std::string::npos);
  std::string md = read_text(dir / "public/README.md");
  EXPECT_NE(md.find("### [LLM](papers/llm/README.md) · [2025-02-02](daily/llm/2025-02-02.md)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- [LLM paper number 5 "), std::string::npos);
}

TEST(SiteBuild, HomeCapsEachTopicWithAMoreLink) {
  TempDir dir;
  make_site(dir.path());
  std::vector<Paper> more;
  for (int n = 6; n <= 12; ++n) more.push_back(test_paper(n, "2025-03-04T10:00:00Z"));
  testing::store_papers(dir.path(), more, 2);
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  std::string html = read_text(dir / "public/index.html");
  size_t latest = html.find("<h3 id=\"latest-llm\">");
  ASSERT_NE(latest, std::string::npos);
  size_t shown = 0;
  for (size_t at = html.find("\"abs/2501.000", latest); at != std::string::npos;
       at = html.find("\"abs/2501.000", at + 1))
    ++shown;
  EXPECT_EQ(shown, 5u) << html;
  EXPECT_NE(html.find("<a href=\"daily/llm/2025-03-04.html\">2 more on Tue 4 Mar 2025</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(
      read_text(dir / "public/README.md").find("- [2 more on 2025-03-04](daily/llm/2025-03-04.md)"),
      std::string::npos);
}

TEST(SiteBuild, HtmlPagesNameMonthsAndDaysAsPeopleWriteThem) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  const fs::path out = dir / "public";
  std::string part = read_text(out / "papers/llm/2025_01/papers_1.html");
  EXPECT_NE(part.find("<h1>LLM <span class=\"muted\">· January 2025</span></h1>"),
            std::string::npos)
      << part;
  EXPECT_NE(part.find("<title>LLM · January 2025 · "), std::string::npos);
  EXPECT_NE(part.find("href=\"papers_2.html\""), std::string::npos);  // URLs keep the key
  std::string topic = read_text(out / "papers/llm/index.html");
  EXPECT_NE(topic.find("<a href=\"2025_01/papers_1.html\">January 2025</a>"), std::string::npos)
      << topic;
  EXPECT_NE(topic.find("<a href=\"2025_02/papers_1.html\">February 2025</a>"), std::string::npos);
  std::string daily = read_text(out / "daily/llm/index.html");
  EXPECT_NE(daily.find("<a href=\"2025-01-05.html\"><time datetime=\"2025-01-05\">Sun 5 Jan "
                       "2025</time></a>"),
            std::string::npos)
      << daily;
  std::string day = read_text(out / "daily/llm/2025-01-05.html");
  EXPECT_NE(day.find("<time datetime=\"2025-01-05\">Sun 5 Jan 2025</time>"), std::string::npos);
  EXPECT_NE(day.find("← Fri 3 Jan 2025</a>"), std::string::npos);
  // The Markdown pages, file names and feeds keep the keys and ISO dates.
  EXPECT_TRUE(fs::exists(out / "papers/llm/2025_01/papers_1.md"));
  EXPECT_TRUE(fs::exists(out / "daily/llm/2025-01-05.md"));
  for (const auto& [name, text] : tree(out)) {
    if (name.ends_with(".html")) continue;
    EXPECT_EQ(text.find("January 2025"), std::string::npos) << name;
    EXPECT_EQ(text.find("Jan 2025"), std::string::npos) << name;
  }
  EXPECT_NE(read_text(out / "papers/llm/README.md").find("[2025\\_01](2025_01/papers_1.md)"),
            std::string::npos);
  EXPECT_NE(read_text(out / "daily/llm/README.md").find("[2025-01-05](2025-01-05.md)"),
            std::string::npos);
}

TEST(SiteBuild, LinksStayRelativeUnderASubPath) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  static const std::regex kAttr(R"re((href|src)="([^"]*)")re");
  static const std::regex kCanonical(R"re(<link rel="canonical" href="([^"]*)")re");
  size_t pages = 0;
  for (const auto& [name, text] : tree(dir / "public")) {
    if (name.size() < 5 || name.substr(name.size() - 5) != ".html") continue;
    ++pages;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, kCanonical)) << name;
    EXPECT_EQ(m[1].str().rfind("https://example.github.io/basic/", 0), 0u) << name << " " << m[1];
    std::string links = m.prefix().str() + m.suffix().str();
    for (auto it = std::sregex_iterator(links.begin(), links.end(), kAttr);
         it != std::sregex_iterator(); ++it) {
      std::string url = (*it)[2];
      if (name == "404.html" && (*it)[0] == "href=\"/basic/\"") continue;  // its <base>, below
      EXPECT_NE(url.rfind("/", 0), 0u) << name << ": root-relative link " << url;
      EXPECT_EQ(url.find("example.github.io"), std::string::npos)
          << name << ": " << (*it)[0] << ": site link " << url << " is not relative";
    }
  }
  EXPECT_GT(pages, 10u);
  // The 404 page is served at any depth: its relative links resolve from the site's path.
  EXPECT_NE(read_text(dir / "public/404.html").find("<base href=\"/basic/\">"), std::string::npos);
  std::string part = read_text(dir / "public/papers/llm/2025_01/papers_1.html");
  EXPECT_NE(part.find("href=\"../../../assets/style.css\""), std::string::npos);
}

TEST(SiteBuild, DigestShowsChosenPapersWithCommentary) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  std::string md = read_text(dir / "public/digests/2025-01-05.md");
  size_t second = md.find("### [LLM paper number 2 ");
  size_t first = md.find("### [LLM paper number 1 ");
  ASSERT_NE(second, std::string::npos) << md;
  ASSERT_NE(first, std::string::npos) << md;
  EXPECT_LT(second, first);  // the front matter's order, then the body's
  EXPECT_NE(md.find("**Published:** 2025-01-05"), std::string::npos);
  EXPECT_NE(md.find("Commentary on the second paper."), std::string::npos);
  EXPECT_NE(md.find("A *short* remark."), std::string::npos);
  EXPECT_EQ(md.find("arXiv:2501.00002\n"), std::string::npos);  // the section heading is replaced
  std::string html = read_text(dir / "public/digests/2025-01-05.html");
  // The title leads to the paper's page, the id beside it to arXiv.
  EXPECT_NE(html.find("<a href=\"../abs/2501.00002.html\">LLM paper number 2 with "
                      "&lt;b&gt;markup&lt;/b&gt; &amp; pipes |</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a class=\"arxiv-id\" href=\"https://arxiv.org/abs/2501.00002v1\">"),
            std::string::npos);
  EXPECT_NE(html.find("<p>A <em>short</em> remark.</p>"), std::string::npos);
  EXPECT_NE(html.find("case 1."), std::string::npos);  // the abstract, from the store
}

TEST(SiteBuild, NoteShowsWithItsPaper) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  std::string day = read_text(dir / "public/daily/llm/2025-01-05.html");
  size_t abstract = day.find("case 3.");
  size_t note = day.find("<p>It is the <strong>third</strong> one.</p>");
  ASSERT_NE(note, std::string::npos);
  EXPECT_LT(abstract, note);
  std::string day_md = read_text(dir / "public/daily/llm/2025-01-05.md");
  EXPECT_NE(day_md.find("\n  > It is the **third** one."), std::string::npos) << day_md;
  std::string part_md = read_text(dir / "public/papers/llm/2025_01/papers_1.md");
  EXPECT_NE(part_md.find("\n> It is the **third** one."), std::string::npos) << part_md;
  std::string page = read_text(dir / "public/notes/2501.00003.html");
  EXPECT_NE(page.find("LLM paper number 3"), std::string::npos);
}

TEST(SiteBuild, TopicSlugCannotLeaveTheOutputFolder) {
  for (std::string slug : {"../evil", "/tmp/evil", "a/../../b", ".."}) {
    TempDir dir;
    make_site(dir.path());
    std::string toml = read_text(dir / "site.toml");
    toml.replace(toml.find("slug = \"llm\""), 12, "slug = \"" + slug + "\"");
    write_text(dir / "site.toml", toml);
    auto run = build(dir.path());
    EXPECT_NE(run.exit_code, 0) << slug;
    EXPECT_NE(run.err.find("slug"), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(dir / "evil"));
    EXPECT_FALSE(fs::exists(dir / "public"));
  }
}

}  // namespace
}  // namespace paperpress

namespace paperpress {
namespace {

// Unchanged pages are kept without rendering (page fingerprints); these are the ways a kept page
// could go stale, and each must render again.
TEST(SiteBuildFingerprints, ATemplateChangeRendersEveryPageThatUsesIt) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  testing::write_text(dir / "templates" / "paper_card.md",
                      "<div class=\"paper-card\">{{title|html}} (custom card)</div>\n");
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(read_text(dir / "public/papers/llm/2025_01/papers_1.md").find("(custom card)"),
            std::string::npos);
  EXPECT_NE(read_text(dir / "public/papers/llm/2025_02/papers_1.md").find("(custom card)"),
            std::string::npos);
}

// A paper's costlier members (all_authors, the *_html texts) are built only for themes that name
// them: a template that starts naming one shows it at once.
TEST(SiteBuildFingerprints, ATemplateNamingAllAuthorsShowsThem) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  const std::string before = read_text(dir / "public/papers/llm/2025_02/papers_1.md");
  EXPECT_EQ(before.find("G Seven"), std::string::npos);  // the 7th author; 6 are shown
  testing::write_text(dir / "templates" / "paper_card.md",
                      "<div>{{title|html}} by {{#all_authors}}{{name}}{{^last}}; "
                      "{{/last}}{{/all_authors}}</div>\n");
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(read_text(dir / "public/papers/llm/2025_02/papers_1.md")
                .find("by A One; B Two; C Three; D Four; E Five; F Six; G Seven</div>"),
            std::string::npos);
  // The HTML pages, whose templates show the first six, are as before.
  EXPECT_EQ(read_text(dir / "public/papers/llm/2025_02/papers_1.html").find("G Seven"),
            std::string::npos);
}

TEST(SiteBuildFingerprints, ASiteTomlChangeRendersEveryPage) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  std::string toml = read_text(dir / "site.toml");
  toml.replace(toml.find("Basic archive"), 13, "Renamed archive");
  testing::write_text(dir / "site.toml", toml);
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  EXPECT_NE(read_text(dir / "public/papers/llm/2025_01/papers_2.html").find("Renamed archive"),
            std::string::npos);
  EXPECT_NE(read_text(dir / "public/daily/llm/2025-01-03.html").find("Renamed archive"),
            std::string::npos);
}

// A build whose inputs (the store's papers, site.toml, theme, content, the program) are the last
// build's, and whose output is untouched, keeps every file without reading the store.
TEST(SiteBuildFingerprints, SameInputsKeepEveryFileWithoutReadingTheStore) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  auto before = tree(dir / "public");
  auto times = mtimes(dir / "public");
  testing::write_text(dir / "public/stray.html", "not from this build");
  auto run = run_paperpress({"--site", dir.path().string(), "build", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("same inputs as the last build"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("load store"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("(0 written, "), std::string::npos) << run.err;
  EXPECT_EQ(tree(dir / "public"), before);  // the stray file is gone, nothing else changed
  EXPECT_EQ(mtimes(dir / "public"), times);

  // An output file edited by hand: the build renders again and restores it.
  testing::write_text(dir / "public/index.html", "edited");
  run = run_paperpress({"--site", dir.path().string(), "build", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("load store"), std::string::npos) << run.err;
  EXPECT_EQ(tree(dir / "public"), before);

  // A fetch that found nothing new appends a commit record alone: still the same papers.
  testing::store_papers(dir.path(), {}, 2);
  run = run_paperpress({"--site", dir.path().string(), "build", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("same inputs as the last build"), std::string::npos) << run.err;
  EXPECT_EQ(tree(dir / "public"), before);

  // A paper appended to the store: the build reads it.
  testing::store_papers(dir.path(), {test_paper(6, "2025-02-03T08:00:00Z")}, 3);
  run = run_paperpress({"--site", dir.path().string(), "build", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("load store"), std::string::npos) << run.err;
  EXPECT_NE(read_text(dir / "public/papers/llm/2025_02/papers_1.html").find("2501.00006"),
            std::string::npos);
}

// The store index (cache/build/store.index) says what the last build read, so a build after a
// fetch reads only the records the fetch appended, and makes the same site as a full read.
TEST(SiteBuildFingerprints, ABuildAfterAFetchReadsOnlyWhatItAppended) {
  TempDir dir;
  make_site(dir.path());
  auto run = run_paperpress({"--site", dir.path().string(), "build", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("store: read in full"), std::string::npos) << run.err;

  const fs::path store = store_file(dir / "cache");
  const size_t before = fs::file_size(store);
  Paper revised = fixture_papers()[1];
  revised.version = 2;
  revised.updated = "2025-02-03T09:00:00Z";
  revised.title = "A revised large language model";
  testing::store_papers(dir.path(), {test_paper(6, "2025-02-03T08:00:00Z"), revised}, 2);
  const size_t after = fs::file_size(store);
  run = run_paperpress({"--site", dir.path().string(), "build", "--timings"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("store: read " + std::to_string(after - before) + " of " +
                         std::to_string(after) + " bytes"),
            std::string::npos)
      << run.err;
  const std::string part = read_text(dir / "public/papers/llm/2025_02/papers_1.html");
  EXPECT_NE(part.find("2501.00006"), std::string::npos);
  EXPECT_NE(part.find("A revised large language model"), std::string::npos);

  // The same site as a build that reads the whole store.
  fs::remove(dir / "cache/build/store.index");
  run = run_paperpress(
      {"--site", dir.path().string(), "build", "--timings", "--out", (dir / "full").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("store: read in full"), std::string::npos) << run.err;
  EXPECT_EQ(tree(dir / "full"), tree(dir / "public"));
}

// Topics found for a paper are reused by later builds (cache/build/topics.bin) only while
// site.toml is the same.
TEST(SiteBuildFingerprints, ATopicChangeAssignsPapersAgain) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  ASSERT_TRUE(fs::exists(dir / "cache/build/topics.bin"));
  std::string llm_page = read_text(dir / "public/papers/llm/2025_01/papers_1.html");
  ASSERT_NE(llm_page.find("2501.00002"), std::string::npos);
  std::string toml = read_text(dir / "site.toml");
  toml.replace(toml.find("keywords = [\"LLM\", \"Large Language Model\"]"), 42,
               "keywords = [\"number 3\"]");
  testing::write_text(dir / "site.toml", toml + R"(
[[topics]]
slug = "cases"
name = "Cases"
keywords = ["case"]
)");
  auto run = build(dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  llm_page = read_text(dir / "public/papers/llm/2025_01/papers_1.html");
  EXPECT_NE(llm_page.find("2501.00003"), std::string::npos);
  EXPECT_EQ(llm_page.find("2501.00002"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "public/papers/llm/2025_01/papers_2.html"));
  EXPECT_FALSE(fs::exists(dir / "public/papers/llm/2025_02"));
  std::string cases = read_text(dir / "public/papers/cases/2025_02/papers_1.html");
  EXPECT_NE(cases.find("2501.00004"), std::string::npos);
  EXPECT_NE(cases.find("2501.00005"), std::string::npos);
}

TEST(SiteBuildFingerprints, AnOutputFileDeletedOrEditedByHandIsRestored) {
  TempDir dir;
  make_site(dir.path());
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  std::string original = read_text(dir / "public/papers/llm/2025_01/papers_1.html");
  fs::remove(dir / "public/papers/llm/2025_01/papers_1.md");
  testing::write_text(dir / "public/papers/llm/2025_01/papers_1.html", "edited by hand");
  ASSERT_EQ(build(dir.path()).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir / "public/papers/llm/2025_01/papers_1.md"));
  EXPECT_EQ(read_text(dir / "public/papers/llm/2025_01/papers_1.html"), original);
}

// [search] enabled = false: no index, no search page, no box, no script; turned off after a
// build with search, its files are removed and every page loses the box.
TEST(SiteBuild, SearchCanBeTurnedOff) {
  TempDir dir;
  make_site(dir.path());
  auto on = build(dir.path());
  ASSERT_EQ(on.exit_code, 0) << on.err;
  ASSERT_TRUE(fs::exists(dir / "public/search.html"));
  ASSERT_TRUE(fs::is_directory(dir / "public/search"));
  ASSERT_NE(read_text(dir / "public/index.html").find("site-search"), std::string::npos);
  ASSERT_TRUE(fs::exists(dir / "public/assets/search.js"));
  write_text(dir / "site.toml", read_text(dir / "site.toml") + "\n[search]\nenabled = false\n");
  auto off = build(dir.path());
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_FALSE(fs::exists(dir / "public/search.html"));
  EXPECT_FALSE(fs::exists(dir / "public/search"));
  EXPECT_FALSE(fs::exists(dir / "public/assets/search.js"));
  EXPECT_TRUE(fs::exists(dir / "public/assets/style.css"));
  for (const auto& [name, text] : tree(dir / "public")) {
    if (!name.ends_with(".html")) continue;
    EXPECT_EQ(text.find("site-search"), std::string::npos) << name;
    EXPECT_EQ(text.find("search.js\""), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace paperpress
