// The cache folder as one unit: an exclusive lock, the raw cache, the paper store derived from
// it, and the fetch state. Opening it finishes any work a killed process left: raw entries
// that were saved but not yet applied to the store are applied.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "paperpress/ingest/fetch_state.h"
#include "paperpress/ingest/raw_cache.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/util/file_lock.h"
#include "paperpress/util/result.h"

namespace paperpress {

using WarningSink = std::function<void(const std::string&)>;

struct ApplyStats {
  size_t papers = 0;  // parsed from the entry
  AppendStats store;
  size_t skipped = 0;  // records the parser could not use (each one warned)
};

// A raw API or OAI-PMH entry, parsed; what apply_raw_entry appends.
struct ParsedEntry {
  std::vector<Paper> papers;
  std::vector<std::string> warnings;  // records the parser skipped or repaired
};

// Reads and parses an Atom or OAI-PMH entry (not a Kaggle file, which is streamed); an entry
// whose status is not 200 holds no papers. Touches nothing else, so entries may be parsed on
// several threads at once.
Result<ParsedEntry> parse_raw_entry(const RawEntry& entry);

// Appends what parse_raw_entry gave for `entry`, committing `entry.seq`; warnings go to `warn`.
Result<ApplyStats> commit_parsed_entry(const RawEntry& entry, const ParsedEntry& parsed,
                                       StoreWriter& store, const WarningSink& warn);

// Parses a raw entry by its kind and appends its papers to `store`, committing `entry.seq`.
// Entries whose HTTP status is not 200 are committed with no papers. Parse errors name the
// entry; warnings (skipped records, repaired text) go to `warn` prefixed with the entry.
Result<ApplyStats> apply_raw_entry(const RawEntry& entry, StoreWriter& store,
                                   const WarningSink& warn);

class Cache {
 public:
  static Result<Cache> open(const std::filesystem::path& dir, const WarningSink& warn);

  RawCache& raw() { return raw_; }
  StoreWriter& store() { return store_; }
  FetchState& state() { return state_; }
  Status save_state();
  const std::filesystem::path& dir() const { return dir_; }

  // Raw entries applied on open (left over by an interrupted run).
  size_t recovered_entries() const { return recovered_; }

 private:
  Cache(std::filesystem::path dir, FileLock lock, RawCache raw, StoreWriter store)
      : dir_(std::move(dir)),
        lock_(std::move(lock)),
        raw_(std::move(raw)),
        store_(std::move(store)) {}
  std::filesystem::path dir_;
  FileLock lock_;
  RawCache raw_;
  StoreWriter store_;
  FetchState state_;
  size_t recovered_ = 0;
};

}  // namespace paperpress
