#include "paperpress/store/paper_store.h"

#include "paperpress/store/record_codec.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"

namespace paperpress {

namespace {

// supersedes() for two stored views.
bool ref_supersedes(const PaperRef& candidate, const PaperRef& current) {
  if (candidate.version != 0 && current.version != 0 && candidate.version != current.version)
    return candidate.version > current.version;
  if (candidate.updated != current.updated) return candidate.updated > current.updated;
  return true;
}

}  // namespace

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
        auto [it, inserted] = index.try_emplace(std::string(ref->id));
        Known k{ref->version, std::string(ref->updated)};
        if (inserted) {
          it->second = std::move(k);
        } else {
          PaperRef cur;
          cur.version = it->second.version;
          cur.updated = it->second.updated;
          if (ref_supersedes(*ref, cur)) it->second = std::move(k);
        }
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

Result<StoreSnapshot> StoreSnapshot::load(const std::filesystem::path& file) {
  StoreSnapshot snap;
  if (!std::filesystem::exists(file)) return snap;  // an empty store
  auto mapping = LogMapping::open(file);
  if (!mapping) return mapping.error();
  snap.data_ = std::make_unique<LogMapping>(std::move(*mapping));
  std::string_view bytes = snap.data_->bytes();
  // A record is rarely under 512 bytes; untouched capacity costs address space, not memory.
  snap.papers_.reserve(bytes.size() / 512 + 16);
  // Papers by id, to keep the newest record of each: open addressing over paper index + 1
  // (0: empty), grown to stay at most half full.
  std::vector<uint32_t> slots(1024);
  auto slot_of = [&](std::string_view id) -> uint32_t& {
    size_t mask = slots.size() - 1;
    for (size_t at = hash_bytes(id) & mask;; at = (at + 1) & mask)
      if (slots[at] == 0 || snap.papers_[slots[at] - 1].id == id) return slots[at];
  };
  auto grow = [&] {
    slots.assign(slots.size() * 2, 0);
    for (uint32_t i = 0; i < snap.papers_.size(); ++i) slot_of(snap.papers_[i].id) = i + 1;
  };
  Status decode_error;
  auto scan = scan_log(bytes, [&](std::string_view payload, uint64_t digest) {
    auto ref = decode_paper(payload);
    if (!ref) {
      if (decode_error) decode_error = Error{"a stored record does not decode"};
      return;
    }
    ref->digest = digest;
    uint32_t& slot = slot_of(ref->id);
    if (slot == 0) {
      snap.papers_.push_back(*ref);
      slot = static_cast<uint32_t>(snap.papers_.size());
      if (snap.papers_.size() * 2 > slots.size()) grow();
    } else if (ref_supersedes(*ref, snap.papers_[slot - 1])) {
      snap.papers_[slot - 1] = *ref;
    }
  });
  if (!scan) return scan.error().at(file.string());
  if (!decode_error) return decode_error.error().at(file.string());
  snap.applied_seq_ = scan->applied_seq;
  return snap;
}

}  // namespace paperpress
