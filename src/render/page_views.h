// What the builders of page views share (private to src/render/): the page being built, with
// the papers and site links other formats of it built, and the members every page has.
#pragma once

#include <span>
#include <string_view>

#include "view_support.h"

namespace paperpress {

struct PageContext : ViewContext {
  SharedPaperViews* shared = nullptr;
  const SiteViews* site_views = nullptr;
};

// A page's common members: `site`, `title`, `root`, the style, canonical and format links.
Value& base(PageContext& c, std::string_view title);

// The links to a topic's days and to one of its days from this page; empty when the site has
// no day pages ([output] day_pages).
std::string_view daily_link(PageContext& c, std::string_view slug);
std::string_view day_link(PageContext& c, std::string_view slug, std::string_view date);

// The link to a topic's feed from this page; empty when the site writes no feeds.
std::string_view topic_feed_link(PageContext& c, std::string_view slug);

// Puts `topic`, the page's topic: its slug, name, link and feed (views.cc).
Value& put_topic(PageContext& c, Value& page, const Topic& t);

// Appends day `d` of topic `slug` to a list of days: its date, label, count and link.
void add_day(PageContext& c, Value& list, std::string_view slug, const DayGroup& d);

// The links to the month before the page's month (`prev_month…`, older: next in the topic's
// list) and after it (`next_month…`), when the topic has one (views.cc).
void put_older_month(PageContext& c, Value& page, const TopicArchive& ta);
void put_newer_month(PageContext& c, Value& page, const TopicArchive& ta);

// Appends a breadcrumb to `to` named `name`.
void add_crumb(PageContext& c, Value& list, std::string_view name, std::string_view to);

// A paper's own page, abs/<id> (paper_page.cc).
Value& paper_page(PageContext& c);
// The BibTeX entries of `papers`, their keys made unique within the file, as `bibtex`: a part's
// .bib (paper_page.cc).
Value& bibtex_page(PageContext& c, std::span<const PaperIndex> papers);

// A topic's month, papers/<topic>/<YYYY_MM>/: its parts and days (index_pages.cc).
Value& month_page(PageContext& c);
// daily/: every topic's daily index (index_pages.cc).
Value& daily_all_page(PageContext& c);

}  // namespace paperpress
