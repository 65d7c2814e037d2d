#include "paperpress/render/views.h"

#include <algorithm>

#include "paperpress/util/hash.h"
#include "paperpress/util/time.h"

#include "page_views.h"
#include "paper_view.h"
#include "paperpress/render/chart.h"
#include "paperpress/render/page_path.h"
#include "paperpress/render/theme.h"
#include "view_schemas.h"

namespace paperpress {

namespace {

// Papers of a topic's latest day shown on the home page.
constexpr size_t kHomePapersPerTopic = 5;

// Fills a page's `papers` list, reusing the views another format of the page built.
void add_papers(PageContext& c, Value& page, const std::vector<PaperIndex>& papers, size_t begin,
                size_t end) {
  Value& list = page.put_list(PageKey::kPapers);
  end = std::min(end, papers.size());
  if (begin >= end) return;
  SharedPaperViews* shared = c.shared;
  const bool reuse = shared && shared->papers == &papers && shared->begin == begin &&
                     shared->items.size() == end - begin;
  if (shared && !reuse) {
    shared->papers = &papers;
    shared->begin = begin;
    shared->items.clear();
  }
  for (size_t i = begin; i < end; ++i) {
    if (reuse && shared->items[i - begin]) {
      list.add(*shared->items[i - begin]);
      continue;
    }
    bool format_dependent = false;
    Value& v = add_paper(c, list, papers[i], i == begin, &format_dependent);
    if (shared && !reuse) shared->items.push_back(format_dependent ? nullptr : &v);
  }
}

}  // namespace

std::string_view daily_link(PageContext& c, std::string_view slug) {
  return c.site.config.output.day_pages ? c.link(daily_key(slug)) : std::string_view();
}

std::string_view day_link(PageContext& c, std::string_view slug, std::string_view date) {
  return c.site.config.output.day_pages ? c.link(day_key(slug, date)) : std::string_view();
}

std::string_view topic_feed_link(PageContext& c, std::string_view slug) {
  return c.site.config.output.feeds ? c.file(topic_feed_file(slug)) : std::string_view();
}

void add_crumb(PageContext& c, Value& list, std::string_view name, std::string_view to) {
  list.record(crumb_schema())
      .put(CrumbKey::kName, name)
      .put(CrumbKey::kUrl, c.link(to))
      .put(CrumbKey::kUrlMd, c.link(to));
}

void add_day(PageContext& c, Value& list, std::string_view slug, const DayGroup& d) {
  list.record(item_schema())
      .put(ItemKey::kDate, std::string_view(d.date))
      .put_copy(ItemKey::kDayLabel, day_label(d.date))
      .put(ItemKey::kCount, d.papers.size())
      .put(ItemKey::kUrl, c.link(day_key(slug, d.date)));
}

void put_older_month(PageContext& c, Value& page, const TopicArchive& ta) {
  if (c.job.group + 1 >= ta.months.size()) return;
  const MonthGroup& m = ta.months[c.job.group + 1];
  page.put(PageKey::kPrevMonthUrl, c.link(month_key(ta.topic->slug, m.key)))
      .put(PageKey::kPrevMonth, std::string_view(m.key))
      .put_copy(PageKey::kPrevMonthLabel, month_label(m.key));
}

void put_newer_month(PageContext& c, Value& page, const TopicArchive& ta) {
  if (c.job.group == 0) return;
  const MonthGroup& m = ta.months[c.job.group - 1];
  page.put(PageKey::kNextMonthUrl, c.link(month_key(ta.topic->slug, m.key)))
      .put(PageKey::kNextMonth, std::string_view(m.key))
      .put_copy(PageKey::kNextMonthLabel, month_label(m.key));
}

Value& put_topic(PageContext& c, Value& page, const Topic& t) {
  return page.put_record(PageKey::kTopic, topic_schema())
      .put(TopicKey::kSlug, t.slug)
      .put(TopicKey::kName, t.name)
      .put(TopicKey::kUrl, c.link(topic_key(t.slug)))
      .put(TopicKey::kFeedUrl, topic_feed_link(c, t.slug));
}

namespace {

// The site's settings and links, as seen from pages in `folder`, built into `arena`.
const Value& site_view(const SiteData& data, std::string_view folder, const OutputFormat& format,
                       ViewArena& arena) {
  const Config& config = data.config;
  auto link = [&](std::string_view to) { return arena.copy(page_link(folder, to, format)); };
  Value& site = arena.record(site_schema());
  site.put(SiteKey::kTitle, config.title)
      .put(SiteKey::kDescription, config.description)
      .put(SiteKey::kBaseUrl, config.base_url)
      .put(SiteKey::kSearch, config.search.enabled)
      .put(SiteKey::kKatex, !data.katex_dir.empty())
      .put(SiteKey::kHomeUrl, link(kHomeKey))
      .put(SiteKey::kPapersUrl, link(kPapersKey))
      .put(SiteKey::kDailyUrl, config.output.day_pages ? link(kDailyKey) : std::string_view())
      .put(SiteKey::kFeedUrl,
           config.output.feeds ? arena.copy(file_link(folder, kSiteFeedFile)) : std::string_view());
  Value& topics = site.put_list(SiteKey::kTopics);
  for (const TopicArchive& ta : data.archive.topics) {
    const std::string topic = topic_key(ta.topic->slug), daily = daily_key(ta.topic->slug);
    // The topic the pages of this folder belong to: its index, months, parts and days.
    const bool current = folder.starts_with(topic) || folder.starts_with(daily);
    topics.record(site_topic_schema())
        .put(SiteTopicKey::kSlug, ta.topic->slug)
        .put(SiteTopicKey::kName, ta.topic->name)
        .put(SiteTopicKey::kUrl, link(topic))
        .put(SiteTopicKey::kDailyUrl, config.output.day_pages ? link(daily) : std::string_view())
        .put(SiteTopicKey::kCurrent, current);
  }
  return site;
}

}  // namespace

Value& base(PageContext& c, std::string_view title) {
  const Config& config = c.site.config;
  Value& page = c.arena.record(page_schema());
  const std::string_view folder = page_folder(c.job.key);
  const Value* site = c.site_views ? c.site_views->find(folder, c.format) : nullptr;
  page.put(PageKey::kSite, site ? *site : site_view(c.site, folder, c.format, c.arena));
  page.put(PageKey::kTitle, title);
  page.put(PageKey::kRoot, c.file(""));
  page.put(PageKey::kStyleUrl, c.file("assets/style.css"));
  page.put_copy(PageKey::kCanonicalUrl, page_url(config.base_url, c.job.key));
  if (config.output.markdown)
    page.put(PageKey::kMarkdownUrl,
             c.arena.copy(file_link(c.job.key, page_file(c.job.key, kMarkdownFormat))));
  page.put_copy(PageKey::kHtmlUrl, file_link(c.job.key, page_file(c.job.key, kHtmlFormat)));
  const MarkdownStyle style = config.archive.markdown_style;
  page.put(PageKey::kStyleCards, style == MarkdownStyle::kCards)
      .put(PageKey::kStyleTable, style == MarkdownStyle::kTable)
      .put(PageKey::kStyleList, style == MarkdownStyle::kList)
      .put(PageKey::kStyleGithub, style == MarkdownStyle::kGithub);
  return page;
}

namespace {

// A list of names (keywords, categories), each marked when it ends the list.
void put_names(PageContext& c, Value& list, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i)
    list.record(named_schema())
        .put(NamedKey::kName, code_safe(c.arena, names[i]))
        .put(NamedKey::kLast, i + 1 == names.size());
}

Value& topic_filters(PageContext& c, Value& page, const Topic& t) {
  put_names(c, page.put_list(PageKey::kKeywords), t.keywords);
  put_names(c, page.put_list(PageKey::kFilterCategories), t.categories);
  Value& ex = page.put_list(PageKey::kExclude);
  for (const auto& k : t.exclude) ex.record(named_schema()).put(NamedKey::kName, k);
  Value& groups = page.put_list(PageKey::kAllOf);
  for (const auto& g : t.all_of) {
    Value& words = groups.record(item_schema()).put_list(ItemKey::kKeywords);
    for (const auto& k : g) words.record(named_schema()).put(NamedKey::kName, k);
  }
  return page;
}

Value& home(PageContext& c) {
  Value& page = base(c, c.site.config.title);
  page.put(PageKey::kIsHome, true);
  page.put(PageKey::kPapersTotal, c.site.archive.papers_in_topics);
  Value& topics = page.put_list(PageKey::kTopics);
  for (const TopicArchive& ta : c.site.archive.topics) {
    Value& t = topics.record(topic_schema());
    t.put(TopicKey::kSlug, ta.topic->slug)
        .put(TopicKey::kName, ta.topic->name)
        .put(TopicKey::kDescription, ta.topic->description)
        .put(TopicKey::kCount, ta.papers.size())
        .put(TopicKey::kUrl, c.link(topic_key(ta.topic->slug)))
        .put(TopicKey::kDailyUrl, daily_link(c, ta.topic->slug));
    if (!ta.days.empty()) {
      const DayGroup& d = ta.days.front();
      t.put(TopicKey::kLatestDay, std::string_view(d.date))
          .put_copy(TopicKey::kLatestDayLabel, day_label(d.date))
          .put(TopicKey::kLatestDayUrl, day_link(c, ta.topic->slug, d.date))
          .put(TopicKey::kLatestDayCount, d.papers.size());
      // The newest papers of that day, the rest behind a link to the day page.
      const size_t shown = std::min(d.papers.size(), kHomePapersPerTopic);
      Value& latest = t.put_list(TopicKey::kLatestPapers);
      for (size_t i = 0; i < shown; ++i) add_paper(c, latest, d.papers[i], i == 0);
      t.put(TopicKey::kHasLatestPapers, shown > 0);
      if (d.papers.size() > shown) t.put(TopicKey::kLatestMore, d.papers.size() - shown);
    }
  }
  page.put(PageKey::kHasPages, std::any_of(c.site.content.begin(), c.site.content.end(),
                                           [](const ContentPage& p) { return p.topic.empty(); }));
  Value& pages = page.put_list(PageKey::kPages);
  for (const ContentPage& cp : c.site.content)
    if (cp.topic.empty())
      pages.record(item_schema())
          .put(ItemKey::kTitle, std::string_view(cp.title))
          .put(ItemKey::kDate, std::string_view(cp.date))
          .put(ItemKey::kUrl, c.link(cp.key));
  return page;
}

Value& papers_index(PageContext& c) {
  Value& page = base(c, "Papers");
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  page.put(PageKey::kPapersTotal, c.site.archive.papers_in_topics);
  Value& topics = page.put_list(PageKey::kTopics);
  for (const TopicArchive& ta : c.site.archive.topics) {
    Value& t = topics.record(topic_schema());
    t.put(TopicKey::kSlug, ta.topic->slug)
        .put(TopicKey::kName, ta.topic->name)
        .put(TopicKey::kCount, ta.papers.size())
        .put(TopicKey::kMonths, ta.months.size())
        .put(TopicKey::kUrl, c.link(topic_key(ta.topic->slug)));
    if (!ta.months.empty())
      t.put(TopicKey::kLatestMonth, std::string_view(ta.months.front().key))
          .put_copy(TopicKey::kLatestMonthLabel, month_label(ta.months.front().key));
  }
  return page;
}

Value& topic_index(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  Value& page = base(c, ta.topic->name);
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  page.put_record(PageKey::kTopic, topic_schema())
      .put(TopicKey::kSlug, ta.topic->slug)
      .put(TopicKey::kName, ta.topic->name)
      .put(TopicKey::kDescription, ta.topic->description)
      .put(TopicKey::kCount, ta.papers.size())
      .put(TopicKey::kDailyUrl, daily_link(c, ta.topic->slug))
      .put(TopicKey::kFeedUrl, topic_feed_link(c, ta.topic->slug))
      .put(TopicKey::kChartUrl, c.file(topic_chart_file(ta.topic->slug)));
  for (const ContentPage& cp : c.site.content)
    if (cp.topic == ta.topic->slug)
      page.put(PageKey::kIntroHtml, std::string_view(cp.html))
          .put(PageKey::kIntroMd, std::string_view(cp.markdown));
  if (c.format.id == FormatId::kHtml) {
    page.put_copy(PageKey::kChartSvg, month_chart_svg(ta));
    page.put_copy(PageKey::kMetaDescription, ta.topic->description.empty()
                                                 ? std::to_string(ta.papers.size()) +
                                                       " arXiv papers on " + ta.topic->name +
                                                       ", by month and by day."
                                                 : ta.topic->description);
  }
  size_t max = 1;
  for (const MonthGroup& m : ta.months) max = std::max(max, m.papers.size());
  Value& months = page.put_list(PageKey::kMonths);
  for (const MonthGroup& m : ta.months) {
    size_t parts = m.part_count(c.site.config.archive.papers_per_part);
    months.record(item_schema())
        .put(ItemKey::kMonth, std::string_view(m.key))
        .put_copy(ItemKey::kMonthLabel, month_label(m.key))
        .put(ItemKey::kCount, m.papers.size())
        .put(ItemKey::kParts, parts)
        .put(ItemKey::kUrl, c.link(part_key(ta.topic->slug, m.key, 1)))
        // Bar width in percent of the busiest month, for the chart.
        .put(ItemKey::kPercent, static_cast<unsigned>((m.papers.size() * 100 + max - 1) / max));
  }
  return topic_filters(c, page, *ta.topic);
}

// A part's links to the parts before and after it, and from its first and last parts to the
// months before (older, next in the list) and after.
void put_part_neighbours(PageContext& c, Value& page, const TopicArchive& ta, size_t parts) {
  const MonthGroup& m = ta.months[c.job.group];
  const std::string& slug = ta.topic->slug;
  if (c.job.part > 1) page.put(PageKey::kPrevUrl, c.link(part_key(slug, m.key, c.job.part - 1)));
  if (static_cast<size_t>(c.job.part) < parts)
    page.put(PageKey::kNextUrl, c.link(part_key(slug, m.key, c.job.part + 1)));
  if (c.job.part == 1) put_older_month(c, page, ta);
  if (static_cast<size_t>(c.job.part) == parts) put_newer_month(c, page, ta);
}

Value& part_page(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  const MonthGroup& m = ta.months[c.job.group];
  int per_part = c.site.config.archive.papers_per_part;
  size_t parts = m.part_count(per_part);
  const size_t begin = static_cast<size_t>(c.job.part - 1) * per_part;
  const size_t end = std::min(m.papers.size(), begin + per_part);
  if (c.format.id == FormatId::kBibtex)  // every entry of the part, in one file
    return bibtex_page(c, std::span<const PaperIndex>(m.papers).subspan(begin, end - begin));
  const std::string_view heading = c.arena.copy(ta.topic->slug + " - " + m.key);
  Value& page = base(c, heading);
  page.put(PageKey::kHeading, heading);
  const std::string label = month_label(m.key);
  page.put_copy(PageKey::kTitleLabel, ta.topic->name + " · " + label);
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  add_crumb(c, crumbs, ta.topic->name, topic_key(ta.topic->slug));
  add_crumb(c, crumbs, c.arena.copy(label), month_key(ta.topic->slug, m.key));
  put_topic(c, page, *ta.topic);
  page.put_copy(PageKey::kCrumbLabel, "Part " + std::to_string(c.job.part));
  if (c.format.id == FormatId::kHtml)
    page.put_copy(PageKey::kMetaDescription, std::to_string(m.papers.size()) + " arXiv papers on " +
                                                 ta.topic->name + " in " + label + ", part " +
                                                 std::to_string(c.job.part) + " of " +
                                                 std::to_string(parts) + ".");
  page.put(PageKey::kMonth, std::string_view(m.key))
      .put_copy(PageKey::kMonthLabel, label)
      .put(PageKey::kPart, c.job.part)
      .put(PageKey::kPartCount, parts)
      .put(PageKey::kMonthCount, m.papers.size());
  Value& list = page.put_list(PageKey::kParts);
  for (size_t i = 1; i <= parts; ++i)
    list.record(item_schema())
        .put(ItemKey::kNumber, i)
        .put(ItemKey::kCurrent, static_cast<int>(i) == c.job.part)
        .put(ItemKey::kUrl, c.link(part_key(ta.topic->slug, m.key, i)));
  put_part_neighbours(c, page, ta, parts);
  page.put(PageKey::kMonthUrl, c.link(month_key(ta.topic->slug, m.key)));
  if (c.site.config.output.part_bibtex)
    page.put(PageKey::kBibUrl, c.file(page_file(c.job.key, kBibtexFormat)));
  add_papers(c, page, m.papers, begin, end);
  return page;
}

Value& daily_index(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  Value& page = base(c, c.arena.copy(ta.topic->name + " · daily"));
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Daily", kDailyKey);
  page.put(PageKey::kCrumbLabel, std::string_view(ta.topic->name));
  put_topic(c, page, *ta.topic);
  Value& days = page.put_list(PageKey::kDays);
  for (const DayGroup& d : ta.days) add_day(c, days, ta.topic->slug, d);
  return page;
}

Value& day_page(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  const DayGroup& d = ta.days[c.job.group];
  Value& page = base(c, c.arena.copy(ta.topic->name + " Papers · " + d.date));
  page.put_copy(PageKey::kTitleLabel, ta.topic->name + " papers · " + day_label(d.date));
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Daily", kDailyKey);
  add_crumb(c, crumbs, ta.topic->name, daily_key(ta.topic->slug));
  page.put_copy(PageKey::kCrumbLabel, day_label(d.date));
  if (c.format.id == FormatId::kHtml)
    page.put_copy(PageKey::kMetaDescription, std::to_string(d.papers.size()) + " arXiv papers on " +
                                                 ta.topic->name + " on " + day_label(d.date) + ".");
  put_topic(c, page, *ta.topic).put(TopicKey::kDailyUrl, c.link(daily_key(ta.topic->slug)));
  page.put(PageKey::kDate, std::string_view(d.date))
      .put_copy(PageKey::kDayLabel, day_label(d.date))
      .put(PageKey::kCount, d.papers.size());
  size_t index = c.job.group;
  if (index + 1 < ta.days.size())
    page.put(PageKey::kPrevUrl, c.link(day_key(ta.topic->slug, ta.days[index + 1].date)))
        .put(PageKey::kPrevDate, std::string_view(ta.days[index + 1].date))
        .put_copy(PageKey::kPrevDayLabel, day_label(ta.days[index + 1].date));
  if (index > 0)
    page.put(PageKey::kNextUrl, c.link(day_key(ta.topic->slug, ta.days[index - 1].date)))
        .put(PageKey::kNextDate, std::string_view(ta.days[index - 1].date))
        .put_copy(PageKey::kNextDayLabel, day_label(ta.days[index - 1].date));
  topic_filters(c, page, *ta.topic);
  add_papers(c, page, d.papers, 0, d.papers.size());
  return page;
}

Value& content_page(PageContext& c) {
  const ContentPage& cp = c.site.content[c.job.group];
  Value& page = base(c, cp.title);
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  // The title as a heading unless the body opens with its own "# " heading.
  size_t first = cp.markdown.find_first_not_of(" \t\r\n");
  bool own_h1 = first != std::string::npos && cp.markdown.compare(first, 2, "# ") == 0;
  page.put(PageKey::kShowTitle, !own_h1);
  page.put(PageKey::kDate, std::string_view(cp.date))
      .put(PageKey::kContentHtml, std::string_view(cp.html))
      .put(PageKey::kContentMd, trim_blank_lines(cp.markdown));
  // A digest's chosen papers, or the one paper a note is about, each as a card from the store.
  std::vector<const PaperSection*> chosen;
  PaperSection note_target;
  for (const PaperSection& s : cp.papers) chosen.push_back(&s);
  if (!cp.paper.empty() && chosen.empty()) {
    note_target.id = cp.paper;
    chosen.push_back(&note_target);
  }
  page.put(PageKey::kIsNote, !cp.paper.empty()).put(PageKey::kHasPapers, !chosen.empty());
  Value& list = page.put_list(PageKey::kPapers);
  for (size_t i = 0; i < chosen.size(); ++i) {
    const PaperSection& s = *chosen[i];
    const auto index = c.site.index.paper(c.site, s.id);
    // Not in the store: a plain link to arXiv, so the page still says which paper it meant.
    Value& v =
        index ? add_paper(c, list, *index, i == 0) : add_missing_paper(c, list, s.id, i == 0);
    put_commentary(v, s.html, trim_blank_lines(s.markdown));
  }
  return page;
}

}  // namespace

