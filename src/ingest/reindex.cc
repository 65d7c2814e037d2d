#include "paperpress/ingest/reindex.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <future>
#include <thread>

#include "paperpress/util/fs.h"

namespace paperpress {

namespace {

// Parses raw entries ahead of the one being appended, a few at a time on other threads, and
// hands them out in order. Kaggle entries are not parsed ahead: apply_raw_entry streams them.
class ParseAhead {
 public:
  ParseAhead(const std::vector<RawEntry>& entries, unsigned threads)
      : entries_(entries), window_(std::max(1u, threads) * 2) {}

  // The parse of the next entry, which is an Atom or OAI-PMH one.
  Result<ParsedEntry> next() {
    fill();
    std::future<Result<ParsedEntry>> parse = std::move(pending_.front());
    pending_.pop_front();
    return parse.get();
  }
  // Passes over the next entry, a Kaggle one.
  void skip() {
    fill();
    pending_.pop_front();
  }

 private:
  void fill() {
    while (started_ < entries_.size() && pending_.size() < window_) {
      const RawEntry& e = entries_[started_++];
      if (e.kind == RawKind::kKaggle)
        pending_.emplace_back();
      else
        pending_.push_back(std::async(std::launch::async, [&e] { return parse_raw_entry(e); }));
    }
  }
  const std::vector<RawEntry>& entries_;
  size_t window_;
  size_t started_ = 0;
  std::deque<std::future<Result<ParsedEntry>>> pending_;
};

}  // namespace

Result<ReindexStats> reindex(Cache& cache, const WarningSink& warn) {
  ReindexStats stats;
  std::filesystem::path target = store_file(cache.dir());
  std::filesystem::path fresh = target;
  fresh += ".reindex";
  std::error_code ec;
  std::filesystem::remove(fresh, ec);
  auto entries = cache.raw().list();
  if (!entries) return entries.error();
  // Nothing reads the fresh store before it is renamed into place: one sync at the end.
  auto writer = StoreWriter::open(fresh, Durability::kNone);
  if (!writer) return writer.error();
  {
    ParseAhead ahead(*entries, std::max(1u, std::thread::hardware_concurrency()));
    for (const RawEntry& e : *entries) {
      ++stats.entries;
      stats.raw_bytes += std::filesystem::file_size(e.body_path, ec);
      Result<ApplyStats> applied = ApplyStats{};
      if (e.kind == RawKind::kKaggle) {
        ahead.skip();
        applied = apply_raw_entry(e, *writer, warn);
      } else if (auto parsed = ahead.next()) {
        applied = commit_parsed_entry(e, *parsed, *writer, warn);
      } else {
        applied = parsed.error();
      }
      if (!applied) {
        ++stats.failed_entries;
        warn(applied.error().message);
        if (auto marked = writer->append({}, e.seq, CommitKind::kComplete); !marked)
          return marked.error();
      }
    }
    stats.papers = writer->size();
    if (auto st = writer->sync(); !st) return st.error();
  }
  if (std::rename(fresh.c_str(), target.c_str()) != 0)
    return Error{"cannot replace " + target.string() + " with the rebuilt store"};
  if (auto st = sync_dir(target.parent_path()); !st) return st.error();
  // The cache's own writer still has the old file open; the fresh one takes its place.
  writer->renamed_to(target);
  cache.store() = std::move(*writer);
  return stats;
}

}  // namespace paperpress
