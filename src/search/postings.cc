#include "paperpress/search/postings.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "paperpress/search/fold.h"
#include "paperpress/search/search_format.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

namespace {

struct TermHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct Dictionary {
  std::unordered_map<std::string, uint32_t, TermHash, std::equal_to<>> ids;
  TermPostings out;

  uint32_t id_of(std::string_view term) {
    auto it = ids.find(term);
    if (it == ids.end()) {
      it = ids.emplace(std::string(term), static_cast<uint32_t>(out.terms.size())).first;
      out.terms.emplace_back(term);
      out.postings.emplace_back();
    }
    return it->second;
  }
};

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
    if (id >= slot_.size()) slot_.resize(id + 1, UINT32_MAX);
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
  // Appends document `doc`'s posting to the list of each of its terms.
  void post(uint32_t doc) {
    for (const Entry& e : entries_)
      dict_.out.postings[e.id].push_back(doc << 8 | term_impact(e.tf, len_));
  }

 private:
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
  std::string category;
  for (size_t d = begin; d < end; ++d) {
    const SearchFields f = doc(d);
    terms.clear();
    terms.scan(f.title, 0);
    terms.scan(f.authors, 1);
    terms.scan(f.abstract, 2);
    PaperRef::for_each_part(f.categories, ' ', [&](std::string_view c) {
      if (c.size() > 40) return;
      category.assign(c);
      for (char& ch : category)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      terms.add(category, 3);
    });
    terms.post(static_cast<uint32_t>(d));
  }
}

}  // namespace

uint8_t term_impact(const uint32_t tf[4], const uint32_t len[4]) {
  static constexpr double kWeight[4] = {kTitleWeight, kAuthorWeight, kAbstractWeight,
                                        kCategoryWeight};
  static constexpr double kAvg[4] = {kAvgTitleTerms, kAvgAuthorTerms, kAvgAbstractTerms, 2};
  double w = 0;
  for (int f = 0; f < 4; ++f) {
    if (tf[f] == 0) continue;
    double norm = kBm25K1 * (1 - kBm25B + kBm25B * len[f] / kAvg[f]);
    w += kWeight[f] * tf[f] * (kBm25K1 + 1) / (tf[f] + norm);
  }
  return static_cast<uint8_t>(std::clamp(std::lround(w * kImpactScale), 1L, 255L));
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
    TermPostings& part = dicts[t].out;
    for (size_t i = 0; i < part.terms.size(); ++i) {
      std::vector<Posting>& into = all.out.postings[all.id_of(part.terms[i])];
      if (into.empty()) {
        into = std::move(part.postings[i]);
      } else {
        into.reserve(into.size() + part.postings[i].size());  // exactly: no doubling
        into.insert(into.end(), part.postings[i].begin(), part.postings[i].end());
      }
      std::vector<Posting>().swap(part.postings[i]);
    }
    dicts[t] = Dictionary();
  }
  return std::move(all.out);
}

}  // namespace paperpress