PaperExtras PaperExtras::used_by(const Theme& theme) {
  PaperExtras e;
  e.all_authors = theme.mentions("all_authors");
  e.title_html = theme.mentions("title_html");
  e.abstract_html = theme.mentions("abstract_html");
  e.comment_html = theme.mentions("comment_html");
  return e;
}

std::optional<PaperIndex> SiteIndex::paper(const SiteData& site, std::string_view id) const {
  std::call_once(papers_once_, [&] {
    papers_.reserve(site.papers.size());
    for (size_t i = 0; i < site.papers.size(); ++i)
      papers_.emplace(site.papers[i].id(), static_cast<PaperIndex>(i));
  });
  auto it = papers_.find(id);
  if (it == papers_.end()) return std::nullopt;
  return it->second;
}

const ContentPage* SiteIndex::note(const SiteData& site, std::string_view id) const {
  std::call_once(notes_once_, [&] {
    for (const ContentPage& cp : site.content)
      if (!cp.paper.empty()) notes_.emplace(cp.paper, &cp);
  });
  if (notes_.empty()) return nullptr;
  auto it = notes_.find(id);
  return it == notes_.end() ? nullptr : it->second;
}

std::span<const uint16_t> SiteIndex::topics_of(const SiteData& site, PaperIndex index) const {
  std::call_once(topics_once_, [&] {
    // Counted, then filled: two passes over the topics' lists, no list per paper.
    topic_offsets_.assign(site.papers.size() + 1, 0);
    for (const TopicArchive& ta : site.archive.topics)
      for (PaperIndex i : ta.papers) ++topic_offsets_[i + 1];
    for (size_t i = 1; i < topic_offsets_.size(); ++i) topic_offsets_[i] += topic_offsets_[i - 1];
    topic_lists_.resize(topic_offsets_.back());
    std::vector<uint32_t> fill(topic_offsets_.begin(), topic_offsets_.end() - 1);
    for (size_t t = 0; t < site.archive.topics.size(); ++t)
      for (PaperIndex i : site.archive.topics[t].papers)
        topic_lists_[fill[i]++] = static_cast<uint16_t>(t);
  });
  if (index + 1 >= topic_offsets_.size()) return {};
  return std::span<const uint16_t>(topic_lists_)
      .subspan(topic_offsets_[index], topic_offsets_[index + 1] - topic_offsets_[index]);
}

