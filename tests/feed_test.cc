// The Atom feeds as a feed reader takes them, built by the real binary: entry ids that stay
// the same across a paper's versions, a feed's <updated> from its newest entry, entries linking
// to the paper's own page with arXiv's abstract and PDF beside it, the site-wide feed.xml, and
// the autodiscovery links of the HTML pages.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

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

constexpr const char* kBaseUrl = "https://example.github.io/archive";

constexpr const char* kSiteToml = R"(title = "Papers"
description = "Every paper we follow."
base_url = "https://example.github.io/archive"
[archive]
papers_per_part = 4
since = "2025-01-01"
[[topics]]
slug = "llm"
name = "Language models"
description = "Large language models."
keywords = ["LLM"]
[[topics]]
slug = "vision"
name = "Vision"
keywords = ["vision"]
)";

constexpr int kPapers = 70;

// "2025-01-DDTHH:00:00Z", one hour after another from 2025-01-02.
std::string hour(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2025-01-%02dT%02d:00:00Z", 2 + n / 24, n % 24);
  return buf;
}

// Papers 1..70, each an hour newer than the one before: every third only on vision, every
// fifth on both topics, the rest on language models. Paper 71, the newest of the store, is on
// no topic.
std::vector<Paper> papers() {
  std::vector<Paper> out;
  for (int n = 1; n <= kPapers; ++n) {
    Paper p = test_paper(n, hour(n));
    if (n % 5 == 0)
      p.title = "LLM and vision, paper " + std::to_string(n);
    else if (n % 3 == 0)
      p.title = "A vision paper, number " + std::to_string(n);
    out.push_back(p);
  }
  Paper other = test_paper(kPapers + 1, "2025-03-01T00:00:00Z");
  other.title = "Nothing any topic follows";
  other.abstract = "Graphs.";
  out.push_back(other);
  return out;
}

std::string id_of(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2501.%05d", n);
  return buf;
}

testing::RunResult build(const fs::path& site) {
  return run_paperpress({"--site", site.string(), "-q", "build", "--threads", "2"});
}

struct Link {
  std::string rel, type, href;
};

struct Entry {
  std::string id, title, updated, published;
  std::vector<Link> links;

  const Link* link(std::string_view rel) const {
    for (const Link& l : links)
      if (l.rel == rel) return &l;
    return nullptr;
  }
};

struct Feed {
  std::string id, updated;
  std::vector<Link> links;
  std::vector<Entry> entries;

  const Entry* entry(std::string_view id) const {
    for (const Entry& e : entries)
      if (e.id == id) return &e;
    return nullptr;
  }
};

std::vector<Link> links_of(const pugi::xml_node& node) {
  std::vector<Link> out;
  for (pugi::xml_node l : node.children("link"))
    out.push_back(
        {l.attribute("rel").value(), l.attribute("type").value(), l.attribute("href").value()});
  return out;
}

// Parses an Atom feed (the test fails on one that is not well-formed or not Atom).
Feed parse_feed(const fs::path& file) {
  Feed feed;
  const std::string text = read_text(file);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(text.c_str());
  EXPECT_TRUE(parsed) << file << ": " << parsed.description();
  pugi::xml_node root = doc.child("feed");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://www.w3.org/2005/Atom") << file;
  feed.id = root.child_value("id");
  feed.updated = root.child_value("updated");
  feed.links = links_of(root);
  for (pugi::xml_node e : root.children("entry"))
    feed.entries.push_back(Entry{e.child_value("id"), e.child_value("title"),
                                 e.child_value("updated"), e.child_value("published"),
                                 links_of(e)});
  return feed;
}

class Feeds : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir_ / "site.toml", kSiteToml);
    testing::store_papers(dir_.path(), papers(), 1);
    auto run = build(dir_.path());
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  fs::path out() const { return dir_ / "public"; }
  Feed feed(const std::string& file) const { return parse_feed(out() / file); }

  TempDir dir_;
};

