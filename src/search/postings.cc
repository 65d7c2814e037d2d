#include "paperpress/search/postings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "paperpress/search/fold.h"
#include "paperpress/search/search_format.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

PostingList::PostingList(PostingList&& other) noexcept
    : data_(other.data_),
      bytes_(other.bytes_),
      capacity_(other.capacity_),
      count_(other.count_),
      last_(other.last_) {
  other.data_ = nullptr;
  other.bytes_ = other.capacity_ = other.count_ = other.last_ = 0;
}

PostingList& PostingList::operator=(PostingList&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = other.data_;
    bytes_ = other.bytes_;
    capacity_ = other.capacity_;
    count_ = other.count_;
    last_ = other.last_;
    other.data_ = nullptr;
    other.bytes_ = other.capacity_ = other.count_ = other.last_ = 0;
  }
  return *this;
}

PostingList::~PostingList() { std::free(data_); }

void PostingList::clear() {
  std::free(data_);
  data_ = nullptr;
  bytes_ = capacity_ = count_ = last_ = 0;
}

void PostingList::grow(uint32_t at_least, Growth growth) {
  uint64_t capacity = growth == Growth::kExact ? 0 : std::max<uint64_t>(16, capacity_ + capacity_ / 2);
  capacity = std::max<uint64_t>(capacity, uint64_t{bytes_} + at_least);
  if (capacity > UINT32_MAX) throw std::bad_alloc();
  auto* data = static_cast<uint8_t*>(std::realloc(data_, capacity));
  if (!data) throw std::bad_alloc();
  data_ = data;
  capacity_ = static_cast<uint32_t>(capacity);
}

void PostingList::append(PostingList&& later) {
  if (later.count_ == 0) return;
  if (count_ == 0) {
    *this = std::move(later);
    return;
  }
  // later's first gap counts from 0: it becomes the distance from this list's last document.
  const uint8_t* p = later.data_;
  uint32_t first = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = *p++;
    first |= static_cast<uint32_t>(b & 0x7F) << shift;
    if (b < 0x80) break;
  }
  const uint8_t impact = *p++;
  const uint32_t rest = later.bytes_ - static_cast<uint32_t>(p - later.data_);
  if (capacity_ - bytes_ < rest + 6) grow(rest + 6, Growth::kExact);
  add(first, impact);
  std::memcpy(data_ + bytes_, p, rest);
  bytes_ += rest;
  count_ += later.count_ - 1;
  last_ = later.last_;
  later.clear();
}

void PostingList::decode(std::vector<Posting>& out) const {
  const size_t from = out.size();
  out.resize(from + count_);
  Posting* o = out.data() + from;
  const uint8_t* p = data_;
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

// The dictionary's hash of a term (not the format's search_hash): 8 bytes at a time.
inline uint64_t term_hash(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull * (n + 1);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t w = 0;
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    w = static_cast<uint64_t>(a) << 32 | b;
  } else if (n > 0) {
    w = static_cast<uint64_t>(static_cast<uint8_t>(p[0])) << 16 |
        static_cast<uint64_t>(static_cast<uint8_t>(p[n >> 1])) << 8 | static_cast<uint8_t>(p[n - 1]);
  }
  h = (h ^ w) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

// Whether the n bytes at a and b are equal: short terms without a call to memcmp.
inline bool same_bytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    uint64_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    uint32_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// The terms seen by one thread, numbered in the order first seen: open addressing over slots
// of (the hash's upper half, id + 1); the terms' bytes one after another in one string.
class TermTable {
 public:
  TermTable() : slots_(1024, 0), mask_(1023) {}

  uint32_t id_of(std::string_view term) {
    const uint64_t h = term_hash(term.data(), term.size());
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) break;
      if (static_cast<uint32_t>(slot >> 32) == tag) {
        const uint32_t id = static_cast<uint32_t>(slot) - 1;
        const uint32_t begin = id == 0 ? 0 : ends_[id - 1];
        if (ends_[id] - begin == term.size() &&
            same_bytes(bytes_.data() + begin, term.data(), term.size()))
          return id;
      }
    }
    const auto id = static_cast<uint32_t>(ends_.size());
    bytes_.append(term);
    ends_.push_back(static_cast<uint32_t>(bytes_.size()));
    slots_[i] = static_cast<uint64_t>(tag) << 32 | (id + 1);
    if (2 * ends_.size() > slots_.size()) grow();
    return id;
  }
  size_t size() const { return ends_.size(); }
  std::string_view term_of(uint32_t id) const {
    const uint32_t begin = id == 0 ? 0 : ends_[id - 1];
    return std::string_view(bytes_).substr(begin, ends_[id] - begin);
  }
  void move_into(TermPostings& out) {
    out.bytes = std::move(bytes_);
    out.ends = std::move(ends_);
  }

 private:
  void grow() {
    std::vector<uint64_t> slots(slots_.size() * 2, 0);
    mask_ = slots.size() - 1;
    for (uint64_t slot : slots_) {
      if (slot == 0) continue;
      const std::string_view t = term_of(static_cast<uint32_t>(slot) - 1);
      size_t i = term_hash(t.data(), t.size()) & mask_;
      while (slots[i] != 0) i = (i + 1) & mask_;
      slots[i] = slot;
    }
    slots_.swap(slots);
  }

  std::vector<uint64_t> slots_;
  size_t mask_;
  std::string bytes_;
  std::vector<uint32_t> ends_;
};