namespace {

// The stored record of a paper is one run of bytes: every view lies between its id and its
// pdf_url (see store/record_codec.cc), so hashing that run covers every field.
uint64_t papers_hash(uint64_t h, const SiteData& site, const std::vector<PaperIndex>& papers,
                     size_t begin, size_t end) {
  for (size_t i = begin; i < end && i < papers.size(); ++i)
    h = hash_combine(h, site.papers[papers[i]].digest());
  return h;
}

}  // namespace

std::vector<PaperIndex> papers_with_pages(const Archive& archive, size_t paper_count) {
  std::vector<PaperIndex> out;
  out.reserve(archive.papers_in_topics);
  std::vector<bool> seen(paper_count);
  for (const TopicArchive& ta : archive.topics)
    for (PaperIndex i : ta.papers)
      if (i < paper_count && !seen[i]) {
        seen[i] = true;
        out.push_back(i);
      }
  return out;
}

uint64_t page_inputs(const SiteData& site, const PageJob& job) {
  if (job.kind == PageKind::kPaper)
    return hash_combine(hash_bytes(job.key), site.papers[job.group].digest()) | 1;
  if (job.kind != PageKind::kPart && job.kind != PageKind::kDay) return 0;
  const TopicArchive& ta = site.archive.topics[job.topic];
  uint64_t h = hash_bytes(job.key);
  h = hash_combine(h, hash_bytes(ta.topic->slug));
  h = hash_combine(h, hash_bytes(ta.topic->name));
  if (job.kind == PageKind::kPart) {
    const MonthGroup& m = ta.months[job.group];
    size_t per_part = static_cast<size_t>(site.config.archive.papers_per_part);
    h = hash_combine(h, static_cast<uint64_t>(job.part));
    h = hash_combine(h, m.papers.size());
    // The months before and after, which its first and last parts link to.
    if (job.group + 1 < ta.months.size())
      h = hash_combine(h, hash_bytes(ta.months[job.group + 1].key));
    if (job.group > 0) h = hash_combine(h, hash_bytes(ta.months[job.group - 1].key));
    size_t begin = static_cast<size_t>(job.part - 1) * per_part;
    h = papers_hash(h, site, m.papers, begin, begin + per_part);
  } else {
    const DayGroup& d = ta.days[job.group];
    h = hash_combine(h, d.papers.size());
    if (job.group + 1 < ta.days.size())
      h = hash_combine(h, hash_bytes(ta.days[job.group + 1].date));
    if (job.group > 0) h = hash_combine(h, hash_bytes(ta.days[job.group - 1].date));
    h = papers_hash(h, site, d.papers, 0, d.papers.size());
  }
  return h | 1;  // never 0, which means "always render"
}

