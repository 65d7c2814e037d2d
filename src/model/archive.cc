#include "paperpress/model/archive.h"

#include <algorithm>
#include <thread>

#include "paperpress/model/topic_matcher.h"

namespace paperpress {

namespace {

std::string month_key(std::string_view date) {
  std::string key(date.substr(0, 7));  // "2025-07"
  if (key.size() == 7) key[4] = '_';
  return key;
}

// Splits `order` into `threads` chunks and matches each on its own thread; returns, per topic,
// its papers in `order`'s order.
std::vector<std::vector<PaperIndex>> match_topics(const TopicMatcher& matcher,
                                                  const std::vector<PaperRef>& papers,
                                                  const std::vector<PaperIndex>& order,
                                                  size_t topic_count, unsigned threads) {
  threads =
      std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(order.size() / 5000 + 1)));
  std::vector<std::vector<std::vector<PaperIndex>>> per_chunk(
      threads, std::vector<std::vector<PaperIndex>>(topic_count));
  auto work = [&](unsigned chunk) {
    size_t begin = order.size() * chunk / threads, end = order.size() * (chunk + 1) / threads;
    TopicMatcher::Scratch scratch;
    std::vector<uint16_t> hits;
    for (size_t i = begin; i < end; ++i) {
      const PaperRef& p = papers[order[i]];
      hits.clear();
      matcher.match(p.title, p.abstract, p.categories, hits, scratch);
      for (uint16_t t : hits) per_chunk[chunk][t].push_back(order[i]);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned c = 1; c < threads; ++c) pool.emplace_back(work, c);
  work(0);
  for (auto& t : pool) t.join();
  std::vector<std::vector<PaperIndex>> result(topic_count);
  for (size_t t = 0; t < topic_count; ++t) {
    size_t total = 0;
    for (auto& chunk : per_chunk) total += chunk[t].size();
    result[t].reserve(total);
    for (auto& chunk : per_chunk)
      result[t].insert(result[t].end(), chunk[t].begin(), chunk[t].end());
  }
  return result;
}

}  // namespace

std::string_view placing_date(const PaperRef& paper, DateField field) {
  std::string_view d = field == DateField::kUpdated ? paper.updated : paper.published;
  return d.empty() ? (field == DateField::kUpdated ? paper.published : paper.updated) : d;
}

Result<Archive> build_archive(const Config& config, const std::vector<PaperRef>& papers,
                              unsigned threads) {
  auto matcher = TopicMatcher::build(config.topics);
  if (!matcher) return matcher.error().at("site.toml");
  const DateField field = config.archive.date_field;
  const std::string& since = config.archive.since;

  std::vector<PaperIndex> order;
  order.reserve(papers.size());
  for (PaperIndex i = 0; i < papers.size(); ++i) {
    std::string_view d = placing_date(papers[i], field);
    if (d.size() >= 10 && d.substr(0, 10) >= since) order.push_back(i);
  }
  // Newest first; ties by id, newest id first, so the order never depends on the store's.
  std::sort(order.begin(), order.end(), [&](PaperIndex a, PaperIndex b) {
    std::string_view da = placing_date(papers[a], field), db = placing_date(papers[b], field);
    if (da != db) return da > db;
    return papers[a].id > papers[b].id;
  });

  Archive archive;
  archive.papers_considered = order.size();
  auto per_topic = match_topics(*matcher, papers, order, config.topics.size(), threads);
  std::vector<bool> in_any(papers.size(), false);
  for (size_t t = 0; t < config.topics.size(); ++t) {
    TopicArchive ta;
    ta.topic = &config.topics[t];
    ta.papers = std::move(per_topic[t]);
    for (PaperIndex i : ta.papers) {
      in_any[i] = true;
      std::string_view d = placing_date(papers[i], field);
      std::string month = month_key(d);
      if (ta.months.empty() || ta.months.back().key != month)
        ta.months.push_back(MonthGroup{month, {}});
      ta.months.back().papers.push_back(i);
      std::string_view day = d.substr(0, 10);
      if (ta.days.empty() || ta.days.back().date != day)
        ta.days.push_back(DayGroup{std::string(day), {}});
      ta.days.back().papers.push_back(i);
    }
    archive.topics.push_back(std::move(ta));
  }
  archive.papers_in_topics = static_cast<size_t>(std::count(in_any.begin(), in_any.end(), true));
  return archive;
}

}  // namespace paperpress
