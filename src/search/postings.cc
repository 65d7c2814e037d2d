#include "paperpress/search/postings.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "paperpress/search/fold.h"
#include "paperpress/search/lookup_keys.h"
#include "paperpress/search/search_format.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

void PostingList::take(PostingList& other) {
  std::memcpy(inline_, other.inline_, kInline);  // the pointer, or the bytes kept inline
  bytes_ = other.bytes_;
  capacity_ = other.capacity_;
  count_ = other.count_;
  last_ = other.last_;
  other.heap_ = nullptr;
  other.bytes_ = other.count_ = other.last_ = 0;
  other.capacity_ = kInline;
}

PostingList::PostingList(PostingList&& other) noexcept {
  take(other);
}

PostingList& PostingList::operator=(PostingList&& other) noexcept {
  if (this != &other) {
    clear();
    take(other);
  }
  return *this;
}

PostingList::~PostingList() {
  if (on_heap()) std::free(heap_);
}

void PostingList::clear() {
  if (on_heap()) std::free(heap_);
  heap_ = nullptr;
  bytes_ = count_ = last_ = 0;
  capacity_ = kInline;
}

void PostingList::grow(uint32_t at_least, Growth growth) {
  uint64_t capacity =
      growth == Growth::kExact ? 0 : std::max<uint64_t>(16, capacity_ + capacity_ / 2);
  capacity =
      std::max<uint64_t>(capacity, std::max<uint64_t>(kInline + 1, uint64_t{bytes_} + at_least));
  if (capacity > UINT32_MAX) throw std::bad_alloc();
  uint8_t* data;
  if (on_heap()) {
    data = static_cast<uint8_t*>(std::realloc(heap_, capacity));
    if (!data) throw std::bad_alloc();
  } else {
    data = static_cast<uint8_t*>(std::malloc(capacity));
    if (!data) throw std::bad_alloc();
    std::memcpy(data, inline_, bytes_);
  }
  heap_ = data;
  capacity_ = static_cast<uint32_t>(capacity);
}

void PostingList::append(PostingList&& later) {
  if (later.count_ == 0) return;
  if (count_ == 0) {
    *this = std::move(later);
    return;
  }
  // later's first gap counts from 0: it becomes the distance from this list's last document.
  const uint8_t* p = later.data();
  uint32_t first = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = *p++;
    first |= static_cast<uint32_t>(b & 0x7F) << shift;
    if (b < 0x80) break;
  }
  const uint8_t impact = *p++;
  const uint32_t rest = later.bytes_ - static_cast<uint32_t>(p - later.data());
  if (capacity_ - bytes_ < rest + 6) grow(rest + 6, Growth::kExact);
  add(first, impact);
  std::memcpy(data() + bytes_, p, rest);
  bytes_ += rest;
  count_ += later.count_ - 1;
  last_ = later.last_;
  later.clear();
}

void PostingList::decode(std::vector<Posting>& out) const {
  const size_t from = out.size();
  out.resize(from + count_);
  Posting* o = out.data() + from;
  const uint8_t* p = data();
  uint32_t doc = 0;
  for (uint32_t i = 0; i < count_; ++i) {
    uint32_t gap = *p++;
    if (gap >= 0x80) {
      gap &= 0x7F;
      for (int shift = 7;; shift += 7) {
        const uint8_t b = *p++;
        gap |= static_cast<uint32_t>(b & 0x7F) << shift;
        if (b < 0x80) break;
      }
    }
    doc += gap;
    o[i] = doc << 8 | *p++;
  }
}

size_t TermPostings::find(std::string_view t) const {
  for (size_t i = 0; i < size(); ++i)
    if (term(i) == t) return i;
  return SIZE_MAX;
}