TEST_F(Feeds, EntryIdStaysTheSameAcrossAVersionBump) {
  const std::string id = "https://arxiv.org/abs/" + id_of(60);  // on both topics
  for (const std::string file : {"papers/llm/feed.xml", "papers/vision/feed.xml", "feed.xml"}) {
    const Feed f = feed(file);
    const Entry* e = f.entry(id);
    ASSERT_NE(e, nullptr) << file;
    EXPECT_EQ(e->updated, hour(60)) << file;
  }
  Paper v2 = papers()[59];
  v2.version = 2;
  v2.updated = "2025-02-20T12:00:00Z";
  v2.abs_url = v2.pdf_url = "";
  fill_default_links(v2);
  testing::store_papers(dir_.path(), {v2}, 2);
  auto run = build(dir_.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const std::string file : {"papers/llm/feed.xml", "papers/vision/feed.xml", "feed.xml"}) {
    const Feed f = feed(file);
    // Once, under the id it had, with the new version's date; now the newest entry.
    EXPECT_EQ(std::count_if(f.entries.begin(), f.entries.end(),
                            [&](const Entry& e) { return e.id.find(id_of(60)) != e.id.npos; }),
              1)
        << file;
    const Entry* e = f.entry(id);
    ASSERT_NE(e, nullptr) << file;
    EXPECT_EQ(e->updated, "2025-02-20T12:00:00Z") << file;
    EXPECT_EQ(e->published, hour(60)) << file;
    EXPECT_EQ(f.entries.front().id, id) << file;
    EXPECT_EQ(f.updated, "2025-02-20T12:00:00Z") << file;
    // arXiv's links name the version shown; the id never does.
    ASSERT_NE(e->link("enclosure"), nullptr);
    EXPECT_EQ(e->link("enclosure")->href, "https://arxiv.org/pdf/" + id_of(60) + "v2");
    for (const Entry& any : f.entries)
      EXPECT_TRUE(std::regex_match(any.id, std::regex(R"(https://arxiv\.org/abs/2501\.\d{5})")))
          << file << ": " << any.id;
  }
}

TEST_F(Feeds, FeedUpdatedIsItsNewestEntrys) {
  // The newest paper of the store (2025-03-01) is on no topic: no feed carries its date.
  for (const std::string file : {"papers/llm/feed.xml", "papers/vision/feed.xml", "feed.xml"}) {
    const Feed f = feed(file);
    ASSERT_FALSE(f.entries.empty()) << file;
    std::string newest;
    for (const Entry& e : f.entries) newest = std::max(newest, e.updated);
    EXPECT_EQ(f.updated, newest) << file;
    EXPECT_EQ(f.updated, f.entries.front().updated) << file;
    EXPECT_NE(f.updated, "2025-03-01T00:00:00Z") << file;
  }
  EXPECT_EQ(feed("papers/vision/feed.xml").updated, hour(70));  // 70: a fifth, on both
  EXPECT_EQ(feed("papers/llm/feed.xml").updated, hour(70));
}

TEST_F(Feeds, SiteFeedHoldsTheNewestFiftyPapersOfEveryTopicOnce) {
  ASSERT_TRUE(fs::is_regular_file(out() / "feed.xml"));
  const Feed f = feed("feed.xml");
  EXPECT_EQ(f.id, std::string(kBaseUrl) + "/");
  ASSERT_EQ(f.entries.size(), 50u);
  // Papers 70 down to 21, newest first, each once: the topics' lists merged.
  std::set<std::string> ids;
  for (size_t i = 0; i < f.entries.size(); ++i) {
    EXPECT_EQ(f.entries[i].id, "https://arxiv.org/abs/" + id_of(kPapers - static_cast<int>(i)));
    ids.insert(f.entries[i].id);
  }
  EXPECT_EQ(ids.size(), 50u);
  // From both topics: vision only (every third), language models only, and both (every fifth).
  EXPECT_NE(f.entry("https://arxiv.org/abs/" + id_of(69)), nullptr);
  EXPECT_NE(f.entry("https://arxiv.org/abs/" + id_of(68)), nullptr);
  EXPECT_NE(f.entry("https://arxiv.org/abs/" + id_of(65)), nullptr);
  EXPECT_EQ(f.entry("https://arxiv.org/abs/" + id_of(kPapers + 1)), nullptr);
  // Its own address and the home page it mirrors.
  std::map<std::string, std::string> links;
  for (const Link& l : f.links) links[l.rel] = l.href;
  EXPECT_EQ(links["self"], std::string(kBaseUrl) + "/feed.xml");
  EXPECT_EQ(links["alternate"], std::string(kBaseUrl) + "/");
  // A topic's feed: its own papers only, at most 50 of them.
  const Feed vision = feed("papers/vision/feed.xml");
  EXPECT_EQ(vision.id, std::string(kBaseUrl) + "/papers/vision/");
  EXPECT_EQ(vision.entries.size(), 33u);  // 14 fifths and the 19 thirds that are not fifths
  EXPECT_EQ(feed("papers/llm/feed.xml").entries.size(), 50u);  // of 51
  EXPECT_EQ(vision.entry("https://arxiv.org/abs/" + id_of(68)), nullptr);
}

