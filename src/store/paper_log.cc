#include "paperpress/store/paper_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "paperpress/store/record_codec.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/mapped_file.h"
#include "paperpress/util/memory.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

namespace {

constexpr size_t kHeader = 8;  // u32 payload length, u32 checksum

uint32_t load_u32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// A fast 64-bit mix over 8-byte words. Folded to 32 bits it is a record's checksum (it detects
// torn and stale bytes); whole, the digest readers use to tell whether a record changed.
uint64_t record_digest(std::string_view data) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ data.size();
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, data.data() + i, data.size() - i);
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  return h;
}

uint32_t fold(uint64_t digest) {
  return static_cast<uint32_t>(digest ^ (digest >> 32));
}
uint32_t checksum(std::string_view data) {
  return fold(record_digest(data));
}

// Overwrites bytes [from, to) with zeros: a record length of 0 ends the readable log. The file
// never shrinks, so a reader that has it mapped never loses bytes under it (a cut would make
// its next touch of them fault); the next append writes over the zeros.
bool clear_tail(int fd, off_t from, off_t to) {
  static const char kZeros[64 * 1024] = {};
  while (from < to) {
    size_t n = static_cast<size_t>(std::min<off_t>(to - from, sizeof kZeros));
    ssize_t w = ::pwrite(fd, kZeros, n, from);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    from += w;
  }
  return true;
}

// Where a record is: its payload, checksum and, for a paper, its index among the log's paper
// records (for a commit: how many paper records precede it).
struct Frame {
  size_t pos;  // of the payload
  uint32_t len;
  uint32_t sum;
  RecordType type;
  size_t paper;
};

struct Framing {
  std::vector<Frame> frames;
  size_t papers = 0;
};

// Records starting in one range of the log, followed from the first of them.
struct Run {
  size_t start = std::string_view::npos;  // npos: no record found to start from
  std::vector<Frame> frames;              // `paper` counted within the run
  size_t papers = 0;
  size_t end = 0;        // where the record after the run starts
  bool stopped = false;  // at a torn tail or a record of unknown type: the log ends at `end`
};

// Follows the lengths from `pos` while records start before `until` (the 8-byte header and the
// type byte beside it are all that is read of a record).
void follow(std::string_view bytes, size_t pos, size_t until, Run& run) {
  run.start = pos;
  while (pos < until) {
    if (bytes.size() - pos < kHeader + 1) {
      run.stopped = true;
      break;
    }
    uint32_t len = load_u32(bytes.data() + pos);
    auto type = static_cast<RecordType>(bytes[pos + kHeader]);
    if (len == 0 || bytes.size() - pos - kHeader < len ||  // torn tail
        (type != RecordType::kPaper && type != RecordType::kCommit)) {
      run.stopped = true;
      break;
    }
    run.frames.push_back(
        Frame{pos + kHeader, len, load_u32(bytes.data() + pos + 4), type, run.papers});
    if (type == RecordType::kPaper) ++run.papers;
    pos += kHeader + len;
  }
  run.end = pos;
}

// The first position in [from, until) where a record plausibly starts: a length that fits, a
// known type and a checksum that holds. Only a guess: the merge below keeps it only where the
// records before it lead exactly there.
size_t find_record_start(std::string_view bytes, size_t from, size_t until) {
  for (size_t p = from; p < until && bytes.size() - p > kHeader; ++p) {
    uint32_t len = load_u32(bytes.data() + p);
    if (len == 0 || bytes.size() - p - kHeader < len) continue;
    auto type = static_cast<RecordType>(bytes[p + kHeader]);
    if (type != RecordType::kPaper && type != RecordType::kCommit) continue;
    if (checksum(bytes.substr(p + kHeader, len)) == load_u32(bytes.data() + p + 4)) return p;
  }
  return std::string_view::npos;
}

// Where every record is, up to a torn tail or a record of unknown type. Lengths chain the
// records, so on `threads` threads each takes a range of the bytes, finds the first record
// start in it (find_record_start) and follows from there; a range is kept only when the one
// before it ends exactly where it starts, else the log is followed on from there in order. The
// result is the same as following the whole log from its header. The records are framed from
// byte `from` on, a record start in [kLogMagic.size(), bytes.size()].
Result<Framing> frame_log(std::string_view bytes, size_t from, unsigned threads) {
  if (bytes.size() < kLogMagic.size() || bytes.substr(0, kLogMagic.size()) != kLogMagic)
    return Error{"not a paperpress store (bad header)"};
  constexpr size_t kBytesPerThread = 1 << 20;
  const size_t body = bytes.size() - from;
  threads =
      static_cast<unsigned>(std::clamp<size_t>(body / kBytesPerThread, 1, std::max(1u, threads)));
  auto cut = [&](unsigned t) { return from + body * t / threads; };
  std::vector<Run> runs(threads);
  run_on_threads(threads, [&](unsigned t) {
    size_t start = t == 0 ? cut(0) : find_record_start(bytes, cut(t), cut(t + 1));
    if (start != std::string_view::npos) follow(bytes, start, cut(t + 1), runs[t]);
  });
  Framing f;
  size_t pos = from;
  for (unsigned t = 0; t < threads; ++t) {
    Run& run = runs[t];
    if (run.start != pos) {  // a wrong guess: follow the rest in order
      run = Run{};
      follow(bytes, pos, bytes.size(), run);
    }
    for (Frame& frame : run.frames) frame.paper += f.papers;
    if (f.frames.empty())
      f.frames = std::move(run.frames);
    else
      f.frames.insert(f.frames.end(), run.frames.begin(), run.frames.end());
    f.papers += run.papers;
    pos = run.end;
    if (run.stopped || run.end == bytes.size()) break;
  }
  return f;
}

