// A read-only view of one stored paper: every field is a view into the store's loaded bytes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "paperpress/store/paper.h"

namespace paperpress {

// 72 bytes whatever the paper (with the fields of paper_fields.h; 4 more per added field): the
// address of its encoded record (record_codec.h), where each field after the id starts in it
// and where the record ends, its version and the record's digest. Fields lie in order, each
// after its 4-byte length (the id is followed by the 4-byte version), so a field's size follows
// from where the next one starts: reading a field touches only its own bytes. A build holds one
// per stored paper, millions at whole-arXiv scale, so it is kept small.
class PaperRef {
 public:
  // What reading field F gives: the version as int, every other field as text.
  template <PaperField F>
  using RefType = std::conditional_t<kPaperFields[static_cast<size_t>(F)].storage ==
                                         PaperFieldSpec::Storage::kVersion,
                                     int, std::string_view>;

  // One accessor per field, named as the field: std::string_view for text and lists (a list's
  // items joined: authors by '\n', categories by ' ', primary first), int for the version.
#define PAPERPRESS_PAPER_REF_ACCESSOR(Name, name, storage, exported, show) \
  RefType<PaperField::k##Name> name() const {                              \
    return get<PaperField::k##Name>();                                     \
  }
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_PAPER_REF_ACCESSOR)
#undef PAPERPRESS_PAPER_REF_ACCESSOR

  // Of the stored record (see scan_log): equal bytes, equal digest.
  uint64_t digest() const {
    return digest_;
  }

  // Field F: its text (a list's items joined), or the version.
  template <PaperField F>
  RefType<F> get() const {
    constexpr size_t f = static_cast<size_t>(F);
    if constexpr (kPaperFields[f].storage == PaperFieldSpec::Storage::kVersion) {
      return static_cast<int>(version_);
    } else if constexpr (f < kPaperFieldsOfFirstLayout) {
      return std::string_view(record_ + begin(f), end(f) - begin(f));
    } else {
      // Missing from a record stored before the field existed: begin is past end.
      const uint32_t b = begin(f), e = end(f);
      return std::string_view(record_ + b, e > b ? e - b : 0);
    }
  }

  // Calls f(std::string_view item) for each item of list field F, in order.
  template <PaperField F, typename Fn>
  void for_each_item(Fn&& f) const {
    constexpr PaperFieldSpec::Storage s = kPaperFields[static_cast<size_t>(F)].storage;
    static_assert(list_separator(s) != '\0', "not a list field");
    for_each_part(get<F>(), list_separator(s), f);
  }
  // Calls f(std::string_view name) for each author, in order.
  template <typename F>
  void for_each_author(F&& f) const {
    for_each_item<PaperField::kAuthors>(f);
  }
  template <typename F>
  void for_each_category(F&& f) const {
    for_each_item<PaperField::kCategories>(f);
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

  // The length-prefixed fields after the id (every field but the id and the version) have a
  // start each: field f (f >= 2 in kPaperFields) is start_[f - 2].
  static constexpr size_t kStarts = kPaperFieldCount - 2;
  static constexpr uint32_t kIdStart = 4;
  // A record whose every field is empty: what a default PaperRef points at.
  static constexpr uint32_t kEmptyRecordSize = 4 * kPaperFieldCount;
  static constexpr char kEmptyRecord[kEmptyRecordSize] = {};

  // Where field f's bytes start and end in the record.
  uint32_t begin(size_t f) const {
    return f == 0 ? kIdStart : start_[f - 2];
  }
  uint32_t end(size_t f) const {
    if (f == 0) return start_[0] - 8;  // before the version and the title's length
    return f + 1 == kPaperFieldCount ? end_ : start_[f - 1] - 4;
  }

 public:
  // A PaperRef as a snapshot index saves it (paper_store.h): the record's place is an offset
  // into the store's bytes instead of an address.
  struct Stored {
    uint64_t record;
    uint32_t start[kStarts];
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
  std::array<uint32_t, kStarts> start_ = [] {
    std::array<uint32_t, kStarts> starts{};
    for (size_t i = 0; i < kStarts; ++i) starts[i] = static_cast<uint32_t>(12 + 4 * i);
    return starts;
  }();
  uint32_t end_ = kEmptyRecordSize;
  int32_t version_ = 0;
  uint64_t digest_ = 0;
};

static_assert(kPaperFieldCount > kPaperFieldsOfFirstLayout || sizeof(PaperRef) == 72);

// True when `candidate` should replace `current` for the same id (see supersedes()).
inline bool supersedes(const PaperRef& candidate, const PaperRef& current) {
  return supersedes(candidate.version(), candidate.updated(), current.version(), current.updated());
}

// An owning copy, for code that edits or outlives the store.
Paper to_paper(const PaperRef& ref);

}  // namespace paperpress
