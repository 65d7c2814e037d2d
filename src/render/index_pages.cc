// The index pages between a topic and its lists: a month (papers/<topic>/<YYYY_MM>/, its parts
// and days) and the site's daily index (daily/, every topic's days).
#include <string>

#include "page_views.h"
#include "paperpress/util/time.h"

namespace paperpress {

Value& month_page(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  const MonthGroup& m = ta.months[c.job.group];
  const std::string& slug = ta.topic->slug;
  const std::string label = month_label(m.key);
  Value& page = base(c, c.arena.copy(ta.topic->name + " · " + label));
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  add_crumb(c, crumbs, ta.topic->name, topic_key(slug));
  page.set_copy("crumb_label", label);
  if (c.format.id == FormatId::kHtml)
    page.set_copy("meta_description", std::to_string(m.papers.size()) + " arXiv papers on " +
                                          ta.topic->name + " in " + label +
                                          ": its parts and days.");
  page.object("topic")
      .set("slug", slug)
      .set("name", ta.topic->name)
      .set("url", c.link(topic_key(slug)))
      .set("feed_url", topic_feed_link(c, slug));
  page.set("month", std::string_view(m.key))
      .set_copy("month_label", label)
      .set("count", m.papers.size());
  const int per_part = c.site.config.archive.papers_per_part;
  const size_t parts = m.part_count(per_part);
  Value& list = page.list("parts");
  for (size_t i = 1; i <= parts; ++i) {
    const size_t first = (i - 1) * static_cast<size_t>(per_part);
    list.object()
        .set("number", i)
        .set("count", std::min(m.papers.size() - first, static_cast<size_t>(per_part)))
        .set("url", c.link(part_key(slug, m.key, i)));
  }
  // The month's days: the topic's days whose date starts "YYYY-MM".
  std::string prefix = m.key;
  if (prefix.size() == 7) prefix[4] = '-';
  Value& days = page.list("days");
  bool has_days = false;
  for (const DayGroup& d : ta.days)
    if (c.site.config.output.day_pages && d.date.compare(0, prefix.size(), prefix) == 0 &&
        (has_days = true))
      days.object()
          .set("date", std::string_view(d.date))
          .set_copy("day_label", day_label(d.date))
          .set("count", d.papers.size())
          .set("url", c.link(day_key(slug, d.date)));
  page.set("has_days", has_days);
  if (c.job.group + 1 < ta.months.size()) {
    const MonthGroup& older = ta.months[c.job.group + 1];
    page.set("prev_month_url", c.link(month_key(slug, older.key)))
        .set("prev_month", std::string_view(older.key))
        .set_copy("prev_month_label", month_label(older.key));
  }
  if (c.job.group > 0) {
    const MonthGroup& newer = ta.months[c.job.group - 1];
    page.set("next_month_url", c.link(month_key(slug, newer.key)))
        .set("next_month", std::string_view(newer.key))
        .set_copy("next_month_label", month_label(newer.key));
  }
  return page;
}

Value& daily_all_page(PageContext& c) {
  Value& page = base(c, "Daily");
  Value& crumbs = page.list("breadcrumbs");
  add_crumb(c, crumbs, "Home", kHomeKey);
  Value& topics = page.list("topics");
  for (const TopicArchive& ta : c.site.archive.topics) {
    Value& t = topics.object();
    t.set("slug", ta.topic->slug)
        .set("name", ta.topic->name)
        .set("days", ta.days.size())
        .set("url", c.link(daily_key(ta.topic->slug)));
    if (!ta.days.empty()) {
      const DayGroup& d = ta.days.front();
      t.set("latest_day", std::string_view(d.date))
          .set_copy("latest_day_label", day_label(d.date))
          .set("latest_day_count", d.papers.size())
          .set("latest_day_url", day_link(c, ta.topic->slug, d.date));
    }
  }
  return page;
}

}  // namespace paperpress
