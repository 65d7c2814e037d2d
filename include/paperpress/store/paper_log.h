// The store's file: an append-only log of checksummed records. Papers are followed by a commit
// record; anything after the last commit (a write cut short by a crash) is ignored by readers
// and cleared (overwritten with zeros) by the next writer, so a kill at any instant loses no
// committed paper and leaves no half-written one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper_ref.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/result.h"

namespace paperpress {

enum class RecordType : uint8_t { kPaper = 'P', kCommit = 'C' };

// A commit marks every earlier record durable. kComplete also says raw cache entry `raw_seq`
// has been applied in full; kPartial (a large import in batches) does not.
enum class CommitKind : uint8_t { kPartial = 0, kComplete = 1 };

struct LogScan {
  size_t committed_bytes = 0;  // end of the last commit record
  size_t last_commit = 0;      // where the last commit record starts (0: none)
  size_t total_bytes = 0;
  uint64_t applied_seq = 0;  // highest raw seq committed kComplete
  size_t paper_records = 0;
};

// A committed paper record: its payload (after the type byte) and a 64-bit digest of the
// record's bytes, computed while verifying its checksum (equal bytes, equal digest).
struct PaperRecord {
  std::string_view payload;
  uint64_t digest;
};

// Fills `papers` with every committed paper record of a log held in memory, in order; the
// checksums are verified on `threads` threads. Errors for bytes that are not a paperpress log.
Result<LogScan> read_log(std::string_view bytes, std::vector<PaperRecord>& papers,
                         unsigned threads = 1);

// As read_log, decoded (views into `bytes`, digest set): each record is decoded on the thread
// that verified its checksum, right after it, while its bytes are in cache. Errors also for a
// committed paper record that does not decode, naming its byte offset.
Result<LogScan> read_papers(std::string_view bytes, std::vector<PaperRef>& papers,
                            unsigned threads = 1);
// As read_papers, for the records from byte `from` on, which must be where a record starts (the
// end of a commit an earlier scan found): what was appended since. The scan's counts and
// paper_records are of those records alone; committed_bytes is `from` when none is committed.
Result<LogScan> read_papers_from(std::string_view bytes, size_t from, std::vector<PaperRef>& papers,
                                 unsigned threads = 1);

// The digest of the commit record starting at `start` when it is whole, its checksum holds and
// it ends at `end`; 0 otherwise. What tells a reader that bytes it saw before are still there.
uint64_t commit_digest(std::string_view bytes, size_t start, size_t end);

// Called for each committed paper record with its payload and digest (see PaperRecord).
using PaperVisitor = std::function<void(std::string_view payload, uint64_t digest)>;

// Walks the records of a log held in memory, calling on_paper for each paper record that a
// commit covers, in order. Errors for a file that is not a paperpress log.
Result<LogScan> scan_log(std::string_view bytes, const PaperVisitor& on_paper);

// Frames records for appending.
class LogBatch {
 public:
  // Appends a paper record; `encode` writes the payload after the type byte.
  void add_paper(const std::function<void(std::string&)>& encode);
  void add_commit(uint64_t raw_seq, CommitKind kind);
  const std::string& bytes() const { return bytes_; }
  bool empty() const { return bytes_.empty(); }

 private:
  void seal(size_t start);
  std::string bytes_;
};

class LogFile {
 public:
  // Opens (creating if needed) for appending; clears anything after the last commit.
  // `on_paper` sees every committed paper record, as scan_log.
  static Result<LogFile> open(const std::filesystem::path& path, const PaperVisitor& on_paper,
                              LogScan* scan_out = nullptr,
                              Durability durability = Durability::kFsync);
  LogFile(LogFile&& other) noexcept;
  LogFile& operator=(LogFile&& other) noexcept;
  ~LogFile();

  // Writes the batch; with Durability::kFsync (the default) it is on disk when this returns.
  Status append(const LogBatch& batch);
  // Makes every append so far durable (for logs opened with Durability::kNone).
  Status sync();

  const std::filesystem::path& path() const { return path_; }
  // After the file was renamed: the path messages name.
  void renamed_to(std::filesystem::path path) { path_ = std::move(path); }
  void set_durability(Durability durability) { durability_ = durability; }

 private:
  LogFile(std::filesystem::path path, int fd, Durability durability)
      : path_(std::move(path)), fd_(fd), durability_(durability) {}
  std::filesystem::path path_;
  int fd_ = -1;
  Durability durability_ = Durability::kFsync;
};

inline constexpr std::string_view kLogMagic = "PPLOG001";

}  // namespace paperpress
