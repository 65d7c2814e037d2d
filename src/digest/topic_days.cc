#include "paperpress/digest/topic_days.h"

#include <thread>

#include "paperpress/model/topic_assignment.h"

namespace paperpress {

namespace {

unsigned threads() {
  return std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
}

}  // namespace

Result<TopicDays> TopicDays::load(const Config& config) {
  auto snapshot = StoreSnapshot::load(store_file(config.cache_path()), threads());
  if (!snapshot) return snapshot.error();
  TopicDays days;
  days.snapshot_ = std::make_shared<StoreSnapshot>(std::move(*snapshot));
  days.papers_ = &days.snapshot_->papers();
  days.config_ = &config;
  auto topics = assign_topics(config, *days.papers_, TopicAssignment{}, threads());
  if (!topics) return topics.error();
  days.archive_ = build_archive(config, *days.papers_, *topics, threads());
  return days;
}

Result<TopicDays> TopicDays::from_papers(const Config& config, std::vector<PaperRef> papers) {
  TopicDays days;
  days.own_ = std::move(papers);
  days.config_ = &config;
  auto topics = assign_topics(config, days.own_, TopicAssignment{}, 1);
  if (!topics) return topics.error();
  days.archive_ = build_archive(config, days.own_, *topics, 1);
  return days;
}

std::optional<size_t> TopicDays::topic_index(std::string_view slug) const {
  for (size_t i = 0; i < config_->topics.size(); ++i)
    if (config_->topics[i].slug == slug) return i;
  return std::nullopt;
}

std::optional<std::string> TopicDays::newest_day(size_t topic) const {
  if (topic >= archive_.topics.size() || archive_.topics[topic].days.empty()) return std::nullopt;
  return archive_.topics[topic].days.front().date;
}

std::vector<const PaperRef*> TopicDays::papers_between(size_t topic, std::string_view first,
                                                       std::string_view last) const {
  std::vector<const PaperRef*> out;
  if (topic >= archive_.topics.size()) return out;
  const std::vector<PaperRef>& papers = papers_ ? *papers_ : own_;
  for (const DayGroup& day : archive_.topics[topic].days) {
    if (day.date < first || day.date > last) continue;
    for (PaperIndex i : day.papers) out.push_back(&papers[i]);
  }
  return out;
}

}  // namespace paperpress
