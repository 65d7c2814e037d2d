// The names templates see, as typed records (private to src/render/): each table below is one
// kind of object the views build, a line per member, `X(Name, name)` giving the member's
// symbol (kName) and the name templates use. Builders put members by symbol, so a misspelt
// name does not compile; Theme::load binds every template to these schemas (view_schemas() in
// views.h),
// so rendering finds each member by its index. docs/themes.md documents every name, and
// views_test.cc checks that it does.
//
// A paper, its authors and its categories are the records of paper_view.h (their members
// follow the table of store/paper_fields.h).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "paperpress/render/schema.h"

// clang-format off
// A page: the members every page has (base() in views.cc), then those of each kind. One
// schema for every kind of page: a member a kind never puts is absent, as before.
#define PAPERPRESS_PAGE_KEYS(X)                                                   \
  /* every page */                                                                \
  X(Site, site) X(Title, title) X(Root, root) X(StyleUrl, style_url)              \
  X(CanonicalUrl, canonical_url) X(MarkdownUrl, markdown_url) X(HtmlUrl, html_url) \
  X(StyleCards, style_cards) X(StyleTable, style_table) X(StyleList, style_list)  \
  X(StyleGithub, style_github) X(Breadcrumbs, breadcrumbs)                        \
  X(HasBreadcrumbs, has_breadcrumbs) X(CrumbLabel, crumb_label)                   \
  X(TitleLabel, title_label) X(MetaDescription, meta_description)                 \
  /* which page */                                                                \
  X(IsHome, is_home) X(IsSearch, is_search) X(IsPaper, is_paper) X(IsNote, is_note) \
  X(BaseHref, base_href)                                                          \
  /* home, papers, daily_all */                                                   \
  X(PapersTotal, papers_total) X(Topics, topics) X(HasPages, has_pages) X(Pages, pages) \
  /* a topic's pages */                                                           \
  X(Topic, topic) X(IntroHtml, intro_html) X(IntroMd, intro_md) X(ChartSvg, chart_svg) \
  X(Months, months) X(Keywords, keywords) X(FilterCategories, filter_categories)  \
  X(Exclude, exclude) X(AllOf, all_of)                                            \
  /* months and parts */                                                          \
  X(Heading, heading) X(Month, month) X(MonthLabel, month_label) X(MonthUrl, month_url) \
  X(MonthCount, month_count) X(Part, part) X(PartCount, part_count) X(Parts, parts) \
  X(PrevUrl, prev_url) X(NextUrl, next_url)                                       \
  X(PrevMonth, prev_month) X(PrevMonthLabel, prev_month_label)                    \
  X(PrevMonthUrl, prev_month_url) X(NextMonth, next_month)                        \
  X(NextMonthLabel, next_month_label) X(NextMonthUrl, next_month_url)             \
  X(BibUrl, bib_url) X(Bibtex, bibtex) X(Papers, papers) X(HasPapers, has_papers) \
  /* days */                                                                      \
  X(Days, days) X(HasDays, has_days) X(Date, date) X(DayLabel, day_label) X(Count, count) \
  X(PrevDate, prev_date) X(PrevDayLabel, prev_day_label)                          \
  X(NextDate, next_date) X(NextDayLabel, next_day_label)                          \
  /* content pages */                                                             \
  X(ShowTitle, show_title) X(ContentHtml, content_html) X(ContentMd, content_md)  \
  /* a paper's own page */                                                        \
  X(Paper, paper) X(Id, id) X(VersionedId, versioned_id) X(Revised, revised)      \
  X(FirstVersionLabel, first_version_label) X(LatestVersionLabel, latest_version_label) \
  X(FirstVersionDate, first_version_date) X(LatestVersionDate, latest_version_date) \
  X(CitationDate, citation_date) X(HtmlVersionUrl, html_version_url)              \
  X(LicenseName, license_name) X(DoiUrl, doi_url) X(CategoryNames, category_names) \
  X(Listed, listed) X(HasListed, has_listed)

// `site` of every page: the site's settings and links (built once per folder).
#define PAPERPRESS_SITE_KEYS(X)                                                   \
  X(Title, title) X(Description, description) X(BaseUrl, base_url) X(Search, search) \
  X(Katex, katex) X(HomeUrl, home_url) X(PapersUrl, papers_url) X(DailyUrl, daily_url) \
  X(FeedUrl, feed_url) X(Topics, topics)