struct Checked {
  size_t valid;     // records before the first whose checksum fails: the log ends there
  size_t rejected;  // the first paper record on_paper rejected (frames.size(): none)
};

// Verifies the checksums on `threads` threads, each a contiguous range, and hands each paper
// record that passes to on_paper(paper index, payload after the type byte, digest) on the same
// thread, while its bytes are still in cache. on_paper returns false for a record it cannot use.
template <typename OnPaper>
Checked check_records(std::string_view bytes, const std::vector<Frame>& frames, unsigned threads,
                      const OnPaper& on_paper) {
  threads = std::max(1u, threads);
  std::vector<Checked> found(threads, Checked{frames.size(), frames.size()});
  run_on_threads(threads, [&](unsigned t) {
    auto [begin, end] = range_of(frames.size(), t, threads);
    for (size_t i = begin; i < end; ++i) {
      const Frame& f = frames[i];
      std::string_view payload = bytes.substr(f.pos, f.len);
      uint64_t digest = record_digest(payload);
      if (fold(digest) != f.sum) {
        found[t].valid = i;
        return;
      }
      if (f.type == RecordType::kPaper && !on_paper(f.paper, payload.substr(1), digest) &&
          found[t].rejected == frames.size())
        found[t].rejected = i;
    }
  });
  Checked all{frames.size(), frames.size()};
  for (const Checked& c : found) {
    all.valid = std::min(all.valid, c.valid);
    all.rejected = std::min(all.rejected, c.rejected);
  }
  return all;
}

// In order: paper records count once a commit follows them. Sets everything but total_bytes;
// the frames start at byte `from`.
void scan_commits(std::string_view bytes, const std::vector<Frame>& frames, size_t valid,
                  size_t from, LogScan& scan) {
  scan.committed_bytes = from;
  for (size_t i = 0; i < valid; ++i) {
    const Frame& f = frames[i];
    if (f.type != RecordType::kCommit) continue;
    if (f.len != 10) break;  // not a commit this program wrote: the valid log ends here
    uint64_t seq;
    std::memcpy(&seq, bytes.data() + f.pos + 1, 8);
    if (static_cast<CommitKind>(bytes[f.pos + 9]) == CommitKind::kComplete &&
        seq > scan.applied_seq)
      scan.applied_seq = seq;
    scan.paper_records = f.paper;
    scan.last_commit = f.pos - kHeader;
    scan.committed_bytes = f.pos + f.len;
  }
}

}  // namespace

Result<LogScan> read_log(std::string_view bytes, std::vector<PaperRecord>& papers,
                         unsigned threads) {
  auto framing = frame_log(bytes, kLogMagic.size(), threads);
  if (!framing) return framing.error();
  papers.assign(framing->papers, PaperRecord{});
  Checked checked = check_records(bytes, framing->frames, threads,
                                  [&](size_t paper, std::string_view payload, uint64_t digest) {
                                    papers[paper] = PaperRecord{payload, digest};
                                    return true;
                                  });
  LogScan scan;
  scan.total_bytes = bytes.size();
  scan_commits(bytes, framing->frames, checked.valid, kLogMagic.size(), scan);
  papers.resize(scan.paper_records);
  return scan;
}

Result<LogScan> read_papers(std::string_view bytes, std::vector<PaperRef>& papers,
                            unsigned threads) {
  return read_papers_from(bytes, kLogMagic.size(), papers, threads);
}

Result<LogScan> read_papers_from(std::string_view bytes, size_t from, std::vector<PaperRef>& papers,
                                 unsigned threads) {
  from = std::clamp(from, kLogMagic.size(), std::max(kLogMagic.size(), bytes.size()));
  auto framing = frame_log(bytes, from, threads);
  if (!framing) return framing.error();
  // Hundreds of megabytes at whole-arXiv scale: its pages are first touched on every core.
  papers.clear();
  papers.reserve(framing->papers);
  prefault(papers.data(), papers.capacity() * sizeof(PaperRef), threads);
  papers.resize(framing->papers);
  Checked checked = check_records(bytes, framing->frames, threads,
                                  [&](size_t paper, std::string_view payload, uint64_t digest) {
                                    auto ref = decode_paper(payload, digest);
                                    if (!ref) return false;
                                    papers[paper] = *ref;
                                    return true;
                                  });
  LogScan scan;
  scan.total_bytes = bytes.size();
  scan_commits(bytes, framing->frames, checked.valid, from, scan);
  papers.resize(scan.paper_records);
  if (checked.rejected < checked.valid &&
      framing->frames[checked.rejected].paper < scan.paper_records)
    return Error{"the paper record at byte " +
                 std::to_string(framing->frames[checked.rejected].pos - kHeader) +
                 " does not decode"};
  return scan;
}

