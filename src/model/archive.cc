#include "paperpress/model/archive.h"

#include <algorithm>

namespace paperpress {

std::string month_group_key(std::string_view date) {
  std::string key(date.substr(0, 7));  // "2025-07"
  if (key.size() == 7) key[4] = '_';
  return key;
}

std::string_view placing_date(const PaperRef& paper, DateField field) {
  std::string_view d = field == DateField::kUpdated ? paper.updated() : paper.published();
  return d.empty() ? (field == DateField::kUpdated ? paper.published() : paper.updated()) : d;
}

bool in_archive(const PaperRef& paper, const ArchiveConfig& archive) {
  std::string_view d = placing_date(paper, archive.date_field);
  return d.size() >= 10 && d.substr(0, 10) >= archive.since;
}

Archive build_archive(const Config& config, const std::vector<PaperRef>& papers,
                      const TopicAssignment& topics, const ArchiveOrder& order) {
  const DateField field = config.archive.date_field;
  const std::span<const OrderKey> keys = order.keys();
  Archive archive;
  archive.papers_considered = keys.size();
  // Per topic, positions in `keys`: months and days are told apart by the packed date alone.
  std::vector<std::vector<uint32_t>> per_topic(config.topics.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    auto hits = topics.topics_of(keys[k].index);
    if (!hits.empty()) ++archive.papers_in_topics;
    for (uint16_t t : hits) per_topic[t].push_back(static_cast<uint32_t>(k));
  }
  for (size_t t = 0; t < config.topics.size(); ++t) {
    TopicArchive ta;
    ta.topic = &config.topics[t];
    ta.papers.reserve(per_topic[t].size());
    const OrderKey* last = nullptr;  // of the paper placed before
    for (uint32_t k : per_topic[t]) {
      const OrderKey& key = keys[k];
      const PaperIndex i = key.index;
      ta.papers.push_back(i);
      if (last == nullptr || key.month() != last->month()) {
        std::string_view d = placing_date(papers[i], field);
        ta.months.push_back(MonthGroup{month_group_key(d.substr(0, 7)), {}});
      }
      ta.months.back().papers.push_back(i);
      if (last == nullptr || !key.same_day(*last)) {
        std::string_view d = placing_date(papers[i], field);
        ta.days.push_back(DayGroup{std::string(d.substr(0, 10)), {}});
      }
      ta.days.back().papers.push_back(i);
      last = &key;
    }
    archive.topics.push_back(std::move(ta));
  }
  return archive;
}

Archive build_archive(const Config& config, const std::vector<PaperRef>& papers,
                      const TopicAssignment& topics, unsigned threads) {
  return build_archive(config, papers, topics, order_papers(config, papers, threads));
}

}  // namespace paperpress
