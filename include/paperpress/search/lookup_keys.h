// The exact lookups of the search index: a query that is a paper's id, its whole title or an
// author's name finds the paper through a key, whatever the ranking of its words would say.
//   "i:<id>"        the version-less id, lowercased ("i:2501.00425", "i:hep-th/9901001")
//   "t:<text>"      fold_key of the title, and of each author's name, of its first and last
//                   terms, and of the first term's initial and the last ("t:geoffrey e
//                   hinton", "t:geoffrey hinton", "t:g hinton"): titles and names share one
//                   namespace, so that a query's text is one key, read from one shard
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "paperpress/search/fold.h"
#include "paperpress/search/search_format.h"

namespace paperpress {

// The value of the key of an id ("i:<id>" lowercased).
uint64_t id_key_value(std::string_view id);

// The value of the key "<prefix><term> <term> …", its terms given one at a time (no string).
class KeyHash {
 public:
  explicit constexpr KeyHash(uint64_t prefix_hash) : hash_(prefix_hash) {}
  void add(std::string_view term) {
    if (terms_++) hash_ = search_hash_more(hash_, " ");
    hash_ = search_hash_more(hash_, term);
  }
  size_t terms() const { return terms_; }
  uint64_t value() const { return hash_ >> 24; }

 private:
  uint64_t hash_;
  size_t terms_ = 0;
};
inline constexpr uint64_t kTextKeyPrefix = search_hash("t:");

// The keys of one author's name, its terms given one at a time: the whole name, its first and
// last terms, the first's initial and the last.
class AuthorKeyHash {
 public:
  void add(std::string_view term) {
    if (all_.terms() == 0) {
      first_ = search_hash_more(first_, term);
      size_t n = 1;  // the first code point
      while (n < term.size() && (static_cast<unsigned char>(term[n]) & 0xC0) == 0x80) ++n;
      initial_ = search_hash_more(initial_, term.substr(0, n));
    }
    all_.add(term);
    last_size_ = std::min(term.size(), sizeof last_);
    std::copy_n(term.data(), last_size_, last_);
  }
  // Calls f(value) for each key (none for a name without terms; a value may repeat).
  template <typename F>
  void values(F&& f) const {
    if (all_.terms() == 0) return;
    f(all_.value());
    if (all_.terms() < 2) return;
    const std::string_view last(last_, last_size_);
    // Of a name of two terms, "first last" is the whole name: given once.
    if (all_.terms() > 2) f(search_hash_more(search_hash_more(first_, " "), last) >> 24);
    f(search_hash_more(search_hash_more(initial_, " "), last) >> 24);
  }

 private:
  KeyHash all_{kTextKeyPrefix};
  uint64_t first_ = kTextKeyPrefix, initial_ = kTextKeyPrefix;
  char last_[kTermBuffer];
  size_t last_size_ = 0;
};

// The keys of one paper, each once.
std::vector<std::string> lookup_keys(std::string_view id, std::string_view title,
                                     std::string_view authors /* '\n'-separated */);

// The values (search_key_value) of the same keys, appended to `out`; a value may repeat.
void append_key_values(std::string_view id, std::string_view title,
                       std::string_view authors /* '\n'-separated */, std::vector<uint64_t>& out);

// The keys of one author's name (without the "t:" prefix), each once.
std::vector<std::string> author_keys(std::string_view name);

}  // namespace paperpress