uint64_t commit_digest(std::string_view bytes, size_t start, size_t end) {
  if (start < kLogMagic.size() || end > bytes.size() || end < start + kHeader + 1) return 0;
  const uint32_t len = load_u32(bytes.data() + start);
  if (len != end - start - kHeader ||
      static_cast<RecordType>(bytes[start + kHeader]) != RecordType::kCommit)
    return 0;
  const uint64_t digest = record_digest(bytes.substr(start + kHeader, len));
  return fold(digest) == load_u32(bytes.data() + start + 4) ? digest : 0;
}

Result<LogScan> scan_log(std::string_view bytes, const PaperVisitor& on_paper) {
  std::vector<PaperRecord> papers;
  auto scan = read_log(bytes, papers);
  if (!scan) return scan;
  for (const PaperRecord& r : papers) on_paper(r.payload, r.digest);
  return scan;
}

void LogBatch::add_paper(const std::function<void(std::string&)>& encode) {
  size_t start = bytes_.size();
  bytes_.append(kHeader, '\0');
  bytes_.push_back(static_cast<char>(RecordType::kPaper));
  encode(bytes_);
  seal(start);
}

void LogBatch::add_commit(uint64_t raw_seq, CommitKind kind) {
  size_t start = bytes_.size();
  bytes_.append(kHeader, '\0');
  bytes_.push_back(static_cast<char>(RecordType::kCommit));
  char b[8];
  std::memcpy(b, &raw_seq, 8);
  bytes_.append(b, 8);
  bytes_.push_back(static_cast<char>(kind));
  seal(start);
}

void LogBatch::seal(size_t start) {
  std::string_view payload(bytes_.data() + start + kHeader, bytes_.size() - start - kHeader);
  uint32_t len = static_cast<uint32_t>(payload.size());
  uint32_t sum = checksum(payload);
  std::memcpy(bytes_.data() + start, &len, 4);
  std::memcpy(bytes_.data() + start + 4, &sum, 4);
}

Result<LogFile> LogFile::open(const std::filesystem::path& path, const PaperVisitor& on_paper,
                              LogScan* scan_out, Durability durability) {
  if (auto st = ensure_dir(path.parent_path()); !st) return st.error();
  bool fresh = !std::filesystem::exists(path);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return errno_error("cannot open store", path);
  LogFile file(path, fd, durability);
  if (fresh || std::filesystem::file_size(path) == 0) {
    if (::write(fd, kLogMagic.data(), kLogMagic.size()) != static_cast<ssize_t>(kLogMagic.size()) ||
        ::fsync(fd) != 0)
      return errno_error("cannot initialise store", path);
    if (auto st = sync_dir(path.parent_path()); !st) return st.error();
  }
  auto mapping = MappedFile::open(path);
  if (!mapping) return mapping.error();
  std::string_view bytes = mapping->bytes();
  auto scan = scan_log(bytes, on_paper);
  if (!scan) return scan.error().at(path.string());
  std::string_view tail = bytes.substr(scan->committed_bytes);
  if (tail.find_first_not_of('\0') != std::string_view::npos) {
    // An append cut short: clear the uncommitted tail before writing after it.
    if (!clear_tail(fd, static_cast<off_t>(scan->committed_bytes),
                    static_cast<off_t>(scan->total_bytes)) ||
        ::fsync(fd) != 0)
      return errno_error("cannot repair store", path);
  }
  if (::lseek(fd, static_cast<off_t>(scan->committed_bytes), SEEK_SET) < 0)
    return errno_error("cannot seek store", path);
  if (scan_out) *scan_out = *scan;
  return file;
}

LogFile::LogFile(LogFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), durability_(other.durability_) {
  other.fd_ = -1;
}

LogFile& LogFile::operator=(LogFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = other.fd_;
    durability_ = other.durability_;
    other.fd_ = -1;
  }
  return *this;
}

LogFile::~LogFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status LogFile::append(const LogBatch& batch) {
  off_t start = ::lseek(fd_, 0, SEEK_CUR);
  auto fail = [&](const std::string& what) {
    Error e = errno_error(what, path_);
    // Leave no partial batch for the next append to write after.
    off_t end = ::lseek(fd_, 0, SEEK_CUR);
    if (start >= 0 && end >= start && clear_tail(fd_, start, end)) ::lseek(fd_, start, SEEK_SET);
    return e;
  };
  const char* p = batch.bytes().data();
  size_t left = batch.bytes().size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write store");
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (durability_ == Durability::kFsync && ::fdatasync(fd_) != 0) return fail("cannot sync store");
  return Status::success();
}

Status LogFile::sync() {
  if (::fdatasync(fd_) != 0) return errno_error("cannot sync store", path_);
  return Status::success();
}

}  // namespace paperpress
