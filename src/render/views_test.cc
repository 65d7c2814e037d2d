#include "paperpress/render/views.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "paperpress/model/topic_assignment.h"
#include "test_support.h"
#include "view_schemas.h"

namespace paperpress {
namespace {

// A site of three papers on one topic, the second with a note on it.
struct NotedSite {
  Config config = testing::config_from(R"(title = "T"
base_url = "https://example.org"
[archive]
since = "2025-01-01"
[[topics]]
slug = "llm"
name = "LLMs"
keywords = ["language models"]
)");
  std::vector<PaperRef> papers;
  std::vector<ContentPage> content;
  Archive archive;

  NotedSite() {
    for (int n = 1; n <= 3; ++n)
      papers.push_back(testing::stored_ref(
          testing::test_paper(n, "2025-01-0" + std::to_string(n) + "T00:00:00Z"), n));
    ContentPage note;
    note.key = "notes/2501.00002";
    note.title = "On paper 2";
    note.paper = "2501.00002";
    note.markdown = "A *note*.";
    note.html = "<p>A <em>note</em>.</p>";
    content.push_back(note);
    auto topics = assign_topics(config, papers, TopicAssignment{}, 1);
    EXPECT_TRUE(topics);
    archive = build_archive(config, papers, *topics, 1);
  }
};

const Value& paper_named(const Value& page, std::string_view id) {
  for (const Value& p : page.find("papers")->children())
    if (p.find("id")->text() == id) return p;
  ADD_FAILURE() << "no paper " << id;
  return Value::null_value();
}

// A member as text: its string, "true"/"false" for a bool, "<absent>" or "<null>".
std::string text_of(const Value& v, std::string_view key) {
  const Value* m = v.find(key);
  if (!m) return "<absent>";
  if (m->is_bool()) return m->boolean() ? "true" : "false";
  if (m->is_null()) return "<null>";
  return std::string(m->text());
}

TEST(SharedPaperViews, APageBuildsItsPapersOnceForAllFormatsButANotedPaperPerFormat) {
  NotedSite s;
  SiteData site{s.config, s.papers, s.archive, s.content, "2025-01-03"};
  ASSERT_EQ(s.archive.topics.size(), 1u);
  ASSERT_EQ(s.archive.topics[0].months.size(), 1u);
  PageJob job{"papers/llm/2025_01/papers_1", PageKind::kPart, 0, 0, 1};

  ViewArena alone_html, alone_md, together;
  const Value& html_alone = page_view(site, job, kHtmlFormat, alone_html);
  const Value& md_alone = page_view(site, job, kMarkdownFormat, alone_md);
  SharedPaperViews shared;
  const Value& html = page_view(site, job, kHtmlFormat, together, &shared);
  size_t after_html = together.node_count();
  const Value& md = page_view(site, job, kMarkdownFormat, together, &shared);

  // Sharing saves building the un-noted papers again: the Markdown view costs fewer nodes.
  EXPECT_LT(together.node_count() - after_html, alone_md.node_count());
  // An un-noted paper's members are the very nodes the HTML view built; a noted one's are not.
  for (std::string_view id : {"2501.00001", "2501.00003"})
    EXPECT_EQ(paper_named(md, id).first_child(), paper_named(html, id).first_child()) << id;
  EXPECT_NE(paper_named(md, "2501.00002").first_child(),
            paper_named(html, "2501.00002").first_child());

  // Each format's view says what it says when built alone: the note links to its own format.
  for (auto [view, alone] : {std::pair{&html, &html_alone}, std::pair{&md, &md_alone}}) {
    ASSERT_EQ(view->find("papers")->size(), 3u);
    for (std::string_view id : {"2501.00001", "2501.00002", "2501.00003"})
      for (std::string_view key :
           {"title", "title_html", "abstract", "date", "note_url", "note_md", "note_html", "first"})
        EXPECT_EQ(text_of(paper_named(*view, id), key), text_of(paper_named(*alone, id), key))
            << id << " " << key;
  }
  EXPECT_EQ(text_of(paper_named(html, "2501.00002"), "note_url"), "../../../notes/2501.00002.html");
  EXPECT_EQ(text_of(paper_named(md, "2501.00002"), "note_url"), "../../../notes/2501.00002.md");
}

// Every member of a paper's view holds its own field, found by its name as templates look it
// up (the members are a record: an array in a fixed order, named by a schema).
TEST(PaperView, EveryMemberHoldsItsOwnField) {
  Config config = testing::config_from(R"(title = "T"
base_url = "https://example.org"
[archive]
since = "2025-01-01"
authors_shown = 2
[[topics]]
slug = "all"
name = "All"
categories = ["cs.*"]
)");
  Paper p;
  p.id = "2501.00007";
  p.version = 3;
  p.title = "The title [x]";
  p.abstract = "The abstract <y>";
  p.comment = "The comment & z";
  p.journal_ref = "The journal ref";
  p.doi = "10.1/doi";
  p.categories = {"cs.CL", "cs.AI"};
  p.primary_category = "cs.CL";
  p.published = "2025-01-02T00:00:00Z";
  p.updated = "2025-01-05T00:00:00Z";
  p.authors = {"One", "Two", "Three"};
  p.abs_url = "https://arxiv.org/abs/2501.00007v3";
  p.pdf_url = "https://arxiv.org/pdf/2501.00007v3";
  std::vector<PaperRef> papers = {testing::stored_ref(p, 1)};
  std::vector<ContentPage> content;
  auto topics = assign_topics(config, papers, TopicAssignment{}, 1);
  ASSERT_TRUE(topics);
  Archive archive = build_archive(config, papers, *topics, 1);
  SiteData site{config, papers, archive, content, "2025-01-05"};
  ViewArena arena;
  const Value& page = page_view(site, {"papers/all/2025_01/papers_1", PageKind::kPart, 0, 0, 1},
                                kHtmlFormat, arena);
  const Value& v = paper_named(page, "2501.00007");
  const std::pair<const char*, const char*> expected[] = {
      {"id", "2501.00007"},
      {"version", "3"},
      {"title", "The title [x]"},
      {"abstract", "The abstract <y>"},
      {"comment", "The comment & z"},
      {"journal_ref", "The journal ref"},
      {"doi", "10.1/doi"},
      {"primary_category", "cs.CL"},
      {"date", "2025-01-05"},
      {"published", "2025-01-02"},
      {"updated", "2025-01-05"},
      {"abs_url", "https://arxiv.org/abs/2501.00007v3"},
      {"pdf_url", "https://arxiv.org/pdf/2501.00007v3"},
      {"first", "true"},
      {"et_al", "true"},
      {"title_html", "The title &#91;x&#93;"},
      {"abstract_html", "The abstract &lt;y&gt;"},
      {"comment_html", "The comment &amp; z"},
      // No note on it: absent, as a name no view sets (a template looks further out).
      {"note_url", "<absent>"},
      {"note_html", "<absent>"},
      {"note_quote", "<absent>"},
  };
  for (const auto& [key, text] : expected) {
    EXPECT_EQ(text_of(v, key), text) << key;
    EXPECT_EQ(v.record_member(v.schema()->index(key), key), v.find(key)) << key;  // by index
  }
  auto names = [&](std::string_view list) {
    std::string out;
    for (const Value& item : v.find(list)->children())
      out += text_of(item, "name") + (text_of(item, "last") == "true" ? "." : ",");
    return out;
  };
  EXPECT_EQ(names("categories"), "cs.CL,cs.AI.");
  EXPECT_EQ(names("authors"), "One,Two.");
  EXPECT_EQ(names("all_authors"), "One,Two,Three.");
}

// The site's links of a page, as its templates see them.
std::string site_links(const Value& page) {
  const Value& site = *page.find("site");
  std::string out = text_of(site, "home_url") + " " + text_of(site, "papers_url");
  for (const Value& t : site.find("topics")->children())
    out += " " + text_of(t, "url") + " " + text_of(t, "daily_url");
  return out;
}

// Pages of one folder share the site's links, built once per folder and format before the pages
// render; pages of other folders get their own, as if built without them.
TEST(SiteViews, PagesOfOneFolderShareTheSiteLinksAndOtherFoldersGetTheirOwn) {
  NotedSite s;
  SiteData site{s.config, s.papers, s.archive, s.content, "2025-01-03"};
  const std::vector<PageJob> jobs = {{"papers/llm/2025_01/papers_1", PageKind::kPart, 0, 0, 1},
                                     {"daily/llm/2025-01-01", PageKind::kDay, 0, 2},
                                     {"papers/llm/", PageKind::kTopic, 0},
                                     {"", PageKind::kHome},
                                     {"daily/llm/2025-01-02", PageKind::kDay, 0, 1},
                                     {"papers/", PageKind::kPapers},
                                     {"papers/llm/2025_01/papers_1", PageKind::kPart, 0, 0, 1}};
  const SiteViews site_views(site, jobs);
  ViewArena arena;
  std::vector<const Value*> site_nodes;
  for (const PageJob& job : jobs) {
    for (const OutputFormat* format : {&kHtmlFormat, &kMarkdownFormat}) {
      ViewArena alone;
      const Value& shared = page_view(site, job, *format, arena, nullptr, &site_views);
      EXPECT_EQ(site_links(shared), site_links(page_view(site, job, *format, alone)))
          << job.key << " " << format->name;
      site_nodes.push_back(shared.find("site")->first_child());
    }
  }
  EXPECT_EQ(site_links(page_view(site, jobs[3], kHtmlFormat, arena, nullptr, &site_views)),
            "./ papers/ papers/llm/ daily/llm/");
  // The two day pages share one folder: the same nodes, per format; so do the two visits of
  // the part page. Other folders and formats have their own.
  EXPECT_EQ(site_nodes[2], site_nodes[8]);
  EXPECT_EQ(site_nodes[3], site_nodes[9]);
  EXPECT_EQ(site_nodes[0], site_nodes[12]);
  EXPECT_NE(site_nodes[2], site_nodes[3]);
  EXPECT_NE(site_nodes[0], site_nodes[2]);
  // A folder of no page of the plan has none: such a page builds its own.
  EXPECT_EQ(site_views.find("notes/", kHtmlFormat), nullptr);
  EXPECT_NE(site_views.find("papers/llm/", kMarkdownFormat), nullptr);
}

// The top navigation marks the topic a page belongs to: its index, months, parts, daily index
// and days; no topic elsewhere.
TEST(SiteViews, MarkTheTopicOfThePagesFolderAsCurrent) {
  NotedSite s;
  SiteData site{s.config, s.papers, s.archive, s.content, "2025-01-03"};
  ViewArena arena;
  auto current = [&](const char* key, PageKind kind) {
    const PageJob job{key, kind, 0};
    std::string out;
    for (const OutputFormat* format : {&kHtmlFormat, &kMarkdownFormat}) {
      const Value& topics = *page_view(site, job, *format, arena).find("site")->find("topics");
      for (const Value& t : topics.children()) out += text_of(t, "current") + " ";
    }
    return out;
  };
  EXPECT_EQ(current("papers/llm/", PageKind::kTopic), "true true ");
  EXPECT_EQ(current("papers/llm/2025_01/", PageKind::kMonth), "true true ");
  EXPECT_EQ(current("daily/llm/", PageKind::kDaily), "true true ");
  EXPECT_EQ(current("", PageKind::kHome), "false false ");
  EXPECT_EQ(current("papers/", PageKind::kPapers), "false false ");
  EXPECT_EQ(current("daily/", PageKind::kDailyAll), "false false ");
}

// Every object of a view is a record: its members found by index (as a bound template finds
// them) are the ones found by name. Returns the number of records seen.
int expect_records(const Value& v, const std::string& path) {
  int records = 0;
  if (v.is_object()) {
    EXPECT_NE(v.schema(), nullptr) << path << " is an object of no schema";
    if (v.schema() == nullptr) return 0;
    ++records;
    for (const Value& m : v.children()) {
      if (m.key().empty()) continue;  // a member never put
      const std::string key(m.key());
      EXPECT_EQ(v.record_member(v.schema()->index(key), key), &m) << path << "." << key;
      records += expect_records(m, path + "." + key);
    }
  } else if (v.is_list()) {
    for (const Value& item : v.children()) records += expect_records(item, path + "[]");
  }
  return records;
}

TEST(PageViews, EveryPageAndFeedIsMadeOfRecordsOnly) {
  NotedSite s;
  s.config.output.paper_pages = true;
  ContentPage about;
  about.key = "about";
  about.title = "About";
  about.markdown = "Hi.";
  s.content.push_back(about);
  ContentPage digest;
  digest.key = "digests/2025-01-03";
  digest.title = "Digest";
  digest.papers = {PaperSection{"2501.00001", "Good.", "<p>Good.</p>"},
                   PaperSection{"2501.99999", "Gone.", "<p>Gone.</p>"}};
  s.content.push_back(digest);
  SiteData site{s.config, s.papers, s.archive, s.content, "2025-01-03"};
  const std::vector<PageJob> jobs = {{"", PageKind::kHome},
                                     {"papers/", PageKind::kPapers},
                                     {"papers/llm/", PageKind::kTopic, 0},
                                     {"papers/llm/2025_01/", PageKind::kMonth, 0, 0},
                                     {"papers/llm/2025_01/papers_1", PageKind::kPart, 0, 0, 1},
                                     {"daily/", PageKind::kDailyAll},
                                     {"daily/llm/", PageKind::kDaily, 0},
                                     {"daily/llm/2025-01-02", PageKind::kDay, 0, 1},
                                     {"notes/2501.00002", PageKind::kContent, 0, 0},
                                     {"about", PageKind::kContent, 0, 1},
                                     {"digests/2025-01-03", PageKind::kContent, 0, 2},
                                     {"404", PageKind::kNotFound},
                                     {"search", PageKind::kSearch},
                                     {"abs/2501.00002", PageKind::kPaper, 0, 1}};
  for (const PageJob& job : jobs) {
    for (const OutputFormat* format : {&kHtmlFormat, &kMarkdownFormat, &kBibtexFormat}) {
      ViewArena arena;
      const Value& page = page_view(site, job, *format, arena);
      EXPECT_EQ(page.schema(), &page_schema()) << job.key;
      const int records = expect_records(page, job.key + std::string(format->extension));
      // The site, the breadcrumbs, the topics, the papers: more than the page alone.
      if (format != &kBibtexFormat && job.kind != PageKind::kNotFound &&
          job.kind != PageKind::kSearch)
        EXPECT_GT(records, 3) << job.key;
    }
  }
  ViewArena arena;
  const std::vector<PaperIndex> papers = {2, 1, 0};
  const Value& feed = feed_view(
      site, FeedSpec{"T", "D", "papers/llm/", "papers/llm/feed.xml", true}, papers, true, arena);
  EXPECT_EQ(feed.schema(), &feed_schema());
  int names = 0;  // each entry's authors and categories
  for (PaperIndex i : papers) {
    s.papers[i].for_each_author([&](std::string_view) { ++names; });
    s.papers[i].for_each_category([&](std::string_view) { ++names; });
  }
  EXPECT_EQ(names, 12);
  EXPECT_EQ(expect_records(feed, "feed"), 1 + 3 + names);
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// docs/themes.md is where theme authors learn the names: every name a view has is there.
TEST(ViewSchemas, EveryNameATemplateCanSeeIsDocumented) {
  const std::string doc =
      read_text(std::filesystem::path(PAPERPRESS_SOURCE_DIR) / "docs/themes.md");
  ASSERT_FALSE(doc.empty());
  size_t names = 0;
  for (const Schema* schema : view_schemas()) {
    for (size_t i = 0; i < schema->size(); ++i, ++names) {
      const std::string key(schema->key(i));
      // `key`, `key[]`, `site.key`, `first_version_date`/...: the name between a backtick or a
      // dot and a backtick, a bracket or a slash.
      bool found = false;
      for (const char before : {'`', '.'})
        for (const char after : {'`', '[', '/'})
          found = found || doc.find(before + key + after) != std::string::npos;
      EXPECT_TRUE(found) << "docs/themes.md does not name `" << key << "`";
    }
  }
  EXPECT_GT(names, 150u);
}

}  // namespace
}  // namespace paperpress
