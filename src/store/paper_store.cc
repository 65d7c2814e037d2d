#include "paperpress/store/paper_store.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>

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

namespace {

// A snapshot index: this header, `papers` PaperRef::Stored, then `papers` id hashes.
struct IndexHeader {
  uint64_t device, inode;  // of the store file
  uint64_t committed_bytes, last_commit, commit_digest, applied_seq;
  uint64_t papers;
};

// A saved index that fits the mapped store `log`, or nullopt.
struct SavedIndex {
  std::string_view bytes;
  IndexHeader header;
  const char* stored() const { return bytes.data() + sizeof(IndexHeader); }
  const char* hashes() const { return stored() + header.papers * sizeof(PaperRef::Stored); }
};

std::optional<SavedIndex> read_index(std::string_view bytes, const MappedFile& log) {
  if (bytes.size() < sizeof(IndexHeader)) return std::nullopt;
  SavedIndex saved{bytes, {}};
  std::memcpy(&saved.header, bytes.data(), sizeof(IndexHeader));
  const IndexHeader& h = saved.header;
  constexpr size_t kPerPaper = sizeof(PaperRef::Stored) + 8;
  if (h.papers > bytes.size() / kPerPaper ||
      bytes.size() != sizeof(IndexHeader) + h.papers * kPerPaper)
    return std::nullopt;
  // The same file, and the commit it was read to still there, whole.
  std::string_view store = log.bytes();
  if (h.device != log.device() || h.inode != log.inode() || h.committed_bytes > store.size() ||
      h.commit_digest == 0 ||
      commit_digest(store, h.last_commit, h.committed_bytes) != h.commit_digest)
    return std::nullopt;
  return saved;
}

// One paper per id, in order of first appearance, each holding its newest record: papers
// [0, unique) already are, with their ids' hashes in `hashes`; those after are merged in.
void keep_newest(std::vector<PaperRef>& refs, std::vector<uint64_t>& hashes, size_t unique) {
  // Open addressing, at most half full; a slot holds the id's hash (high half) and its paper's
  // index + 1 (low half; 0: empty), so ids are compared only when their hashes agree.
  constexpr uint64_t kTag = 0xFFFFFFFF00000000ull;
  size_t capacity = 16;
  while (capacity < refs.size() * 2) capacity *= 2;
  std::vector<uint64_t> slots(capacity, 0);
  const size_t mask = capacity - 1;
  hashes.resize(refs.size());
  for (size_t i = 0; i < unique; ++i) {  // distinct ids: the first free slot
    size_t at = hashes[i] & mask;
    while (slots[at] != 0) at = (at + 1) & mask;
    slots[at] = (hashes[i] & kTag) | (i + 1);
  }
  size_t kept = unique;
  for (size_t i = unique; i < refs.size(); ++i) {
    const uint64_t h = hash_bytes(refs[i].id());
    const uint64_t tag = h & kTag;
    auto holds_id = [&](uint64_t slot) {
      return (slot & kTag) == tag && refs[(slot & ~kTag) - 1].id() == refs[i].id();
    };
    size_t at = h & mask;
    while (slots[at] != 0 && !holds_id(slots[at])) at = (at + 1) & mask;
    if (slots[at] == 0) {
      refs[kept] = refs[i];
      hashes[kept] = h;
      slots[at] = tag | ++kept;
    } else if (PaperRef& current = refs[(slots[at] & ~kTag) - 1]; supersedes(refs[i], current)) {
      current = refs[i];
    }
  }
  refs.resize(kept);
  hashes.resize(kept);
}

}  // namespace

Result<StoreSnapshot> StoreSnapshot::load(const std::filesystem::path& file, unsigned threads) {
  return load(file, threads, {});
}

Result<StoreSnapshot> StoreSnapshot::load(const std::filesystem::path& file, unsigned threads,
                                          std::string_view index) {
  StoreSnapshot snap;
  if (!std::filesystem::exists(file)) return snap;  // an empty store
  auto mapping = MappedFile::open(file);
  if (!mapping) return mapping.error();
  snap.data_ = std::make_unique<MappedFile>(std::move(*mapping));
  const std::string_view bytes = snap.data_->bytes();
  std::optional<SavedIndex> saved;
  if (!index.empty()) saved = read_index(index, *snap.data_);
  const size_t from = saved ? saved->header.committed_bytes : kLogMagic.size();

  std::vector<PaperRef> appended;
  auto scan = read_papers_from(bytes, from, appended, std::max(1u, threads));
  if (!scan) return scan.error().at(file.string());
  snap.bytes_read_ = bytes.size() - std::min(from, bytes.size());
  size_t unique = 0;
  if (saved) {
    const IndexHeader& h = saved->header;
    unique = h.papers;
    snap.papers_.reserve(unique + appended.size());
    snap.id_hashes_.resize(unique);
    if (unique > 0) std::memcpy(snap.id_hashes_.data(), saved->hashes(), unique * 8);
    for (size_t i = 0; i < unique; ++i) {
      PaperRef::Stored s;
      std::memcpy(&s, saved->stored() + i * sizeof s, sizeof s);
      auto ref = PaperRef::from_stored(s, bytes.data(), h.committed_bytes);
      if (!ref) return load(file, threads, {});  // an index that does not fit: read it all
      snap.papers_.push_back(*ref);
    }
    snap.papers_.insert(snap.papers_.end(), appended.begin(), appended.end());
    snap.applied_seq_ = h.applied_seq;
    snap.committed_bytes_ = h.committed_bytes;
    snap.last_commit_ = h.last_commit;
    snap.from_index_ = true;
    // Saved again only once what follows it is an eighth of the store: a build after each
    // day's fetch then reads a short tail and rewrites the index every few weeks, not daily.
    snap.index_recent_ = snap.bytes_read_ <= bytes.size() / 8;
  } else {
    snap.papers_ = std::move(appended);
  }
  if (scan->last_commit != 0) {
    snap.committed_bytes_ = scan->committed_bytes;
    snap.last_commit_ = scan->last_commit;
  }
  snap.committed_bytes_ = std::max(snap.committed_bytes_, kLogMagic.size());
  snap.applied_seq_ = std::max(snap.applied_seq_, scan->applied_seq);
  keep_newest(snap.papers_, snap.id_hashes_, unique);
  return snap;
}

std::string StoreSnapshot::encode_index() const {
  if (!data_) return {};
  const std::string_view bytes = data_->bytes();
  IndexHeader h{};
  h.device = data_->device();
  h.inode = data_->inode();
  h.committed_bytes = committed_bytes_;
  h.last_commit = last_commit_;
  h.commit_digest = commit_digest(bytes, last_commit_, committed_bytes_);
  h.applied_seq = applied_seq_;
  h.papers = papers_.size();
  std::string out(sizeof h + papers_.size() * (sizeof(PaperRef::Stored) + 8), '\0');
  char* at = out.data();
  std::memcpy(at, &h, sizeof h);
  at += sizeof h;
  for (const PaperRef& p : papers_) {
    PaperRef::Stored s = p.stored(bytes.data());
    std::memcpy(at, &s, sizeof s);
    at += sizeof s;
  }
  if (!id_hashes_.empty()) std::memcpy(at, id_hashes_.data(), id_hashes_.size() * 8);
  return out;
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
