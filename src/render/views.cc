#include "paperpress/render/views.h"

#include <algorithm>

#include "paperpress/util/hash.h"
#include "paperpress/util/time.h"

#include "page_views.h"
#include "paper_view.h"
#include "paperpress/render/chart.h"
#include "paperpress/render/page_path.h"
#include "paperpress/render/theme.h"

namespace paperpress {

namespace {

// Papers of a topic's latest day shown on the home page.
constexpr size_t kHomePapersPerTopic = 5;

// Fills a page's `papers` list, reusing the views another format of the page built.
void add_papers(PageContext& c, Value& page, const std::vector<PaperIndex>& papers, size_t begin,
                size_t end) {
  Value& list = page.list("papers");
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
  list.object().set("name", name).set("url", c.link(to)).set("url_md", c.link(to));
}

namespace {

// The site's settings and links, as seen from pages in `folder`, built into `arena`.
const Value& site_view(const SiteData& data, std::string_view folder, const OutputFormat& format,
                       ViewArena& arena) {
  const Config& config = data.config;
  auto link = [&](std::string_view to) { return arena.copy(page_link(folder, to, format)); };
  Value& site = arena.object();
  site.set("title", config.title)
      .set("description", config.description)
      .set("base_url", config.base_url)
      .set("search", config.search.enabled)
      .set("katex", !data.katex_dir.empty())
      .set("home_url", link(kHomeKey))
      .set("papers_url", link(kPapersKey))
      .set("daily_url", config.output.day_pages ? link(kDailyKey) : std::string_view())
      .set("feed_url",
           config.output.feeds ? arena.copy(file_link(folder, kSiteFeedFile)) : std::string_view());
  Value& topics = site.list("topics");
  for (const TopicArchive& ta : data.archive.topics) {
    const std::string topic = topic_key(ta.topic->slug), daily = daily_key(ta.topic->slug);
    // The topic the pages of this folder belong to: its index, months, parts and days.
    const bool current = folder.starts_with(topic) || folder.starts_with(daily);
    topics.object()
        .set("slug", ta.topic->slug)
        .set("name", ta.topic->name)
        .set("url", link(topic))
        .set("daily_url", config.output.day_pages ? link(daily) : std::string_view())
        .set("current", current);
  }
  return site;
}

}  // namespace

Value& base(PageContext& c, std::string_view title) {
  const Config& config = c.site.config;
  Value& page = c.arena.object();
  const std::string_view folder = page_folder(c.job.key);
  const Value* site = c.site_views ? c.site_views->find(folder, c.format) : nullptr;
  page.set("site", site ? *site : site_view(c.site, folder, c.format, c.arena));
  page.set("title", title);
  page.set("root", c.file(""));
  page.set("style_url", c.file("assets/style.css"));
  page.set_copy("canonical_url", page_url(config.base_url, c.job.key));
  if (config.output.markdown)
    page.set("markdown_url",
             c.arena.copy(file_link(c.job.key, page_file(c.job.key, kMarkdownFormat))));
  page.set_copy("html_url", file_link(c.job.key, page_file(c.job.key, kHtmlFormat)));
  const MarkdownStyle style = config.archive.markdown_style;
  page.set("style_cards", style == MarkdownStyle::kCards)
      .set("style_table", style == MarkdownStyle::kTable)
      .set("style_list", style == MarkdownStyle::kList)
      .set("style_github", style == MarkdownStyle::kGithub);
  return page;
}

namespace {

Value& topic_filters(PageContext& c, Value& page, const Topic& t) {
  Value& kw = page.list("keywords");
  for (size_t i = 0; i < t.keywords.size(); ++i)
    kw.object()
        .set("name", code_safe(c.arena, t.keywords[i]))
        .set("last", i + 1 == t.keywords.size());
  Value& cats = page.list("filter_categories");
  for (size_t i = 0; i < t.categories.size(); ++i)
    cats.object()
        .set("name", code_safe(c.arena, t.categories[i]))
        .set("last", i + 1 == t.categories.size());
  Value& ex = page.list("exclude");
  for (const auto& k : t.exclude) ex.object().set("name", k);
  Value& groups = page.list("all_of");
  for (const auto& g : t.all_of) {
    Value& words = groups.object().list("keywords");
    for (const auto& k : g) words.object().set("name", k);
  }
  return page;
}

Value& home(PageContext& c) {
  Value& page = base(c, c.site.config.title);
  page.set("is_home", true);
  page.set("papers_total", c.site.archive.papers_in_topics);
  Value& topics = page.list("topics");
  for (const TopicArchive& ta : c.site.archive.topics) {
    Value& t = topics.object();
    t.set("slug", ta.topic->slug)
        .set("name", ta.topic->name)
        .set("description", ta.topic->description)
        .set("count", ta.papers.size())
        .set("url", c.link(topic_key(ta.topic->slug)))
        .set("daily_url", daily_link(c, ta.topic->slug));
    if (!ta.days.empty()) {
      const DayGroup& d = ta.days.front();
      t.set("latest_day", std::string_view(d.date))
          .set_copy("latest_day_label", day_label(d.date))
          .set("latest_day_url", day_link(c, ta.topic->slug, d.date))
          .set("latest_day_count", d.papers.size());
      // The newest papers of that day, the rest behind a link to the day page.
      const size_t shown = std::min(d.papers.size(), kHomePapersPerTopic);
      Value& latest = t.list("latest_papers");
      for (size_t i = 0; i < shown; ++i) add_paper(c, latest, d.papers[i], i == 0);
      t.set("has_latest_papers", shown > 0);
      if (d.papers.size() > shown) t.set("latest_more", d.papers.size() - shown);
    }
  }
  page.set("has_pages", std::any_of(c.site.content.begin(), c.site.content.end(),
                                    [](const ContentPage& p) { return p.topic.empty(); }));
  Value& pages = page.list("pages");
  for (const ContentPage& cp : c.site.content)
    if (cp.topic.empty())
      pages.object().set("title", cp.title).set("date", cp.date).set("url", c.link(cp.key));
  return page;
}

Value& papers_index(PageContext& c) {
  Value& page = base(c, "Papers");
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  page.set("papers_total", c.site.archive.papers_in_topics);
  Value& topics = page.list("topics");
  for (const TopicArchive& ta : c.site.archive.topics) {
    Value& t = topics.object();
    t.set("slug", ta.topic->slug)
        .set("name", ta.topic->name)
        .set("count", ta.papers.size())
        .set("months", ta.months.size())
        .set("url", c.link(topic_key(ta.topic->slug)));
    if (!ta.months.empty())
      t.set("latest_month", std::string_view(ta.months.front().key))
          .set_copy("latest_month_label", month_label(ta.months.front().key));
  }
  return page;
}

Value& topic_index(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  Value& page = base(c, ta.topic->name);
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  Value& topic = page.object("topic");
  topic.set("slug", ta.topic->slug)
      .set("name", ta.topic->name)
      .set("description", ta.topic->description)
      .set("count", ta.papers.size())
      .set("daily_url", daily_link(c, ta.topic->slug))
      .set("feed_url", topic_feed_link(c, ta.topic->slug))
      .set("chart_url", c.file(topic_chart_file(ta.topic->slug)));
  for (const ContentPage& cp : c.site.content)
    if (cp.topic == ta.topic->slug)
      page.set("intro_html", std::string_view(cp.html))
          .set("intro_md", std::string_view(cp.markdown));
  if (c.format.id == FormatId::kHtml) {
    page.set_copy("chart_svg", month_chart_svg(ta));
    page.set_copy("meta_description", ta.topic->description.empty()
                                          ? std::to_string(ta.papers.size()) + " arXiv papers on " +
                                                ta.topic->name + ", by month and by day."
                                          : ta.topic->description);
  }
  size_t max = 1;
  for (const MonthGroup& m : ta.months) max = std::max(max, m.papers.size());
  Value& months = page.list("months");
  for (const MonthGroup& m : ta.months) {
    size_t parts = m.part_count(c.site.config.archive.papers_per_part);
    Value& mv = months.object();
    mv.set("month", std::string_view(m.key))
        .set_copy("month_label", month_label(m.key))
        .set("count", m.papers.size())
        .set("parts", parts)
        .set("url", c.link(part_key(ta.topic->slug, m.key, 1)));
    // Bar width in percent of the busiest month, for the chart.
    mv.set("percent", static_cast<unsigned>((m.papers.size() * 100 + max - 1) / max));
  }
  return topic_filters(c, page, *ta.topic);
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
  std::string heading = ta.topic->slug + " - " + m.key;
  Value& page = base(c, c.arena.copy(heading));
  page.set("heading", page.find("title")->text());
  const std::string label = month_label(m.key);
  page.set_copy("title_label", ta.topic->name + " · " + label);
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  add_crumb(c, crumbs, ta.topic->name, topic_key(ta.topic->slug));
  add_crumb(c, crumbs, c.arena.copy(label), month_key(ta.topic->slug, m.key));
  page.object("topic")
      .set("slug", ta.topic->slug)
      .set("name", ta.topic->name)
      .set("url", c.link(topic_key(ta.topic->slug)))
      .set("feed_url", topic_feed_link(c, ta.topic->slug));
  page.set_copy("crumb_label", "Part " + std::to_string(c.job.part));
  if (c.format.id == FormatId::kHtml)
    page.set_copy("meta_description", std::to_string(m.papers.size()) + " arXiv papers on " +
                                          ta.topic->name + " in " + label + ", part " +
                                          std::to_string(c.job.part) + " of " +
                                          std::to_string(parts) + ".");
  page.set("month", std::string_view(m.key))
      .set_copy("month_label", label)
      .set("part", c.job.part)
      .set("part_count", parts)
      .set("month_count", m.papers.size());
  Value& list = page.list("parts");
  for (size_t i = 1; i <= parts; ++i) {
    Value& pv = list.object();
    pv.set("number", i).set("current", static_cast<int>(i) == c.job.part);
    pv.set("url", c.link(part_key(ta.topic->slug, m.key, i)));
  }
  if (c.job.part > 1) page.set("prev_url", c.link(part_key(ta.topic->slug, m.key, c.job.part - 1)));
  if (static_cast<size_t>(c.job.part) < parts)
    page.set("next_url", c.link(part_key(ta.topic->slug, m.key, c.job.part + 1)));
  // The first part leads back to the month before (older, next in the list), the last on to
  // the month after.
  if (c.job.part == 1 && c.job.group + 1 < ta.months.size()) {
    const MonthGroup& older = ta.months[c.job.group + 1];
    page.set("prev_month_url", c.link(month_key(ta.topic->slug, older.key)))
        .set("prev_month", std::string_view(older.key))
        .set_copy("prev_month_label", month_label(older.key));
  }
  if (static_cast<size_t>(c.job.part) == parts && c.job.group > 0) {
    const MonthGroup& newer = ta.months[c.job.group - 1];
    page.set("next_month_url", c.link(month_key(ta.topic->slug, newer.key)))
        .set("next_month", std::string_view(newer.key))
        .set_copy("next_month_label", month_label(newer.key));
  }
  page.set("month_url", c.link(month_key(ta.topic->slug, m.key)));
  if (c.site.config.output.part_bibtex)
    page.set("bib_url", c.file(page_file(c.job.key, kBibtexFormat)));
  add_papers(c, page, m.papers, begin, end);
  return page;
}

Value& daily_index(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  Value& page = base(c, c.arena.copy(ta.topic->name + " · daily"));
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Daily", kDailyKey);
  page.set("crumb_label", ta.topic->name);
  page.object("topic")
      .set("slug", ta.topic->slug)
      .set("name", ta.topic->name)
      .set("url", c.link(topic_key(ta.topic->slug)))
      .set("feed_url", topic_feed_link(c, ta.topic->slug));
  Value& days = page.list("days");
  for (const DayGroup& d : ta.days)
    days.object()
        .set("date", std::string_view(d.date))
        .set_copy("day_label", day_label(d.date))
        .set("count", d.papers.size())
        .set("url", c.link(day_key(ta.topic->slug, d.date)));
  return page;
}

Value& day_page(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  const DayGroup& d = ta.days[c.job.group];
  Value& page = base(c, c.arena.copy(ta.topic->name + " Papers · " + d.date));
  page.set_copy("title_label", ta.topic->name + " papers · " + day_label(d.date));
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Daily", kDailyKey);
  add_crumb(c, crumbs, ta.topic->name, daily_key(ta.topic->slug));
  page.set_copy("crumb_label", day_label(d.date));
  if (c.format.id == FormatId::kHtml)
    page.set_copy("meta_description", std::to_string(d.papers.size()) + " arXiv papers on " +
                                          ta.topic->name + " on " + day_label(d.date) + ".");
  page.object("topic")
      .set("slug", ta.topic->slug)
      .set("name", ta.topic->name)
      .set("url", c.link(topic_key(ta.topic->slug)))
      .set("daily_url", c.link(daily_key(ta.topic->slug)))
      .set("feed_url", topic_feed_link(c, ta.topic->slug));
  page.set("date", std::string_view(d.date))
      .set_copy("day_label", day_label(d.date))
      .set("count", d.papers.size());
  size_t index = c.job.group;
  if (index + 1 < ta.days.size())
    page.set("prev_url", c.link(day_key(ta.topic->slug, ta.days[index + 1].date)))
        .set("prev_date", std::string_view(ta.days[index + 1].date))
        .set_copy("prev_day_label", day_label(ta.days[index + 1].date));
  if (index > 0)
    page.set("next_url", c.link(day_key(ta.topic->slug, ta.days[index - 1].date)))
        .set("next_date", std::string_view(ta.days[index - 1].date))
        .set_copy("next_day_label", day_label(ta.days[index - 1].date));
  topic_filters(c, page, *ta.topic);
  add_papers(c, page, d.papers, 0, d.papers.size());
  return page;
}

Value& content_page(PageContext& c) {
  const ContentPage& cp = c.site.content[c.job.group];
  Value& page = base(c, cp.title);
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  // The title as a heading unless the body opens with its own "# " heading.
  size_t first = cp.markdown.find_first_not_of(" \t\r\n");
  bool own_h1 = first != std::string::npos && cp.markdown.compare(first, 2, "# ") == 0;
  page.set("show_title", !own_h1);
  page.set("date", cp.date)
      .set("content_html", std::string_view(cp.html))
      .set("content_md", trim_blank_lines(cp.markdown));
  // A digest's chosen papers, or the one paper a note is about, each as a card from the store.
  std::vector<const PaperSection*> chosen;
  PaperSection note_target;
  for (const PaperSection& s : cp.papers) chosen.push_back(&s);
  if (!cp.paper.empty() && chosen.empty()) {
    note_target.id = cp.paper;
    chosen.push_back(&note_target);
  }
  page.set("is_note", !cp.paper.empty()).set("has_papers", !chosen.empty());
  Value& list = page.list("papers");
  for (size_t i = 0; i < chosen.size(); ++i) {
    const PaperSection& s = *chosen[i];
    Value* v = nullptr;
    if (auto index = c.site.index.paper(c.site, s.id)) {
      v = &add_paper(c, list, *index, i == 0);
    } else {
      // Not in the store: a plain link to arXiv, so the page still says which paper it meant.
      v = &list.object();
      v->set("id", code_safe(c.arena, s.id))
          .set("title", c.arena.copy("arXiv:" + s.id))
          .set_copy("abs_url", "https://arxiv.org/abs/" + s.id)
          .set("missing", true)
          .set("first", i == 0);
      v->set("page_url", v->find("abs_url")->text()).set("page_url_md", v->find("abs_url")->text());
    }
    v->set_null("note_url").set_null("note_html").set_null("note_md");
    v->set_null("note_quote").set_null("note_quote_item");
    v->set("commentary_html", std::string_view(s.html))
        .set("commentary_md", trim_blank_lines(s.markdown));
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
      nf.set_null("markdown_url");
      std::string root = site_path(c.site.config.base_url) + "/";
      nf.set_copy("base_href", root);
      page = &nf;
      break;
    }
    case PageKind::kSearch: {
      // At the site's root, without a Markdown mirror.
      Value& search = base(c, "Search");
      search.set_null("markdown_url");
      search.set("is_search", true);
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
  const Value* crumbs = page->find("breadcrumbs");
  page->set("has_breadcrumbs", crumbs != nullptr && crumbs->truthy());
  return *page;
}

}  // namespace paperpress
