// The content model: the store's papers grouped into topics × months (split into parts) and
// topics × days, each list newest first with a stable order for ties.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/model/archive_order.h"
#include "paperpress/model/topic_assignment.h"
#include "paperpress/store/paper_ref.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct MonthGroup {
  std::string key;                 // "2025_07"
  std::vector<PaperIndex> papers;  // newest first

  size_t part_count(int per_part) const { return (papers.size() + per_part - 1) / per_part; }
};

struct DayGroup {
  std::string date;                // "2025-07-14"
  std::vector<PaperIndex> papers;  // newest first
};

struct TopicArchive {
  const Topic* topic = nullptr;
  std::vector<PaperIndex> papers;  // every paper of the topic, newest first
  std::vector<MonthGroup> months;  // newest first
  std::vector<DayGroup> days;      // newest first
};

struct Archive {
  std::vector<TopicArchive> topics;  // in site.toml order
  size_t papers_considered = 0;      // papers dated on or after archive.since
  size_t papers_in_topics = 0;       // distinct papers in at least one topic
};

// The date that places a paper ("2025-07-14T10:00:00Z"), per archive.date_field.
std::string_view placing_date(const PaperRef& paper, DateField field);

// The key of the month a placing date falls in: "2025-07-14…" → "2025_07".
std::string month_group_key(std::string_view date);

// Whether a paper is placed in the archive at all: dated on or after archive.since.
bool in_archive(const PaperRef& paper, const ArchiveConfig& archive);

// Groups `papers` for the site, in `order`, by the topics `topics` assigned them.
Archive build_archive(const Config& config, const std::vector<PaperRef>& papers,
                      const TopicAssignment& topics, const ArchiveOrder& order);
// The same with the papers ordered afresh (archive_order.h) on `threads` threads.
Archive build_archive(const Config& config, const std::vector<PaperRef>& papers,
                      const TopicAssignment& topics, unsigned threads = 1);

}  // namespace paperpress