SiteViews::SiteViews(const SiteData& site, std::span<const PageJob> jobs) {
  for (const PageJob& job : jobs) {
    auto [it, added] = by_folder_.try_emplace(page_folder(job.key));
    if (!added) continue;
    for (const OutputFormat* format : kPageFormats)
      it->second[static_cast<size_t>(format->id)] = &site_view(site, it->first, *format, arena_);
  }
}

const Value* SiteViews::find(std::string_view folder, const OutputFormat& format) const {
  auto it = by_folder_.find(folder);
  return it == by_folder_.end() ? nullptr : it->second[static_cast<size_t>(format.id)];
}

std::string_view template_name(PageKind kind) {
  switch (kind) {
    case PageKind::kHome:
      return "home";
    case PageKind::kPapers:
      return "papers";
    case PageKind::kTopic:
      return "topic";
    case PageKind::kPart:
      return "part";
    case PageKind::kDaily:
      return "daily";
    case PageKind::kDay:
      return "day";
    case PageKind::kContent:
      return "page";
    case PageKind::kNotFound:
      return "404";
    case PageKind::kSearch:
      return "search";
    case PageKind::kPaper:
      return "abs";
    case PageKind::kMonth:
      return "month";
    case PageKind::kDailyAll:
      return "daily_all";
  }
  return "page";
}

