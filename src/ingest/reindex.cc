#include "paperpress/ingest/reindex.h"

#include <cstdio>

#include "paperpress/util/fs.h"

namespace paperpress {

Result<ReindexStats> reindex(Cache& cache, const WarningSink& warn) {
  ReindexStats stats;
  std::filesystem::path target = store_file(cache.dir());
  std::filesystem::path fresh = target;
  fresh += ".reindex";
  std::error_code ec;
  std::filesystem::remove(fresh, ec);
  auto entries = cache.raw().list();
  if (!entries) return entries.error();
  {
    auto writer = StoreWriter::open(fresh);
    if (!writer) return writer.error();
    for (const RawEntry& e : *entries) {
      ++stats.entries;
      stats.raw_bytes += std::filesystem::file_size(e.body_path, ec);
      auto applied = apply_raw_entry(e, *writer, warn);
      if (!applied) {
        ++stats.failed_entries;
        warn(applied.error().message);
        if (auto marked = writer->append({}, e.seq, CommitKind::kComplete); !marked)
          return marked.error();
      }
    }
    stats.papers = writer->size();
  }
  if (std::rename(fresh.c_str(), target.c_str()) != 0)
    return Error{"cannot replace " + target.string() + " with the rebuilt store"};
  if (auto st = sync_dir(target.parent_path()); !st) return st.error();
  // The cache's own writer still has the old file open; reopen it on the new one.
  auto reopened = StoreWriter::open(target);
  if (!reopened) return reopened.error();
  cache.store() = std::move(*reopened);
  return stats;
}

}  // namespace paperpress