struct Dictionary {
  TermTable table;
  std::vector<PostingList> postings;

  uint32_t id_of(std::string_view term) {
    const uint32_t id = table.id_of(term);
    if (id >= postings.size()) postings.resize(std::max<size_t>(64, postings.size() * 2));
    return id;
  }
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

// The distinct terms of one document (as dictionary ids) with their count in each field. A
// sparse set: slot_[id] points into entries_ while that entry holds id, so nothing is cleared
// between documents but the entries.
class DocTerms {
 public:
  explicit DocTerms(Dictionary& dict) : dict_(dict) {}
  void clear() {
    entries_.clear();
    for (uint32_t& l : len_) l = 0;
  }
  void add(std::string_view term, uint8_t field) {
    const uint32_t id = dict_.id_of(term);
    if (id >= slot_.size()) slot_.resize(dict_.postings.size(), UINT32_MAX);
    uint32_t& slot = slot_[id];
    if (slot >= entries_.size() || entries_[slot].id != id) {
      slot = static_cast<uint32_t>(entries_.size());
      entries_.push_back({id, {0, 0, 0, 0}});
    }
    ++entries_[slot].tf[field];
    ++len_[field];
  }
  void scan(std::string_view text, uint8_t field) {
    TermScanner scanner(text);
    std::string_view t;
    while (scanner.next(t)) add(t, field);
  }
  // Appends document `doc`'s posting to the list of each of its terms. Most terms are in one
  // field a few times: their impacts are computed once per document (the same arithmetic as
  // term_impact, so the same bytes).
  void post(uint32_t doc) {
    uint8_t once[4][kMemoTf] = {};
    for (const Entry& e : entries_) {
      int field = -1, fields = 0;
      for (int f = 0; f < 4; ++f)
        if (e.tf[f]) field = f, ++fields;
      uint8_t impact;
      if (fields == 1 && e.tf[field] < kMemoTf) {
        uint8_t& memo = once[field][e.tf[field]];
        if (memo == 0) memo = quantized(field_weight(field, e.tf[field], len_[field]));
        impact = memo;
      } else {
        impact = term_impact(e.tf, len_);
      }
      dict_.postings[e.id].add(doc, impact);
    }
  }

 private:
  static constexpr uint32_t kMemoTf = 8;
  struct Entry {
    uint32_t id;
    uint32_t tf[4];
  };
  Dictionary& dict_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slot_;
  uint32_t len_[4] = {0, 0, 0, 0};
};

void index_range(const std::function<SearchFields(size_t)>& doc, size_t begin, size_t end,
                 Dictionary& dict) {
  DocTerms terms(dict);
  char category[40];
  for (size_t d = begin; d < end; ++d) {
    const SearchFields f = doc(d);
    terms.clear();
    terms.scan(f.title, 0);
    terms.scan(f.authors, 1);
    terms.scan(f.abstract, 2);
    PaperRef::for_each_part(f.categories, ' ', [&](std::string_view c) {
      if (c.size() > sizeof category) return;
      for (size_t i = 0; i < c.size(); ++i)
        category[i] = c[i] >= 'A' && c[i] <= 'Z' ? static_cast<char>(c[i] + 32) : c[i];
      terms.add(std::string_view(category, c.size()), 3);
    });
    terms.post(static_cast<uint32_t>(d));
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
                            unsigned threads) {
  threads = std::max(1u, std::min<unsigned>(threads, count / 1000 + 1));
  std::vector<Dictionary> dicts(threads);
  run_on_threads(threads, [&](unsigned t) {
    auto [begin, end] = range_of(count, t, threads);
    index_range(doc, begin, end, dicts[t]);
  });
  // Later ranges hold higher document numbers: appending keeps each list in order.
  Dictionary& all = dicts[0];
  for (unsigned t = 1; t < threads; ++t) {
    Dictionary& part = dicts[t];
    for (uint32_t i = 0; i < part.table.size(); ++i) {
      const uint32_t id = all.id_of(part.table.term_of(i));
      all.postings[id].append(std::move(part.postings[i]));
    }
    part = Dictionary();
  }
  TermPostings out;
  all.postings.resize(all.table.size());
  out.postings = std::move(all.postings);
  all.table.move_into(out);
  return out;
}

}  // namespace paperpress
