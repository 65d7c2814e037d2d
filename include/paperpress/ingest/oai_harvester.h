// Bulk harvesting over OAI-PMH ListRecords: sets, from/until, resumption tokens, and the
// protocol's error codes. An interrupted harvest continues from its last saved token.
#pragma once

#include <string>

#include "paperpress/config/config.h"
#include "paperpress/ingest/cache.h"
#include "paperpress/ingest/polite_client.h"
#include "paperpress/ingest/progress.h"

namespace paperpress {

struct OaiRequest {
  std::string metadata_prefix = "arXivRaw";  // or "arXiv"
  std::string set;                           // e.g. "cs" or "cs:cs:AI"; empty: everything
  std::string from;   // YYYY-MM-DD; empty: since the last completed harvest, else archive.since
  std::string until;  // YYYY-MM-DD; empty: open-ended
};

class OaiHarvester {
 public:
  OaiHarvester(const Config& config, Cache& cache, PoliteClient& client, Progress& progress)
      : config_(config), cache_(cache), client_(client), progress_(progress) {}

  Status harvest(OaiRequest request, const std::string& today);

 private:
  const Config& config_;
  Cache& cache_;
  PoliteClient& client_;
  Progress& progress_;
};

}  // namespace paperpress
