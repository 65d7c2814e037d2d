#include "paperpress/store/paper_store.h"

#include <algorithm>
#include <fstream>

#include "paperpress/store/record_codec.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

std::filesystem::path store_file(const std::filesystem::path& cache_dir) {
  return cache_dir / "store" / "papers.log";
}

Result<StoreWriter> StoreWriter::open(const std::filesystem::path& file, Durability durability) {
  std::unordered_map<std::string, Known> index;
  LogScan scan;
  auto log = LogFile::open(
      file,
      [&](std::string_view payload, uint64_t) {
        auto ref = decode_paper(payload);
        if (!ref) return;
        auto [it, inserted] = index.try_emplace(std::string(ref->id()));
        if (inserted ||
            supersedes(ref->version(), ref->updated(), it->second.version, it->second.updated))
          it->second = Known{ref->version(), std::string(ref->updated())};
      },
      &scan, durability);
  if (!log) return log.error();
  StoreWriter w(std::move(*log));
  w.index_ = std::move(index);
  w.applied_seq_ = scan.applied_seq;
  return w;
}

PaperChange StoreWriter::classify(const Paper& paper) const {
  auto it = index_.find(paper.id);
  if (it == index_.end()) return PaperChange::kNew;
  Paper current;
  current.version = it->second.version;
  current.updated = it->second.updated;
  if (paper.version == current.version && paper.updated == current.updated)
    return PaperChange::kUnchanged;
  return supersedes(paper, current) ? PaperChange::kUpdated : PaperChange::kUnchanged;
}

Result<AppendStats> StoreWriter::append(const std::vector<Paper>& papers, uint64_t raw_seq,
                                        CommitKind kind) {
  AppendStats stats;
  LogBatch batch;
  // Within one batch a later copy of an id is judged against the earlier one.
  std::unordered_map<std::string, Known> staged;
  for (const Paper& p : papers) {
    PaperChange change = classify(p);
    if (auto it = staged.find(p.id); it != staged.end()) {
      Paper prev;
      prev.version = it->second.version;
      prev.updated = it->second.updated;
      bool same = p.version == prev.version && p.updated == prev.updated;
      if (same || !supersedes(p, prev)) change = PaperChange::kUnchanged;
    }
    if (change == PaperChange::kUnchanged) {
      ++stats.unchanged;
      continue;
    }
    bool first_sight = change == PaperChange::kNew && !staged.count(p.id);
    staged[p.id] = Known{p.version, p.updated};
    if (first_sight)
      ++stats.added;
    else if (change == PaperChange::kUpdated)
      ++stats.updated;
    batch.add_paper([&](std::string& out) { encode_paper(p, out); });
  }
  batch.add_commit(raw_seq, kind);
  if (auto st = log_.append(batch); !st) return st.error();
  for (auto& [id, known] : staged) index_[id] = std::move(known);
  if (kind == CommitKind::kComplete && raw_seq > applied_seq_) applied_seq_ = raw_seq;
  return stats;
}

Result<StoreSnapshot> StoreSnapshot::load(const std::filesystem::path& file, unsigned threads) {
  StoreSnapshot snap;
  if (!std::filesystem::exists(file)) return snap;  // an empty store
  auto mapping = LogMapping::open(file);
  if (!mapping) return mapping.error();
  snap.data_ = std::make_unique<LogMapping>(std::move(*mapping));
  std::vector<PaperRef>& refs = snap.papers_;
  auto scan = read_papers(snap.data_->bytes(), refs, std::max(1u, threads));
  if (!scan) return scan.error().at(file.string());
  snap.applied_seq_ = scan->applied_seq;
  snap.committed_bytes_ = scan->committed_bytes;

  // One paper per id, in order of first appearance, holding its newest record: open
  // addressing, at most half full; a slot holds the id's hash (high half) and its paper's
  // index + 1 (low half; 0: empty), so ids are compared only when their hashes agree.
  size_t capacity = 16;
  while (capacity < refs.size() * 2) capacity *= 2;
  std::vector<uint64_t> slots(capacity, 0);
  size_t kept = 0;
  for (size_t i = 0; i < refs.size(); ++i) {
    uint64_t h = hash_bytes(refs[i].id());
    uint64_t tag = h & 0xFFFFFFFF00000000ull;
    size_t mask = slots.size() - 1, at = h & mask;
    auto holds_id = [&](uint64_t slot) {
      return (slot & 0xFFFFFFFF00000000ull) == tag &&
             refs[(slot & 0xFFFFFFFFull) - 1].id() == refs[i].id();
    };
    while (slots[at] != 0 && !holds_id(slots[at])) at = (at + 1) & mask;
    if (slots[at] == 0) {
      if (kept != i) refs[kept] = refs[i];
      slots[at] = tag | ++kept;
    } else if (PaperRef& current = refs[(slots[at] & 0xFFFFFFFFull) - 1];
               supersedes(refs[i], current)) {
      current = refs[i];
    }
  }
  refs.resize(kept);
  return snap;
}

Result<bool> no_papers_since(const std::filesystem::path& file, size_t committed_bytes) {
  constexpr size_t kMostCommits = 1 << 20;  // a megabyte of commit records is no quiet day
  std::error_code ec;
  const auto size = static_cast<size_t>(std::filesystem::file_size(file, ec));
  if (ec || size < committed_bytes || committed_bytes < kLogMagic.size()) return false;
  if (size - committed_bytes > kMostCommits) return false;
  // The tail, framed as a log of its own.
  std::string tail(kLogMagic);
  tail.resize(kLogMagic.size() + (size - committed_bytes));
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(committed_bytes));
  in.read(tail.data() + kLogMagic.size(), static_cast<std::streamsize>(size - committed_bytes));
  if (!in) return Error{"cannot read " + file.string()};
  std::vector<PaperRecord> papers;
  auto scan = read_log(tail, papers);
  if (!scan) return scan.error().at(file.string());
  return papers.empty();
}

}  // namespace paperpress
