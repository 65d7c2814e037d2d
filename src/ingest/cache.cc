#include "paperpress/ingest/cache.h"

#include "paperpress/parse/atom.h"
#include "paperpress/parse/kaggle.h"
#include "paperpress/parse/oai.h"
#include "paperpress/util/fs.h"

namespace paperpress {

namespace {

constexpr size_t kImportBatch = 20000;

Result<ApplyStats> apply_kaggle(const RawEntry& entry, StoreWriter& store,
                                const WarningSink& warn) {
  ApplyStats stats;
  std::vector<Paper> batch;
  Status failure;
  auto flush = [&](CommitKind kind) -> bool {
    auto appended = store.append(batch, entry.seq, kind);
    if (!appended) {
      failure = appended.error();
      return false;
    }
    stats.store.added += appended->added;
    stats.store.updated += appended->updated;
    stats.store.unchanged += appended->unchanged;
    batch.clear();
    return true;
  };
  auto st = for_each_kaggle_line(entry.body_path, [&](size_t line, Result<Paper> paper) {
    if (!paper) {
      ++stats.skipped;
      warn(entry.body_path.string() + ":" + std::to_string(line) + ": " + paper.error().message);
      return true;
    }
    ++stats.papers;
    batch.push_back(std::move(*paper));
    return batch.size() < kImportBatch || flush(CommitKind::kPartial);
  });
  if (!failure) return failure.error();
  if (!st) return st.error();
  if (!flush(CommitKind::kComplete)) return failure.error();
  return stats;
}

}  // namespace

Result<ParsedEntry> parse_raw_entry(const RawEntry& entry) {
  ParsedEntry parsed;
  if (entry.status != 200) return parsed;
  auto body = read_file(entry.body_path);
  if (!body) return body.error();
  if (entry.kind == RawKind::kAtom) {
    auto feed = parse_atom(*body);
    if (!feed) return feed.error().at(entry.describe());
    parsed.papers = std::move(feed->papers);
    parsed.warnings = std::move(feed->warnings);
  } else {
    auto page = parse_oai(*body);
    if (!page) return page.error().at(entry.describe());
    parsed.papers = std::move(page->papers);
    parsed.warnings = std::move(page->warnings);
  }
  return parsed;
}

Result<ApplyStats> commit_parsed_entry(const RawEntry& entry, const ParsedEntry& parsed,
                                       StoreWriter& store, const WarningSink& warn) {
  ApplyStats stats;
  for (const auto& w : parsed.warnings) warn(entry.describe() + ": " + w);
  stats.skipped = parsed.warnings.size();
  stats.papers = parsed.papers.size();
  auto appended = store.append(parsed.papers, entry.seq, CommitKind::kComplete);
  if (!appended) return appended.error();
  stats.store = *appended;
  return stats;
}

Result<ApplyStats> apply_raw_entry(const RawEntry& entry, StoreWriter& store,
                                   const WarningSink& warn) {
  if (entry.kind == RawKind::kKaggle) return apply_kaggle(entry, store, warn);
  auto parsed = parse_raw_entry(entry);
  if (!parsed) return parsed.error();
  return commit_parsed_entry(entry, *parsed, store, warn);
}

Result<Cache> Cache::open(const std::filesystem::path& dir, const WarningSink& warn) {
  if (auto st = ensure_dir(dir); !st) return st.error();
  auto lock = FileLock::acquire(dir / "lock", "the cache " + dir.string());
  if (!lock) return lock.error();
  auto raw = RawCache::open(dir);
  if (!raw) return raw.error();
  auto store = StoreWriter::open(store_file(dir));
  if (!store) return store.error();
  auto state = FetchState::load(dir / "state.json");
  if (!state) return state.error();
  Cache cache(dir, std::move(*lock), std::move(*raw), std::move(*store));
  cache.state_ = std::move(*state);

  // Apply what an interrupted run saved but did not commit.
  auto entries = cache.raw_.list();
  if (!entries) return entries.error();
  for (const RawEntry& e : *entries) {
    if (e.seq <= cache.store_.applied_seq()) continue;
    auto applied = apply_raw_entry(e, cache.store_, warn);
    if (!applied) {
      // A bad response stays in the raw cache; mark it applied so it is not retried forever.
      warn(applied.error().message);
      auto marked = cache.store_.append({}, e.seq, CommitKind::kComplete);
      if (!marked) return marked.error();
    }
    ++cache.recovered_;
  }
  return cache;
}

Status Cache::save_state() {
  return state_.save(dir_ / "state.json");
}

}  // namespace paperpress
