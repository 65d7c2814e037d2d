// The inverted index of the search: for every term of the documents' titles, author names and
// abstracts (fold.h) and every category ("cs.cl"), the documents that hold it and the term's
// impact in each: the term-frequency part of BM25 over the fields, weighted (search_format.h)
// and quantized to 1–255. Built on several threads, each over a contiguous range of documents,
// each with its own term table (open addressing over the terms' bytes, no string per term);
// the tables are merged at the end.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/store/paper_ref.h"

namespace paperpress {

// One posting: document number << 8 | impact.
using Posting = uint32_t;
inline constexpr uint32_t kMaxSearchDocs = 1u << 24;

// The postings of one term in document order, held compressed until written: each as the
// distance from the previous document (a varint, the first from 0) and its impact byte, about
// 2 bytes a posting for a common term instead of 4.
class PostingList {
 public:
  PostingList() : heap_(nullptr) {}
  PostingList(PostingList&& other) noexcept;
  PostingList& operator=(PostingList&& other) noexcept;
  PostingList(const PostingList&) = delete;
  PostingList& operator=(const PostingList&) = delete;
  ~PostingList();

  // Adds document `doc`, greater than every document already in the list.
  void add(uint32_t doc, uint8_t impact) {
    if (capacity_ - bytes_ < 6) grow(6, Growth::kByHalf);
    uint32_t gap = doc - last_;
    last_ = doc;
    ++count_;
    uint8_t* const base = data();
    uint8_t* p = base + bytes_;
    while (gap >= 0x80) {
      *p++ = static_cast<uint8_t>(gap | 0x80);
      gap >>= 7;
    }
    *p++ = static_cast<uint8_t>(gap);
    *p++ = impact;
    bytes_ = static_cast<uint32_t>(p - base);
  }
  // Appends the postings of `later`, whose documents are all greater than these; empties it.
  void append(PostingList&& later);
  // Appends the postings to `out`, in document order.
  void decode(std::vector<Posting>& out) const;
  uint32_t size() const { return count_; }
  void clear();
  // Prefetches the list's first bytes.
  void prefetch() const { __builtin_prefetch(data()); }

 private:
  // Up to kInline bytes (a term's first posting: most terms are in one document) are kept in
  // the list itself, in the place of the pointer to a block: no allocation for them.
  static constexpr uint32_t kInline = 8;
  enum class Growth { kByHalf, kExact };
  void grow(uint32_t at_least, Growth growth);
  bool on_heap() const { return capacity_ > kInline; }
  uint8_t* data() { return on_heap() ? heap_ : inline_; }
  const uint8_t* data() const { return on_heap() ? heap_ : inline_; }
  void take(PostingList& other);
  union {
    uint8_t* heap_;
    uint8_t inline_[kInline];
  };
  uint32_t bytes_ = 0, capacity_ = kInline, count_ = 0, last_ = 0;
};

struct TermPostings {
  std::string bytes;                  // every term's bytes, one after another
  std::vector<uint32_t> ends;         // where term i ends in bytes
  std::vector<PostingList> postings;  // per term

  size_t size() const { return ends.size(); }
  std::string_view term(size_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(bytes).substr(begin, ends[i] - begin);
  }
  // The id of `term`, or SIZE_MAX (a linear search, for tests).
  size_t find(std::string_view term) const;
};

// The fields of one document, as the index reads them.
struct SearchFields {
  std::string_view title, authors /* '\n'-separated */, abstract, categories /* ' ' */, id;
  static SearchFields of(const PaperRef& paper) {
    return {paper.title(), paper.authors(), paper.abstract(), paper.categories(), paper.id()};
  }
};

// The documents' exact lookups (lookup_keys.h), as (key value << 24 | document) pairs in 256
// buckets by the value's low 8 bits (so that each shard of keys is in one bucket or a group of
// them, whatever the shard count), each bucket in document order.
inline constexpr uint32_t kKeyBuckets = 256;
using KeyBuckets = std::array<std::vector<uint64_t>, kKeyBuckets>;

// The impact of a term seen `tf` times in each field (title, authors, abstract, categories) of
// fields `len` terms long.
uint8_t term_impact(const uint32_t tf[4], const uint32_t len[4]);

// The postings of documents 0 … count - 1 (`doc(n)` gives document n's fields) on `threads`
// threads; with `keys`, their lookup keys too, read from the same terms (one KeyBuckets a
// thread, in the order of their documents).
// `locate(n)`, when given, is called a few documents ahead of doc(n), to prefetch what doc(n)
// will read.
TermPostings build_postings(size_t count, const std::function<SearchFields(size_t)>& doc,
                            unsigned threads, std::vector<KeyBuckets>* keys = nullptr,
                            const std::function<void(size_t)>& locate = {});

}  // namespace paperpress