TEST_F(Feeds, EntriesLinkToThePaperPageWithArxivBeside) {
  const Feed f = feed("papers/llm/feed.xml");
  const Entry* e = f.entry("https://arxiv.org/abs/" + id_of(70));
  ASSERT_NE(e, nullptr);
  ASSERT_NE(e->link("alternate"), nullptr);
  EXPECT_EQ(e->link("alternate")->href, std::string(kBaseUrl) + "/abs/" + id_of(70) + ".html");
  EXPECT_EQ(e->link("alternate")->type, "text/html");
  EXPECT_TRUE(fs::is_regular_file(out() / "abs" / (id_of(70) + ".html")));
  ASSERT_NE(e->link("related"), nullptr);
  EXPECT_EQ(e->link("related")->href, "https://arxiv.org/abs/" + id_of(70) + "v1");
  ASSERT_NE(e->link("enclosure"), nullptr);
  EXPECT_EQ(e->link("enclosure")->href, "https://arxiv.org/pdf/" + id_of(70) + "v1");
  EXPECT_EQ(e->link("enclosure")->type, "application/pdf");
  // The title is text: the <b> of the stored title is no markup in the feed.
  EXPECT_EQ(f.entry("https://arxiv.org/abs/" + id_of(68))->title,
            "LLM paper number 68 with <b>markup</b> & pipes |");
  // `paperpress check` resolves every link of the feeds under base_url to a file it built.
  auto check = run_paperpress({"--site", dir_.path().string(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(Feeds, WithoutPaperPagesEntriesLinkToArxiv) {
  write_text(dir_ / "site.toml", std::string(kSiteToml) + "[output]\npaper_pages = false\n");
  auto run = build(dir_.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Feed f = feed("feed.xml");
  const Entry* e = f.entry("https://arxiv.org/abs/" + id_of(70));
  ASSERT_NE(e, nullptr);
  ASSERT_NE(e->link("alternate"), nullptr);
  EXPECT_EQ(e->link("alternate")->href, "https://arxiv.org/abs/" + id_of(70) + "v1");
  EXPECT_EQ(e->link("related"), nullptr);
  EXPECT_NE(e->link("enclosure"), nullptr);
}

// The Atom links of an HTML page's <head>: href → title.
std::map<std::string, std::string> autodiscovery(const fs::path& page) {
  const std::string html = read_text(page);
  const std::string head = html.substr(0, html.find("</head>"));
  static const std::regex kLink(
      R"re(<link rel="alternate" type="application/atom\+xml" href="([^"]*)" title="([^"]*)">)re");
  std::map<std::string, std::string> out;
  for (std::sregex_iterator it(head.begin(), head.end(), kLink), end; it != end; ++it)
    out[(*it)[1]] = (*it)[2];
  return out;
}

TEST_F(Feeds, EveryHtmlPageNamesTheSiteFeedAndATopicsPagesItsFeed) {
  const std::string site_title = "Papers: newest papers";
  const std::string topic_title = "Language models papers";
  // Page → the links it must carry (relative, as written).
  const std::map<std::string, std::map<std::string, std::string>> expected = {
      {"index.html", {{"feed.xml", site_title}}},
      {"papers/index.html", {{"../feed.xml", site_title}}},
      {"daily/index.html", {{"../feed.xml", site_title}}},
      {"search.html", {{"feed.xml", site_title}}},
      {"abs/" + id_of(70) + ".html", {{"../feed.xml", site_title}}},
      {"papers/llm/index.html", {{"../../feed.xml", site_title}, {"feed.xml", topic_title}}},
      {"papers/llm/2025_01/index.html",
       {{"../../../feed.xml", site_title}, {"../feed.xml", topic_title}}},
      {"papers/llm/2025_01/papers_1.html",
       {{"../../../feed.xml", site_title}, {"../feed.xml", topic_title}}},
      {"daily/llm/index.html",
       {{"../../feed.xml", site_title}, {"../../papers/llm/feed.xml", topic_title}}},
      {"daily/llm/2025-01-04.html",
       {{"../../feed.xml", site_title}, {"../../papers/llm/feed.xml", topic_title}}},
  };
  for (const auto& [page, links] : expected) {
    ASSERT_TRUE(fs::is_regular_file(out() / page)) << page;
    EXPECT_EQ(autodiscovery(out() / page), links) << page;
    for (const auto& [href, title] : links)
      EXPECT_TRUE(fs::is_regular_file((out() / page).parent_path() / href)) << page << " " << href;
  }
  // And every other HTML page: the site's feed at least.
  size_t pages = 0;
  for (const auto& e : fs::recursive_directory_iterator(out()))
    if (e.path().extension() == ".html" && e.path().filename() != "404.html") {
      ++pages;
      auto links = autodiscovery(e.path());
      EXPECT_TRUE(std::any_of(links.begin(), links.end(), [&](const auto& l) {
        return l.second == site_title;
      })) << e.path();
    }
  EXPECT_GT(pages, 80u);
  // The 404 page resolves its links from the site's root (<base href>).
  EXPECT_EQ(autodiscovery(out() / "404.html"),
            (std::map<std::string, std::string>{{"feed.xml", site_title}}));
}

}  // namespace
}  // namespace paperpress
