// The index pages between a topic and its lists: a month (papers/<topic>/<YYYY_MM>/, its parts
// and days) and the site's daily index (daily/, every topic's days).
#include <string>

#include "page_views.h"
#include "paperpress/util/time.h"
#include "view_schemas.h"

namespace paperpress {

namespace {

// The month's days: the topic's days whose date starts "YYYY-MM"; whether it has any.
bool put_month_days(PageContext& c, Value& page, const TopicArchive& ta, const MonthGroup& m) {
  std::string prefix = m.key;
  if (prefix.size() == 7) prefix[4] = '-';
  Value& days = page.put_list(PageKey::kDays);
  bool has_days = false;
  if (!c.site.config.output.day_pages) return false;
  for (const DayGroup& d : ta.days) {
    if (d.date.compare(0, prefix.size(), prefix) != 0) continue;
    has_days = true;
    add_day(c, days, ta.topic->slug, d);
  }
  return has_days;
}

}  // namespace

Value& month_page(PageContext& c) {
  const TopicArchive& ta = c.site.archive.topics[c.job.topic];
  const MonthGroup& m = ta.months[c.job.group];
  const std::string& slug = ta.topic->slug;
  const std::string label = month_label(m.key);
  Value& page = base(c, c.arena.copy(ta.topic->name + " · " + label));
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  add_crumb(c, crumbs, "Papers", kPapersKey);
  add_crumb(c, crumbs, ta.topic->name, topic_key(slug));
  page.put_copy(PageKey::kCrumbLabel, label);
  if (c.format.id == FormatId::kHtml)
    page.put_copy(PageKey::kMetaDescription, std::to_string(m.papers.size()) + " arXiv papers on " +
                                                 ta.topic->name + " in " + label +
                                                 ": its parts and days.");
  put_topic(c, page, *ta.topic);
  page.put(PageKey::kMonth, std::string_view(m.key))
      .put_copy(PageKey::kMonthLabel, label)
      .put(PageKey::kCount, m.papers.size());
  const int per_part = c.site.config.archive.papers_per_part;
  const size_t parts = m.part_count(per_part);
  Value& list = page.put_list(PageKey::kParts);
  for (size_t i = 1; i <= parts; ++i) {
    const size_t first = (i - 1) * static_cast<size_t>(per_part);
    list.record(item_schema())
        .put(ItemKey::kNumber, i)
        .put(ItemKey::kCount, std::min(m.papers.size() - first, static_cast<size_t>(per_part)))
        .put(ItemKey::kUrl, c.link(part_key(slug, m.key, i)));
  }
  page.put(PageKey::kHasDays, put_month_days(c, page, ta, m));
  put_older_month(c, page, ta);
  put_newer_month(c, page, ta);
  return page;
}

Value& daily_all_page(PageContext& c) {
  Value& page = base(c, "Daily");
  Value& crumbs = page.put_list(PageKey::kBreadcrumbs);
  add_crumb(c, crumbs, "Home", kHomeKey);
  Value& topics = page.put_list(PageKey::kTopics);
  for (const TopicArchive& ta : c.site.archive.topics) {
    Value& t = topics.record(topic_schema());
    t.put(TopicKey::kSlug, ta.topic->slug)
        .put(TopicKey::kName, ta.topic->name)
        .put(TopicKey::kDays, ta.days.size())
        .put(TopicKey::kUrl, c.link(daily_key(ta.topic->slug)));
    if (!ta.days.empty()) {
      const DayGroup& d = ta.days.front();
      t.put(TopicKey::kLatestDay, std::string_view(d.date))
          .put_copy(TopicKey::kLatestDayLabel, day_label(d.date))
          .put(TopicKey::kLatestDayCount, d.papers.size())
          .put(TopicKey::kLatestDayUrl, day_link(c, ta.topic->slug, d.date));
    }
  }
  return page;
}

}  // namespace paperpress
