// The raw cache: every response exactly as received, numbered in the order it arrived, with
// the URL, HTTP status and fetch time beside it. It is the source of truth; the store is
// derived from it (paperpress reindex).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

enum class RawKind { kAtom, kOai, kKaggle };

std::string_view to_string(RawKind kind);

struct RawEntry {
  uint64_t seq = 0;
  RawKind kind = RawKind::kAtom;
  std::string url;  // what was asked for ("file:..." for an import, "sample:..." for samples)
  int status = 0;   // HTTP status; 200 for imports and samples
  std::string fetched_at;  // ISO 8601 UTC
  std::filesystem::path body_path;

  // "cache/raw/00000012.atom.xml (https://export.arxiv.org/api/query?...)", for messages.
  std::string describe() const;
};

class RawCache {
 public:
  // Opens DIR/raw, creating it; removes what a killed writer left half-done (a body without
  // its metadata, temporary files).
  static Result<RawCache> open(const std::filesystem::path& cache_dir);

  // Stores a response body. The body is durable before its metadata, and the entry exists
  // only once both are, so a kill leaves either a whole entry or none.
  Result<RawEntry> add(RawKind kind, const std::string& url, int status, std::string_view body);

  // Stores a local file (hard link when possible, else a copy) as an entry.
  Result<RawEntry> add_file(RawKind kind, const std::filesystem::path& source);

  // Every whole entry, by seq.
  Result<std::vector<RawEntry>> list() const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  explicit RawCache(std::filesystem::path dir, uint64_t next)
      : dir_(std::move(dir)), next_seq_(next) {}
  Result<RawEntry> commit(RawEntry entry);
  std::filesystem::path body_path(uint64_t seq, RawKind kind) const;

  std::filesystem::path dir_;
  uint64_t next_seq_;
};

}  // namespace paperpress