namespace {

// A term's first 16 bytes, zero past its end, as two words: with its length, all a short
// term is, and what the term table compares first.
struct Head {
  uint64_t lo, hi;
  bool operator==(const Head& o) const { return ((lo ^ o.lo) | (hi ^ o.hi)) == 0; }
};

// 16 bytes of ones, then 16 of zeros: the mask of an n-byte head starts at 16 - n.
alignas(32) constexpr unsigned char kHeadMask[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

// The head of the n-byte term at p, from which 16 bytes can be read (a kTermBuffer).
inline Head padded_head(const char* p, size_t n) {
  const size_t m = 16 - std::min<size_t>(n, 16);
  uint64_t lo, hi, mask_lo, mask_hi;
  std::memcpy(&lo, p, 8);
  std::memcpy(&hi, p + 8, 8);
  std::memcpy(&mask_lo, kHeadMask + m, 8);
  std::memcpy(&mask_hi, kHeadMask + m + 8, 8);
  return {lo & mask_lo, hi & mask_hi};
}

// The head of a term anywhere in memory.
inline Head head_of(std::string_view term) {
  char padded[16] = {};
  std::memcpy(padded, term.data(), std::min<size_t>(term.size(), 16));
  return padded_head(padded, term.size());
}

// The term table's hash: its head, its length and, past 16 bytes, the rest 8 bytes at a time.
inline uint64_t term_hash(Head head, const char* p, size_t n) {
  uint64_t h = head.lo * 0x9E3779B97F4A7C15ull ^ (head.hi + n);
  for (size_t i = 16; i < n; i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, p + i, std::min<size_t>(8, n - i));
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
  }
  h = (h ^ (h >> 32)) * 0x94D049BB133111EBull;
  return h ^ (h >> 29);
}

// One thread's terms, numbered in the order first seen, and their postings: open addressing
// over slots of (part of the hash, the length up to 255, id + 1); by id, each term's head and
// where it is in the document being read (DocTerms), in one place, and its postings; the
// terms' bytes one after another in one string.
class Dictionary {
 public:
  // All a term needs while documents are read, in one cache line: its head (which its lookup
  // reads), its count in each field of the last document it was seen in (DocTerms), and its
  // postings.
  struct alignas(64) Term {
    Head head;
    uint32_t doc = UINT32_MAX;
    uint32_t fields = 0;  // a bit per field it is in there
    uint32_t tf[4] = {0, 0, 0, 0};
    PostingList postings;
  };

  Dictionary() : slots_(1024, 0), mask_(1023) {}

  // The id of the n-byte term at p (a kTermBuffer: 16 bytes can be read), added when new.
  uint32_t id_of_padded(const char* p, size_t n) { return id_of(padded_head(p, n), p, n); }
  uint32_t id_of(std::string_view term) { return id_of(head_of(term), term.data(), term.size()); }
  uint32_t id_of(Head head, const char* p, size_t n) {
    return id_of(head, term_hash(head, p, n), p, n);
  }
  // Where a term of hash h would be looked for first (to prefetch it).
  const uint64_t* slot_of(uint64_t h) const { return &slots_[h & mask_]; }
  // Prefetches the term that slot names, if any.
  void prefetch_term(uint64_t h) const {
    const uint64_t slot = slots_[h & mask_];
    if (slot != 0) __builtin_prefetch(&terms_[static_cast<uint32_t>(slot) - 1]);
  }
  // The same for a term whose head and hash (term_hash) are known.
  uint32_t id_of(Head head, uint64_t h, const char* p, size_t n) {
    const uint32_t t = tag(h, n);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return insert(i, t, head, p, n);
      if (static_cast<uint32_t>(slot >> 32) != t) continue;
      const uint32_t id = static_cast<uint32_t>(slot) - 1;
      // The head and the length are the whole of a term of up to 16 bytes.
      if (terms_[id].head == head && (n <= 16 || same_tail(id, p, n))) return id;
    }
  }

  Term& term(uint32_t id) { return terms_[id]; }
  PostingList& postings(uint32_t id) { return terms_[id].postings; }
  size_t size() const { return ends_.size(); }
  std::string_view term_of(uint32_t id) const {
    const uint32_t begin = id == 0 ? 0 : ends_[id - 1];
    return std::string_view(bytes_).substr(begin, ends_[id] - begin);
  }
  void move_into(TermPostings& out) {
    out.bytes = std::move(bytes_);
    out.ends = std::move(ends_);
    out.postings.clear();
    out.postings.reserve(terms_.size());
    for (Term& t : terms_) out.postings.push_back(std::move(t.postings));
  }

 private:
  static uint32_t tag(uint64_t h, size_t n) {
    return static_cast<uint32_t>(h >> 40) << 8 | static_cast<uint32_t>(std::min<size_t>(n, 255));
  }
  [[gnu::noinline]] bool same_tail(uint32_t id, const char* p, size_t n) const {
    const std::string_view known = term_of(id);
    return known.size() == n && std::memcmp(known.data() + 16, p + 16, n - 16) == 0;
  }
  [[gnu::noinline]] uint32_t insert(size_t slot, uint32_t t, Head head, const char* p, size_t n) {
    const auto id = static_cast<uint32_t>(ends_.size());
    bytes_.append(p, n);
    ends_.push_back(static_cast<uint32_t>(bytes_.size()));
    terms_.emplace_back().head = head;
    slots_[slot] = static_cast<uint64_t>(t) << 32 | (id + 1);
    if (2 * ends_.size() > slots_.size()) grow();
    return id;
  }

