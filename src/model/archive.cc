#include "paperpress/model/archive.h"

#include <algorithm>

#include "paperpress/util/parallel.h"

namespace paperpress {

namespace {

// A paper's place in the newest-first order, comparable without touching the store: the first
// 24 bytes of its placing date and the first 16 of its id as big-endian words (so integer
// order is string order). Only papers whose dates or ids are longer and equal that far are
// compared as strings.
struct OrderKey {
  uint64_t date[3];
  uint64_t id[2];
  PaperIndex index;
  bool long_text;  // date over 24 or id over 16 bytes

  // The "2025-07" and "2025-07-14" prefixes of the date.
  uint64_t month() const { return date[0] >> 8; }
  bool same_day(const OrderKey& o) const {
    return date[0] == o.date[0] && (date[1] >> 48) == (o.date[1] >> 48);
  }
};

template <size_t N>
void pack(std::string_view text, uint64_t (&words)[N]) {
  for (size_t w = 0; w < N; ++w) words[w] = 0;
  for (size_t i = 0; i < text.size() && i < 8 * N; ++i)
    words[i / 8] |= static_cast<uint64_t>(static_cast<unsigned char>(text[i]))
                    << (56 - 8 * (i % 8));
}

OrderKey order_key(std::string_view date, std::string_view id, PaperIndex index) {
  OrderKey k{};
  pack(date, k.date);
  pack(id, k.id);
  k.index = index;
  k.long_text = date.size() > 24 || id.size() > 16;
  return k;
}

std::string month_key(std::string_view date) {
  std::string key(date.substr(0, 7));  // "2025-07"
  if (key.size() == 7) key[4] = '_';
  return key;
}

}  // namespace

std::string_view placing_date(const PaperRef& paper, DateField field) {
  std::string_view d = field == DateField::kUpdated ? paper.updated() : paper.published();
  return d.empty() ? (field == DateField::kUpdated ? paper.published() : paper.updated()) : d;
}

bool in_archive(const PaperRef& paper, const ArchiveConfig& archive) {
  std::string_view d = placing_date(paper, archive.date_field);
  return d.size() >= 10 && d.substr(0, 10) >= archive.since;
}

Archive build_archive(const Config& config, const std::vector<PaperRef>& papers,
                      const TopicAssignment& topics, unsigned threads) {
  const DateField field = config.archive.date_field;
  // Newest first; ties by id, newest id first, so the order never depends on the store's.
  auto newer = [&](const OrderKey& a, const OrderKey& b) {
    for (int w = 0; w < 3; ++w)
      if (a.date[w] != b.date[w]) return a.date[w] > b.date[w];
    if (a.long_text || b.long_text) {
      std::string_view da = placing_date(papers[a.index], field);
      std::string_view db = placing_date(papers[b.index], field);
      if (da != db) return da > db;
      return papers[a.index].id() > papers[b.index].id();
    }
    if (a.id[0] != b.id[0]) return a.id[0] > b.id[0];
    return a.id[1] > b.id[1];
  };
  // Each thread keys and sorts a contiguous range of the store; the sorted runs are merged.
  threads = std::max(1u, std::min<unsigned>(threads, papers.size() < 4096 ? 1 : threads));
  std::vector<std::vector<OrderKey>> runs(threads);
  run_on_threads(threads, [&](unsigned t) {
    auto [begin, end] = range_of(papers.size(), t, threads);
    std::vector<OrderKey>& keys = runs[t];
    keys.reserve(end - begin);
    // Each date lies in its record, about a kilobyte from the last one: ask for it early.
    constexpr PaperIndex kAhead = 16;
    for (PaperIndex i = static_cast<PaperIndex>(begin); i < end; ++i) {
      if (i + kAhead < end) __builtin_prefetch(placing_date(papers[i + kAhead], field).data());
      if (in_archive(papers[i], config.archive))
        keys.push_back(order_key(placing_date(papers[i], field), papers[i].id(), i));
    }
    std::sort(keys.begin(), keys.end(), newer);
  });
  std::vector<OrderKey> keys = std::move(runs[0]);
  for (unsigned t = 1; t < threads; ++t) {
    size_t middle = keys.size();
    keys.insert(keys.end(), runs[t].begin(), runs[t].end());
    std::inplace_merge(keys.begin(), keys.begin() + static_cast<long>(middle), keys.end(), newer);
  }

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
        ta.months.push_back(MonthGroup{month_key(d.substr(0, 7)), {}});
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

}  // namespace paperpress
