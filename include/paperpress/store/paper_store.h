// The normalized paper store: one record per paper (version-less id, newest version), derived
// from the raw cache. Writers append through StoreWriter; builds read a StoreSnapshot.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paperpress/store/paper.h"
#include "paperpress/store/paper_log.h"
#include "paperpress/store/paper_ref.h"
#include "paperpress/util/mapped_file.h"
#include "paperpress/util/result.h"

namespace paperpress {

// The store file inside a cache folder.
std::filesystem::path store_file(const std::filesystem::path& cache_dir);

enum class PaperChange { kNew, kUpdated, kUnchanged };

struct AppendStats {
  size_t added = 0;      // papers not stored before
  size_t updated = 0;    // newer versions of stored papers
  size_t unchanged = 0;  // already stored as given (or an older version): not written
};

class StoreWriter {
 public:
  // With Durability::kNone appends are not synced one by one; sync() makes them durable (for a
  // store that is rebuilt beside the real one and renamed over it when done).
  static Result<StoreWriter> open(const std::filesystem::path& file,
                                  Durability durability = Durability::kFsync);
  Status sync() { return log_.sync(); }
  // After the file was renamed into place as the store: later appends go to it, synced.
  void renamed_to(const std::filesystem::path& file) {
    log_.renamed_to(file);
    log_.set_durability(Durability::kFsync);
  }

  // What appending `paper` would do.
  PaperChange classify(const Paper& paper) const;
  bool contains(std::string_view id) const { return index_.count(std::string(id)) != 0; }

  // Appends the papers that are new or newer, then a commit for raw entry `raw_seq`; durable
  // when this returns.
  Result<AppendStats> append(const std::vector<Paper>& papers, uint64_t raw_seq, CommitKind kind);

  uint64_t applied_seq() const { return applied_seq_; }
  size_t size() const { return index_.size(); }

 private:
  struct Known {
    int version;
    std::string updated;
  };
  StoreWriter(LogFile log) : log_(std::move(log)) {}
  LogFile log_;
  std::unordered_map<std::string, Known> index_;
  uint64_t applied_seq_ = 0;
};

// Every stored paper, mapped once, newest version per id, in order of first appearance.
class StoreSnapshot {
 public:
  // Checksums and decoding run on `threads` threads.
  static Result<StoreSnapshot> load(const std::filesystem::path& file, unsigned threads = 1);
  // As load, but when `index` holds what an earlier snapshot of this same store file found
  // (encode_index()), only the records appended since are read: the log is append-only, so what
  // was committed then is there still. The result is the same as load's; an index that is
  // empty, malformed or of another file (a store rewritten by `reindex`) or commit is ignored.
  static Result<StoreSnapshot> load(const std::filesystem::path& file, unsigned threads,
                                    std::string_view index);
  // Whether an index saved now would spare later loads much: false when this snapshot was
  // loaded with an index and what followed it is at most an eighth of the store, or when the
  // store is empty.
  bool index_outdated() const { return !index_recent_ && data_ && last_commit_ != 0; }
  // What this snapshot found, for later loads of the same file (the build cache's payload:
  // site/build_state.h frames it). Each paper's PaperRef as offsets, its id's hash, and the store
  // file and commit they were read to.
  std::string encode_index() const;

  const std::vector<PaperRef>& papers() const { return papers_; }
  uint64_t applied_seq() const { return applied_seq_; }
  size_t bytes() const { return data_ ? data_->bytes().size() : 0; }
  // Where the last commit the snapshot saw ends: every paper it holds lies before.
  size_t committed_bytes() const { return committed_bytes_; }
  // The bytes of the store read record by record: all of it, or what followed an index.
  size_t bytes_read() const { return bytes_read_; }
  // Whether the papers before those came from an index.
  bool from_index() const { return from_index_; }

 private:
  std::unique_ptr<MappedFile> data_;  // the log's bytes; PaperRefs point into it
  std::vector<PaperRef> papers_;
  std::vector<uint64_t> id_hashes_;  // hash_bytes() of each paper's id, for the next index
  uint64_t applied_seq_ = 0;
  size_t committed_bytes_ = 0;
  size_t last_commit_ = 0;  // where the commit ending at committed_bytes_ starts
  size_t bytes_read_ = 0;
  bool from_index_ = false;
  bool index_recent_ = false;  // loaded with an index that need not be saved again
};

// Whether the store file holds the same papers as a snapshot of it that ended at
// `committed_bytes`: the log is append-only, so it does when everything committed after that
// point is commit records alone (what a fetch that found nothing new appends). False when the
// file is shorter or was replaced; only the bytes after `committed_bytes` are read.
Result<bool> no_papers_since(const std::filesystem::path& file, size_t committed_bytes);

}  // namespace paperpress