  void grow() {
    std::vector<uint64_t> slots(slots_.size() * 2, 0);
    mask_ = slots.size() - 1;
    for (uint64_t slot : slots_) {
      if (slot == 0) continue;
      const uint32_t id = static_cast<uint32_t>(slot) - 1;
      const std::string_view t = term_of(id);
      size_t i = term_hash(terms_[id].head, t.data(), t.size()) & mask_;
      while (slots[i] != 0) i = (i + 1) & mask_;
      slots[i] = slot;
    }
    slots_.swap(slots);
  }

  std::vector<uint64_t> slots_;
  size_t mask_;
  std::vector<Term> terms_;
  std::string bytes_;
  std::vector<uint32_t> ends_;
};

double field_weight(int field, uint32_t tf, uint32_t len) {
  static constexpr double kWeight[4] = {kTitleWeight, kAuthorWeight, kAbstractWeight,
                                        kCategoryWeight};
  static constexpr double kAvg[4] = {kAvgTitleTerms, kAvgAuthorTerms, kAvgAbstractTerms, 2};
  const double norm = kBm25K1 * (1 - kBm25B + kBm25B * len / kAvg[field]);
  return kWeight[field] * tf * (kBm25K1 + 1) / (tf + norm);
}

uint8_t quantized(double w) {
  return static_cast<uint8_t>(std::clamp(std::lround(w * kImpactScale), 1L, 255L));
}

// The distinct terms of one document, as dictionary ids; their counts in each field are kept
// in the dictionary's Term while it names this document, so nothing is cleared between
// documents but the count of ids.
class DocTerms {
 public:
  explicit DocTerms(Dictionary& dict) : dict_(dict), ids_(256), capacity_(256) {}
  void start(uint32_t doc) {
    doc_ = doc;
    count_ = 0;
    for (uint32_t& l : len_) l = 0;
  }
  // Counts the n-byte term at p (a kTermBuffer) in `field`.
  [[gnu::always_inline]] void add(const char* p, size_t n, uint8_t field) {
    count(dict_.id_of_padded(p, n), field);
  }
  [[gnu::always_inline]] void count(uint32_t id, uint8_t field) {
    Dictionary::Term& term = dict_.term(id);
    if (term.doc != doc_) {
      if (count_ == capacity_) [[unlikely]]
        ids_.resize(capacity_ *= 2);
      ids_[count_++] = id;
      term.doc = doc_;
      term.fields = 0;
      term.tf[0] = term.tf[1] = term.tf[2] = term.tf[3] = 0;
    }
    ++term.tf[field];
    term.fields |= 1u << field;
    ++len_[field];
  }
  // Counts the terms of `text` in `field`. Those of an ASCII text (whose bytes stay in the
  // splitter's buffer) are looked up kBatch at a time: every head and hash first, the table's
  // slots prefetched, then the lookups, so that one term's chain of loads overlaps the next's.
  void scan(std::string_view text, uint8_t field) {
    size_t k = 0;
    splitter_.each(text, [&](const char* p, size_t n, bool stable) {
      if (!stable) return add(p, n, field);
      batch_[k++] = {p, n, {}, 0};
      if (k == kBatch) {
        flush(k, field);
        k = 0;
      }
    });
    flush(k, field);
  }
  // The same, giving each term to `also` (a key's hash) too.
  template <typename Key>
  void scan(std::string_view text, uint8_t field, Key& also) {
    // Names and titles are short: term by term (next_term), without the splitter's set-up.
    size_t pos = 0;
    while (const size_t n = next_term(text, pos, buf_)) {
      add(buf_, n, field);
      also.add(std::string_view(buf_, n));
    }
  }
  void flush(size_t k, uint8_t field) {
    for (size_t i = 0; i < k; ++i) {
      Pending& t = batch_[i];
      t.head = padded_head(t.p, t.n);
      t.hash = term_hash(t.head, t.p, t.n);
      __builtin_prefetch(dict_.slot_of(t.hash));
    }
    // Then the term its first slot names (a large vocabulary does not fit in the caches).
    for (size_t i = 0; i < k; ++i) dict_.prefetch_term(batch_[i].hash);
    for (size_t i = 0; i < k; ++i) {
      const Pending& t = batch_[i];
      count(dict_.id_of(t.head, t.hash, t.p, t.n), field);
    }
  }
  // A category, lowercased ASCII: a term of its own.
  void add_category(std::string_view c) {
    if (c.size() > kMaxTermChars) return;
    for (size_t i = 0; i < c.size(); ++i)
      buf_[i] = c[i] >= 'A' && c[i] <= 'Z' ? static_cast<char>(c[i] + 32) : c[i];
    add(buf_, c.size(), 3);
  }
  // Appends document `doc`'s posting to the list of each of its terms. Most terms are in one
  // field a few times: their impacts are computed once per document (the same arithmetic as
  // term_impact, so the same bytes).
  void post() {
    const uint32_t doc = doc_;
    uint8_t once[4][kMemoTf] = {};
    for (uint32_t i = 0; i < count_; ++i) {
      const uint32_t id = ids_[i];
      const Dictionary::Term& e = dict_.term(id);
      uint8_t impact;
      const int field = std::countr_zero(e.fields);
      if ((e.fields & (e.fields - 1)) == 0 && e.tf[field] < kMemoTf) {  // one field
        uint8_t& memo = once[field][e.tf[field]];
        if (memo == 0) memo = quantized(field_weight(field, e.tf[field], len_[field]));
        impact = memo;
      } else {
        impact = term_impact(e.tf, len_);
      }
      dict_.postings(id).add(doc, impact);
    }
  }

