// A read-only view of one stored paper: every field is a view into the store's loaded bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "paperpress/store/paper.h"

namespace paperpress {

// 72 bytes whatever the paper: the address of its encoded record (record_codec.h), where each
// field after the id starts in it and where the record ends, its version and the record's
// digest. Fields lie in order, each after its 4-byte length (the id is followed by the 4-byte
// version), so a field's size follows from where the next one starts: reading a field touches
// only its own bytes. A build holds one per stored paper, millions at whole-arXiv scale, so it
// is kept small.
class PaperRef {
 public:
  std::string_view id() const { return field(kId); }
  int version() const { return version_; }
  std::string_view title() const { return field(kTitle); }
  std::string_view authors() const { return field(kAuthors); }  // names joined by '\n'
  std::string_view abstract() const { return field(kAbstract); }
  std::string_view comment() const { return field(kComment); }
  std::string_view journal_ref() const { return field(kJournalRef); }
  std::string_view doi() const { return field(kDoi); }
  std::string_view categories() const { return field(kCategories); }  // ' ', primary first
  std::string_view primary_category() const { return field(kPrimaryCategory); }
  std::string_view published() const { return field(kPublished); }  // ISO 8601 UTC
  std::string_view updated() const { return field(kUpdated); }
  std::string_view abs_url() const { return field(kAbsUrl); }
  std::string_view pdf_url() const { return field(kPdfUrl); }
  // Of the stored record (see scan_log): equal bytes, equal digest.
  uint64_t digest() const { return digest_; }

  // Calls f(std::string_view name) for each author, in order.
  template <typename F>
  void for_each_author(F&& f) const {
    for_each_part(authors(), '\n', f);
  }
  template <typename F>
  void for_each_category(F&& f) const {
    for_each_part(categories(), ' ', f);
  }

  // The parts of `text` between `sep` bytes, empty ones skipped. A plain byte loop: the parts
  // are short (names, categories), so a memchr call per part would cost more than it saves.
  template <typename F>
  static void for_each_part(std::string_view text, char sep, F&& f) {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != sep) continue;
      if (i > start) f(text.substr(start, i - start));
      start = i + 1;
    }
    if (start < text.size()) f(text.substr(start));
  }

 private:
  friend std::optional<PaperRef> decode_paper(std::string_view bytes, uint64_t digest);

  // The fields in record order.
  enum Field {
    kId,  // at byte 4, followed by the version
    kTitle,
    kAuthors,
    kAbstract,
    kComment,
    kJournalRef,
    kDoi,
    kCategories,
    kPrimaryCategory,
    kPublished,
    kUpdated,
    kAbsUrl,
    kPdfUrl,
    kFieldCount
  };
  static constexpr uint32_t kIdStart = 4;
  // A record whose every field is empty: what a default PaperRef points at.
  static constexpr uint32_t kEmptyRecordSize = 4 * kFieldCount + 4;
  static constexpr char kEmptyRecord[kEmptyRecordSize] = {};

  // Where field f's bytes start and end in the record.
  uint32_t begin(int f) const { return f == kId ? kIdStart : start_[f - 1]; }
  uint32_t end(int f) const {
    if (f == kId) return start_[0] - 8;  // before the version and the title's length
    return f + 1 == kFieldCount ? end_ : start_[f] - 4;
  }
  std::string_view field(Field f) const { return {record_ + begin(f), end(f) - begin(f)}; }

 public:
  // A PaperRef as a snapshot index saves it (paper_store.h): the record's place is an offset
  // into the store's bytes instead of an address.
  struct Stored {
    uint64_t record;
    uint32_t start[kFieldCount - 1];
    uint32_t end;
    int32_t version;
    uint64_t digest;
  };
  Stored stored(const char* base) const;
  // The PaperRef of `s` over store bytes at `base`; nullopt when its record does not lie in the
  // first `size` bytes or its fields are not in order (an index that does not fit the store).
  static std::optional<PaperRef> from_stored(const Stored& s, const char* base, size_t size);

 private:
  const char* record_ = kEmptyRecord;
  // Where the fields from the title on start, as in a record of empty fields.
  uint32_t start_[kFieldCount - 1] = {12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56};
  uint32_t end_ = kEmptyRecordSize;
  int32_t version_ = 0;
  uint64_t digest_ = 0;
};

static_assert(sizeof(PaperRef) == 72);

// True when `candidate` should replace `current` for the same id (see supersedes()).
inline bool supersedes(const PaperRef& candidate, const PaperRef& current) {
  return supersedes(candidate.version(), candidate.updated(), current.version(), current.updated());
}

// An owning copy, for code that edits or outlives the store.
Paper to_paper(const PaperRef& ref);

}  // namespace paperpress
