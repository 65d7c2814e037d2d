// View models: the data each page template sees, built from the content model. Templates never
// see domain objects, only these values; docs/themes.md lists every name.
#pragma once

#include <array>
#include <filesystem>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/archive.h"
#include "paperpress/model/content.h"
#include "paperpress/render/output_format.h"
#include "paperpress/render/value.h"

namespace paperpress {

enum class PageKind : uint8_t {
  kHome,
  kPapers,
  kTopic,
  kPart,
  kDaily,
  kDay,
  kContent,
  kNotFound,
  kSearch,    // search.html (docs/search.md): HTML only, written beside the site files
  kPaper,     // a paper's own page, abs/<id> (group: its PaperIndex)
  kMonth,     // a topic's month: its parts and days (topic; group: month index)
  kDailyAll,  // daily/: every topic's days
};

// One page to render: its key (see page_path.h) and what it shows.
struct PageJob {
  std::string key;
  PageKind kind = PageKind::kHome;
  size_t topic = 0;  // kTopic, kPart, kDaily, kDay
  size_t group = 0;  // kPart: month index; kDay: day index; kContent: content page index;
                     // kPaper: the paper's PaperIndex
  int part = 0;      // kPart: 1-based
};

struct SiteData;
class Theme;

// The members of a paper's view that cost the most to build and that many themes never show:
// they are built only when a template of the theme names them, and null otherwise.
struct PaperExtras {
  bool all_authors = true;
  bool title_html = true;
  bool abstract_html = true;
  bool comment_html = true;

  static PaperExtras used_by(const Theme& theme);
};

// Lookups the views need across pages, each built once on first use (thread-safe).
class SiteIndex {
 public:
  // The paper with version-less id `id` in SiteData::papers.
  std::optional<PaperIndex> paper(const SiteData& site, std::string_view id) const;
  // The note on paper `id` (a content page with `paper`), or nullptr.
  const ContentPage* note(const SiteData& site, std::string_view id) const;
  // The topics (indexes into Archive::topics, in site.toml order) listing paper `index`.
  std::span<const uint16_t> topics_of(const SiteData& site, PaperIndex index) const;

 private:
  mutable std::once_flag papers_once_, notes_once_, topics_once_;
  mutable std::vector<uint32_t> topic_offsets_;  // paper i's topics: [offsets[i], offsets[i+1])
  mutable std::vector<uint16_t> topic_lists_;
  mutable std::unordered_map<std::string_view, PaperIndex> papers_;
  mutable std::unordered_map<std::string_view, const ContentPage*> notes_;
};

struct SiteData {
  const Config& config;
  const std::vector<PaperRef>& papers;
  const Archive& archive;
  const std::vector<ContentPage>& content;
  std::string generated_at;  // ISO 8601, from the newest paper (keeps builds deterministic)
  PaperExtras extras{};      // PaperExtras::used_by(the theme); all when not set
  std::filesystem::path
      katex_dir;      // KaTeX shipped under assets/katex/ (pages load assets/math.js);
                      // empty when no KaTeX was found (site/katex_assets.h)
  SiteIndex index{};  // filled by the views themselves
};

// The template name for a page kind ("part", "day", …).
std::string_view template_name(PageKind kind);

// Every paper listed in a topic, in the order of the topics' lists, each once: the papers that
// get a page of their own (kPaper) when [output] paper_pages is on.
std::vector<PaperIndex> papers_with_pages(const Archive& archive, size_t paper_count);

// A hash of everything a part or day page shows that can change between builds of one site
// with one theme and one content/ folder: its place (key, part, neighbours), its topic, and the
// bytes of each of its papers; for a paper's page, its key and the paper's bytes (its topics,
// months and days follow from them and the site). 0 for the other page kinds, which are few and
// always rendered.
uint64_t page_inputs(const SiteData& site, const PageJob& job);

// The views of one page's papers, kept while that page renders in its other formats: a paper
// is the same data in every format, so each is built once per page; only a paper with a note
// on it is built in each format (the note's link names the format's file). The views live in
// the page's arena: reset this whenever that arena is cleared.
struct SharedPaperViews {
  const std::vector<PaperIndex>* papers = nullptr;  // the list and range they were built for
  size_t begin = 0;
  std::vector<const Value*> items;  // nullptr: a paper built in each format
  // A paper's own page: its paper (nullptr: built in each format) and its BibTeX entry.
  const Value* page_paper = nullptr;
  std::string_view bibtex;

  void reset() {
    papers = nullptr;
    items.clear();
    page_paper = nullptr;
    bibtex = {};
  }
};

// The `site` member of pages: the site's settings and its links to every topic, relative and so
// the same for every page of one folder. Built once per folder of a plan and format, before the
// pages render; then read by every rendering thread.
class SiteViews {
 public:
  SiteViews(const SiteData& site, std::span<const PageJob> jobs);
  SiteViews(const SiteViews&) = delete;
  SiteViews& operator=(const SiteViews&) = delete;

  // The view for pages in `folder` ("papers/llm/2025_07/") in `format`; nullptr for a folder
  // of no page of the plan.
  const Value* find(std::string_view folder, const OutputFormat& format) const;

 private:
  ViewArena arena_;
  // By folder (views of the jobs' keys), one view per format (by FormatId).
  std::unordered_map<std::string_view, std::array<const Value*, kPageFormats.size()>> by_folder_;
};

// One Atom feed (feed.xml): what it is called and mirrors, and where it lives.
struct FeedSpec {
  std::string title;
  std::string subtitle;
  std::string html_page;  // the page the feed mirrors: the topic's index, the home page
  std::string file;       // "papers/llm/feed.xml", "feed.xml"
  bool topic = false;     // a topic's feed (sets `topic_url`, kept for themes written before)
};

// An Atom entry's id for paper `id`: its arXiv abstract page without a version,
// "https://arxiv.org/abs/2501.00425", the same for every version, so that a feed reader shows a
// revised paper as the entry it knows, updated.
std::string feed_entry_id(std::string_view id);

// The context of the feed `spec` whose entries are `papers`, newest first, built into `arena`.
// Entries link to the papers' own pages when `paper_pages`, else to arXiv's.
Value& feed_view(const SiteData& site, const FeedSpec& spec, std::span<const PaperIndex> papers,
                 bool paper_pages, ViewArena& arena);

// The schemas of the records the views build (render/view_schemas.h: a page, the site, a
// paper, …): Theme::load binds its templates to them (Template::bind).
std::span<const Schema* const> view_schemas();

// Builds the context of `job` in `format` into `arena`. With `shared`, the papers built for
// another format of the same page (into the same arena) are reused; with `site_views` (built for
// a plan holding `job`), the `site` member is theirs instead of built into `arena`.
Value& page_view(const SiteData& site, const PageJob& job, const OutputFormat& format,
                 ViewArena& arena, SharedPaperViews* shared = nullptr,
                 const SiteViews* site_views = nullptr);

}  // namespace paperpress