Value& page_view(const SiteData& site, const PageJob& job, const OutputFormat& format,
                 ViewArena& arena, SharedPaperViews* shared, const SiteViews* site_views) {
  PageContext c{{site, job, format, arena}, shared, site_views};
  Value* page = nullptr;
  switch (job.kind) {
    case PageKind::kHome:
      page = &home(c);
      break;
    case PageKind::kPapers:
      page = &papers_index(c);
      break;
    case PageKind::kTopic:
      page = &topic_index(c);
      break;
    case PageKind::kPart:
      page = &part_page(c);
      break;
    case PageKind::kDaily:
      page = &daily_index(c);
      break;
    case PageKind::kDay:
      page = &day_page(c);
      break;
    case PageKind::kContent:
      page = &content_page(c);
      break;
    case PageKind::kNotFound: {
      // Served in place of any missing page, at any depth: links resolve from the site's root
      // path through <base href>, and there is no Markdown mirror.
      Value& nf = base(c, "Page not found");
      nf.put_null(PageKey::kMarkdownUrl);
      nf.put_copy(PageKey::kBaseHref, site_path(c.site.config.base_url) + "/");
      page = &nf;
      break;
    }
    case PageKind::kSearch: {
      // At the site's root, without a Markdown mirror.
      Value& search = base(c, "Search");
      search.put_null(PageKey::kMarkdownUrl);
      search.put(PageKey::kIsSearch, true);
      page = &search;
      break;
    }
    case PageKind::kPaper:
      page = &paper_page(c);
      break;
    case PageKind::kMonth:
      page = &month_page(c);
      break;
    case PageKind::kDailyAll:
      page = &daily_all_page(c);
      break;
  }
  const Value* crumbs = page->record_member(PageKey::kBreadcrumbs, "breadcrumbs");
  page->put(PageKey::kHasBreadcrumbs, crumbs != nullptr && crumbs->truthy());
  return *page;
}

}  // namespace paperpress