// A topic of `site.topics`: kept small, as every folder of a site has its own `site`.
#define PAPERPRESS_SITE_TOPIC_KEYS(X)                                             \
  X(Slug, slug) X(Name, name) X(Url, url) X(DailyUrl, daily_url) X(Current, current)

// A topic: `topic` of a topic's pages, and the items of the home, papers and daily pages'
// `topics`.
#define PAPERPRESS_TOPIC_KEYS(X)                                                  \
  X(Slug, slug) X(Name, name) X(Description, description) X(Count, count) X(Url, url) \
  X(DailyUrl, daily_url) X(FeedUrl, feed_url) X(ChartUrl, chart_url)              \
  X(Months, months) X(Days, days) X(LatestMonth, latest_month)                    \
  X(LatestMonthLabel, latest_month_label) X(LatestDay, latest_day)                \
  X(LatestDayLabel, latest_day_label) X(LatestDayUrl, latest_day_url)             \
  X(LatestDayCount, latest_day_count) X(LatestPapers, latest_papers)              \
  X(HasLatestPapers, has_latest_papers) X(LatestMore, latest_more)

// A breadcrumb.
#define PAPERPRESS_CRUMB_KEYS(X) X(Name, name) X(Url, url) X(UrlMd, url_md)

// An item of the other lists: a month of `months`, a part of `parts`, a day of `days`, a
// content page of `pages`, a listing of `listed`, a category of `category_names`, a group of
// `all_of`.
#define PAPERPRESS_ITEM_KEYS(X)                                                   \
  X(Name, name) X(Title, title) X(Code, code) X(Url, url) X(Number, number)       \
  X(Current, current) X(Count, count) X(Percent, percent) X(Parts, parts) X(Date, date) \
  X(DayLabel, day_label) X(DayUrl, day_url) X(Month, month) X(MonthLabel, month_label) \
  X(MonthUrl, month_url) X(Keywords, keywords) X(Last, last)

// An Atom feed, and an entry of its `papers`.
#define PAPERPRESS_FEED_KEYS(X)                                                   \
  X(Title, title) X(Subtitle, subtitle) X(Id, id) X(FeedUrl, feed_url) X(HtmlUrl, html_url) \
  X(TopicUrl, topic_url) X(Updated, updated) X(Papers, papers)
#define PAPERPRESS_ENTRY_KEYS(X)                                                  \
  X(Id, id) X(EntryId, entry_id) X(Version, version) X(Title, title) X(Abstract, abstract) \
  X(AbsUrl, abs_url) X(PdfUrl, pdf_url) X(HasPage, has_page) X(PageUrl, page_url)  \
  X(Published, published) X(Updated, updated) X(Comment, comment)                 \
  X(PrimaryCategory, primary_category) X(Authors, authors) X(Categories, categories)
// clang-format on

#define PAPERPRESS_KEY_ENUM(Name, name) k##Name,
#define PAPERPRESS_KEY_NAME(Name, name) #name,

namespace paperpress {

struct PageKey {
  enum : uint16_t { PAPERPRESS_PAGE_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct SiteKey {
  enum : uint16_t { PAPERPRESS_SITE_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct SiteTopicKey {
  enum : uint16_t { PAPERPRESS_SITE_TOPIC_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct TopicKey {
  enum : uint16_t { PAPERPRESS_TOPIC_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct CrumbKey {
  enum : uint16_t { PAPERPRESS_CRUMB_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct ItemKey {
  enum : uint16_t { PAPERPRESS_ITEM_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct FeedKey {
  enum : uint16_t { PAPERPRESS_FEED_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};
struct EntryKey {
  enum : uint16_t { PAPERPRESS_ENTRY_KEYS(PAPERPRESS_KEY_ENUM) kKeyCount };
};

const Schema& page_schema();
const Schema& site_schema();
const Schema& site_topic_schema();
const Schema& topic_schema();
const Schema& crumb_schema();
const Schema& item_schema();
const Schema& feed_schema();
const Schema& entry_schema();

}  // namespace paperpress
