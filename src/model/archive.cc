#include "paperpress/model/archive.h"

#include <algorithm>

namespace paperpress {

namespace {

// A paper's place in the newest-first order, comparable without touching the store: the first
// 24 bytes of its placing date as big-endian words (so integer order is string order).
struct OrderKey {
  uint64_t date[3];
  PaperIndex index;
};

OrderKey order_key(std::string_view date, PaperIndex index) {
  OrderKey k{{0, 0, 0}, index};
  for (size_t i = 0; i < date.size() && i < 24; ++i)
    k.date[i / 8] |= static_cast<uint64_t>(static_cast<unsigned char>(date[i]))
                     << (56 - 8 * (i % 8));
  return k;
}

std::string month_key(std::string_view date) {
  std::string key(date.substr(0, 7));  // "2025-07"
  if (key.size() == 7) key[4] = '_';
  return key;
}

}  // namespace

std::string_view placing_date(const PaperRef& paper, DateField field) {
  std::string_view d = field == DateField::kUpdated ? paper.updated : paper.published;
  return d.empty() ? (field == DateField::kUpdated ? paper.published : paper.updated) : d;
}

bool in_archive(const PaperRef& paper, const ArchiveConfig& archive) {
  std::string_view d = placing_date(paper, archive.date_field);
  return d.size() >= 10 && d.substr(0, 10) >= archive.since;
}

Archive build_archive(const Config& config, const std::vector<PaperRef>& papers,
                      const TopicAssignment& topics) {
  const DateField field = config.archive.date_field;
  std::vector<OrderKey> keys;
  keys.reserve(papers.size());
  for (PaperIndex i = 0; i < papers.size(); ++i) {
    if (in_archive(papers[i], config.archive))
      keys.push_back(order_key(placing_date(papers[i], field), i));
  }
  // Newest first; ties by id, newest id first, so the order never depends on the store's.
  std::sort(keys.begin(), keys.end(), [&](const OrderKey& a, const OrderKey& b) {
    for (int w = 0; w < 3; ++w)
      if (a.date[w] != b.date[w]) return a.date[w] > b.date[w];
    std::string_view da = placing_date(papers[a.index], field);
    std::string_view db = placing_date(papers[b.index], field);
    if (da != db) return da > db;  // dates longer than the key
    return papers[a.index].id > papers[b.index].id;
  });
  std::vector<PaperIndex> order;
  order.reserve(keys.size());
  for (const OrderKey& k : keys) order.push_back(k.index);
  keys = {};

  Archive archive;
  archive.papers_considered = order.size();
  std::vector<std::vector<PaperIndex>> per_topic(config.topics.size());
  for (PaperIndex i : order) {
    auto hits = topics.topics_of(i);
    if (!hits.empty()) ++archive.papers_in_topics;
    for (uint16_t t : hits) per_topic[t].push_back(i);
  }
  for (size_t t = 0; t < config.topics.size(); ++t) {
    TopicArchive ta;
    ta.topic = &config.topics[t];
    ta.papers = std::move(per_topic[t]);
    std::string_view month, day;  // of the group last opened ("2025-07", "2025-07-14")
    for (PaperIndex i : ta.papers) {
      std::string_view d = placing_date(papers[i], field);
      if (ta.months.empty() || d.substr(0, 7) != month) {
        month = d.substr(0, 7);
        ta.months.push_back(MonthGroup{month_key(month), {}});
      }
      ta.months.back().papers.push_back(i);
      if (ta.days.empty() || d.substr(0, 10) != day) {
        day = d.substr(0, 10);
        ta.days.push_back(DayGroup{std::string(day), {}});
      }
      ta.days.back().papers.push_back(i);
    }
    archive.topics.push_back(std::move(ta));
  }
  return archive;
}

}  // namespace paperpress
