// Fetches a topic's papers from the arXiv query API: newest-updated first, page by page,
// stopping at papers a completed earlier fetch already stored, and splitting backfills larger
// than the API's result ceiling into date windows.
#pragma once

#include <string>

#include "paperpress/config/config.h"
#include "paperpress/ingest/cache.h"
#include "paperpress/ingest/polite_client.h"
#include "paperpress/ingest/progress.h"
#include "paperpress/util/time.h"

namespace paperpress {

// The topic as an API search_query, without dates: keywords over title and abstract (any of),
// all_of groups, exclusions and category filters.
std::string topic_search_query(const Topic& topic);

// " AND lastUpdatedDate:[YYYYMMDDHHMM TO YYYYMMDDHHMM]" for the window.
std::string updated_window_clause(UnixSeconds from, UnixSeconds to);

class ApiFetcher {
 public:
  ApiFetcher(const Config& config, Cache& cache, PoliteClient& client, Progress& progress)
      : config_(config), cache_(cache), client_(client), progress_(progress) {}

  // Fetches one topic up to `now`; saves the topic's high-water mark when it completes.
  Status fetch_topic(const Topic& topic, UnixSeconds now);

 private:
  struct Window {
    UnixSeconds from, to;
  };
  // Pages through one date window; sets `reached_known` when it stops at stored papers.
  // `parent_total` is the result count of the window this one was split from (0: none).
  Status fetch_window(const std::string& query, Window window, const std::string& high_water,
                      std::string& newest_seen, bool& reached_known, long long parent_total = 0);

  const Config& config_;
  Cache& cache_;
  PoliteClient& client_;
  Progress& progress_;
};

}  // namespace paperpress
