// Rebuilding the store from the raw cache alone, with no network: for when the parsers improve.
#pragma once

#include "paperpress/ingest/cache.h"

namespace paperpress {

struct ReindexStats {
  size_t entries = 0;
  size_t failed_entries = 0;  // responses that no longer parse (each one warned)
  size_t raw_bytes = 0;
  size_t papers = 0;  // distinct papers in the new store
};

// Replays every raw entry in order into a new store file, then swaps it in atomically; the old
// store stays in place until the new one is whole.
Result<ReindexStats> reindex(Cache& cache, const WarningSink& warn);

}  // namespace paperpress