 private:
  static constexpr uint32_t kMemoTf = 8;
  static constexpr size_t kBatch = 256;
  struct Pending {
    const char* p;
    size_t n;
    Head head;
    uint64_t hash;
  };
  Pending batch_[kBatch];
  Dictionary& dict_;
  std::vector<uint32_t> ids_;
  uint32_t doc_ = 0, count_ = 0, capacity_;
  uint32_t len_[4] = {0, 0, 0, 0};
  TermSplitter splitter_;
  char buf_[kTermBuffer];  // a term of a title, a name or a category
};

void index_range(const std::function<SearchFields(size_t)>& doc,
                 const std::function<void(size_t)>& locate, size_t begin, size_t end,
                 Dictionary& dict, KeyBuckets* keys) {
  DocTerms terms(dict);
  // Documents are numbered by date, not in the store's order: each one's record is somewhere
  // else in the mapped store, so the fields of the documents kAhead places ahead are asked for
  // early (prefetched) instead of stalling on their first bytes.
  constexpr size_t kAhead = 4;
  SearchFields ahead[kAhead];
  auto prefetch = [&](size_t d) {
    SearchFields& f = ahead[d % kAhead];
    f = doc(d);
    for (std::string_view field : {f.id, f.title, f.authors, f.abstract}) {
      for (size_t at = 0; at < field.size() && at < 256; at += 64)
        __builtin_prefetch(field.data() + at);
    }
  };
  for (size_t d = begin; d < end && d < begin + 2 * kAhead; ++d)
    if (locate) locate(d);
  for (size_t d = begin; d < end && d < begin + kAhead; ++d) prefetch(d);
  for (size_t d = begin; d < end; ++d) {
    const SearchFields f = ahead[d % kAhead];
    if (locate && d + 2 * kAhead < end) locate(d + 2 * kAhead);
    if (d + kAhead < end) prefetch(d + kAhead);
    terms.start(static_cast<uint32_t>(d));
    if (keys) {
      auto key = [&](uint64_t value) { (*keys)[value % kKeyBuckets].push_back(value << 24 | d); };
      key(id_key_value(f.id));
      KeyHash title(kTextKeyPrefix);
      terms.scan(f.title, 0, title);
      if (title.terms()) key(title.value());
      PaperRef::for_each_part(f.authors, '\n', [&](std::string_view name) {
        AuthorKeyHash author;
        terms.scan(name, 1, author);
        author.values(key);
      });
    } else {
      terms.scan(f.title, 0);
      terms.scan(f.authors, 1);
    }
    terms.scan(f.abstract, 2);
    PaperRef::for_each_part(f.categories, ' ', [&](std::string_view c) { terms.add_category(c); });
    terms.post();
  }
}

}  // namespace

uint8_t term_impact(const uint32_t tf[4], const uint32_t len[4]) {
  double w = 0;
  for (int f = 0; f < 4; ++f)
    if (tf[f] != 0) w += field_weight(f, tf[f], len[f]);
  return quantized(w);
}

TermPostings build_postings(size_t count, const std::function<SearchFields(size_t)>& doc,
                            unsigned threads, std::vector<KeyBuckets>* keys,
                            const std::function<void(size_t)>& locate) {
  threads = std::max(1u, std::min<unsigned>(threads, count / 1000 + 1));
  std::vector<Dictionary> dicts(threads);
  if (keys) keys->assign(threads, KeyBuckets());
  run_on_threads(threads, [&](unsigned t) {
    auto [begin, end] = range_of(count, t, threads);
    index_range(doc, locate, begin, end, dicts[t], keys ? &(*keys)[t] : nullptr);
  });
  // Later ranges hold higher document numbers: appending keeps each list in order.
  Dictionary& all = dicts[0];
  for (unsigned t = 1; t < threads; ++t) {
    Dictionary& part = dicts[t];
    for (uint32_t i = 0; i < part.size(); ++i) {
      const uint32_t id = all.id_of(part.term_of(i));
      all.postings(id).append(std::move(part.postings(i)));
    }
    part = Dictionary();
  }
  TermPostings out;
  all.move_into(out);
  return out;
}

}  // namespace paperpress
