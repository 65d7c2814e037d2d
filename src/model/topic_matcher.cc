#include "paperpress/model/topic_matcher.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <unordered_map>

#include "paperpress/util/text.h"

#if defined(__SSE2__) && !defined(PAPERPRESS_NO_SIMD)
#include <emmintrin.h>
#define PAPERPRESS_TOPIC_SSE2 1
#endif

namespace paperpress {

namespace {

// kFold[c]: 0 when byte c separates words, else c lower-cased. Word bytes are ASCII letters and
// digits and every byte >= 0x80, so the UTF-8 letters of "Gödel" keep it one word.
constexpr std::array<unsigned char, 256> make_fold_table() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'A' && c <= 'Z') {
      t[c] = static_cast<unsigned char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      t[c] = static_cast<unsigned char>(c);
    }
  }
  return t;
}
constexpr std::array<unsigned char, 256> kFold = make_fold_table();

inline bool is_word_byte(unsigned char c) {
  return kFold[c] != 0;
}

// Eight bytes at a time ("SWAR"): byte i of a word is bits 8i..8i+7.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;
constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;

inline uint64_t load8(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

// Lower-cases the ASCII capitals among the eight bytes of x.
inline uint64_t fold(uint64_t x) {
  uint64_t lo = x & ~kHigh;  // each byte <= 0x7F, so the sums below never carry across bytes
  uint64_t upper = (lo + (0x80 - 'A') * kOnes) & ~(lo + (0x80 - 'Z' - 1) * kOnes) & ~x & kHigh;
  return x | (upper >> 2);
}

// The first min(n, 8) bytes at w, lower-cased and zero-padded; w + n <= end.
inline uint64_t head_of(const unsigned char* w, size_t n, const unsigned char* end) {
  uint64_t x;
  if (end - w >= 8) {
    x = load8(w);
  } else {
    unsigned char buf[8] = {};
    std::memcpy(buf, w, static_cast<size_t>(end - w));
    x = load8(buf);
  }
  return n >= 8 ? fold(x) : fold(x) & ((uint64_t{1} << (8 * n)) - 1);
}

inline uint64_t slot_hash(uint64_t head, size_t length) {
  return (head ^ length) * kMul;
}

// Bit i set when byte i of the 64 at p is a word byte: an ASCII letter or digit or >= 0x80.
inline uint64_t word_mask64(const unsigned char* p) {
#ifdef PAPERPRESS_TOPIC_SSE2
  auto mask16 = [](const unsigned char* q) -> uint64_t {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    // c in [lo, lo + n) as a signed compare: (c - lo) ^ 0x80 < n - 128.
    __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter =
        _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                       _mm_set1_epi8(static_cast<char>(-128 + 26)));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                   _mm_set1_epi8(static_cast<char>(-128 + 10)));
    __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), v);  // v's top bit: byte >= 0x80
    return static_cast<uint32_t>(_mm_movemask_epi8(word));
  };
  return mask16(p) | mask16(p + 16) << 16 | mask16(p + 32) << 32 | mask16(p + 48) << 48;
#else
  uint64_t mask = 0;
  for (int i = 0; i < 8; ++i) {
    uint64_t x = load8(p + 8 * i);
    uint64_t lo = x & ~kHigh;
    uint64_t alpha = lo | (0x20 * kOnes);
    uint64_t letter = (alpha + (0x80 - 'a') * kOnes) & ~(alpha + (0x80 - 'z' - 1) * kOnes);
    uint64_t digit = (lo + (0x80 - '0') * kOnes) & ~(lo + (0x80 - '9' - 1) * kOnes);
    uint64_t word = (x | letter | digit) & kHigh;
    mask |= ((word * 0x0002040810204081ULL) >> 56) << (8 * i);  // top bit of byte j → bit j
  }
  return mask;
#endif
}

// Whether the n text bytes at t, lower-cased, equal word[0, n).
inline bool folded_prefix_equals(const unsigned char* t, size_t n, std::string_view word) {
  for (size_t i = 0; i < n; ++i) {
    if (kFold[t[i]] != static_cast<unsigned char>(word[i])) return false;
  }
  return true;
}

// The plurals of a lower-cased keyword word: +s, +es, and y → ies.
std::vector<std::string> plurals_of(const std::string& word) {
  std::vector<std::string> forms = {word + "s", word + "es"};
  if (word.size() >= 2 && word.back() == 'y')
    forms.push_back(word.substr(0, word.size() - 1) + "ies");
  return forms;
}

// Whether the text word [t, t + n) is the keyword word `word` (lower-case), or with `plural`
// one of its plurals.
bool word_matches(const unsigned char* t, size_t n, const std::string& word, bool plural) {
  size_t k = word.size();
  if (n == k) return folded_prefix_equals(t, n, word);
  if (!plural) return false;
  if (n == k + 1 && kFold[t[k]] == 's') return folded_prefix_equals(t, k, word);
  if (n == k + 2 && kFold[t[k + 1]] == 's') {
    if (kFold[t[k]] == 'e' && folded_prefix_equals(t, k, word)) return true;
    if (k >= 2 && word[k - 1] == 'y' && kFold[t[k - 1]] == 'i' && kFold[t[k]] == 'e' &&
        folded_prefix_equals(t, k - 1, word)) {
      return true;
    }
  }
  return false;
}

// Splits text into lower-cased words, exactly as the matcher reads papers.
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text) {
    unsigned char c = kFold[static_cast<unsigned char>(ch)];
    if (c != 0) {
      word += static_cast<char>(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

constexpr uint8_t kCategoryOk = 1;
constexpr uint8_t kAnyFound = 2;
constexpr uint8_t kExcluded = 4;

// Categories a Scratch remembers before it starts again: arXiv has about 150, a paper's list
// may hold anything.
constexpr size_t kCategoriesKept = 1 << 14;

void add_unique(std::vector<uint32_t>& ids, uint32_t id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

// Builds a matcher topic by topic: each keyword becomes a phrase (shared by every topic that
// names it), each phrase's first word an entry of the hash table.
class TopicMatcher::Builder {
 public:
  explicit Builder(TopicMatcher& m) : m_(m) {}

  Status add_topic(const Topic& topic) {
    if (topic.keywords.empty() && topic.all_of.empty() && topic.categories.empty()) {
      return Error{"topic '" + topic.slug +
                   "' needs keywords, all_of or categories to select papers"};
    }
    Rule rule;
    for (const auto& k : topic.keywords) {
      if (auto s = add_phrase(topic, k, "keyword", rule.any_of); !s) return s;
    }
    for (size_t g = 0; g < topic.all_of.size(); ++g) {
      if (topic.all_of[g].empty()) {
        return Error{"topic '" + topic.slug + "': all_of group " + std::to_string(g + 1) +
                     " is empty"};
      }
      for (const auto& k : topic.all_of[g]) {
        if (auto s = add_phrase(topic, k, "all_of keyword", rule.all_of); !s) return s;
      }
    }
    for (const auto& k : topic.exclude) {
      if (auto s = add_phrase(topic, k, "exclude keyword", rule.none_of); !s) return s;
    }
    for (const auto& c : topic.categories) {
      auto pattern = category_pattern(topic, c);
      if (!pattern) return pattern.error();
      rule.categories.push_back(std::move(*pattern));
    }
    rule.needs_text = !rule.any_of.empty() || !rule.all_of.empty() || !rule.none_of.empty();
    add_rule(std::move(rule));
    return Status::success();
  }

 private:
  // The entry of a text word, added when new.
  Entry& entry(const std::string& word) {
    auto [it, inserted] = entry_ids_.try_emplace(word, static_cast<uint32_t>(m_.entries_.size()));
    if (inserted) m_.entries_.push_back(Entry{word, {}, {}});
    return m_.entries_[it->second];
  }

  // Adds the phrase of `keyword` (`what` names its list in messages) to `ids`.
  Status add_phrase(const Topic& topic, const std::string& keyword, const char* what,
                    std::vector<uint32_t>& ids) {
    std::vector<std::string> words = split_words(keyword);
    if (words.empty()) {
      return Error{"topic '" + topic.slug + "': " + what + " \"" + keyword +
                   "\" has no letter or digit"};
    }
    std::string key;
    for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
    auto [it, inserted] = phrase_ids_.try_emplace(key, static_cast<uint32_t>(m_.phrases_.size()));
    uint32_t id = it->second;
    if (inserted) {
      if (words.size() == 1) {
        add_unique(entry(words[0]).singles, id);
        for (const auto& plural : plurals_of(words[0])) add_unique(entry(plural).singles, id);
      } else {
        entry(words[0]).multi.push_back(id);
      }
      m_.phrases_.push_back(Phrase{std::move(words), {}});
    }
    add_unique(ids, id);
    return Status::success();
  }

  // "cs.CL" (exact) or "cs.*" (prefix), lower-cased.
  static Result<CategoryPattern> category_pattern(const Topic& topic, const std::string& c) {
    size_t star = c.find('*');
    bool bad = c.empty() || std::any_of(c.begin(), c.end(), [](char ch) { return is_space(ch); }) ||
               (star != std::string::npos && star + 1 != c.size());
    if (bad) {
      return Error{"topic '" + topic.slug + "': category \"" + c +
                   "\" must be one arXiv category (\"cs.CL\") or end with * (\"cs.*\")"};
    }
    CategoryPattern p;
    p.prefix = star != std::string::npos;
    for (size_t i = 0; i < (p.prefix ? star : c.size()); ++i) p.text += ascii_lower(c[i]);
    return p;
  }

  // Appends the rule of the next topic, with its bits and the uses of its phrases.
  void add_rule(Rule rule) {
    auto topic_index = static_cast<uint32_t>(m_.rules_.size());
    if (topic_index % 64 == 0) {
      m_.unfiltered_.push_back(0);
      m_.need_text_.push_back(0);
    }
    const uint64_t bit = uint64_t{1} << (topic_index % 64);
    if (rule.categories.empty()) m_.unfiltered_.back() |= bit;
    if (rule.needs_text) m_.need_text_.back() |= bit;
    for (uint32_t id : rule.any_of) m_.phrases_[id].uses.push_back({topic_index, Role::kAnyOf});
    for (uint32_t id : rule.all_of) m_.phrases_[id].uses.push_back({topic_index, Role::kAllOf});
    for (uint32_t id : rule.none_of) m_.phrases_[id].uses.push_back({topic_index, Role::kNoneOf});
    m_.rules_.push_back(std::move(rule));
  }

  TopicMatcher& m_;
  std::unordered_map<std::string, uint32_t> phrase_ids_;  // words joined by ' '
  std::unordered_map<std::string, uint32_t> entry_ids_;
};

Result<TopicMatcher> TopicMatcher::build(const std::vector<Topic>& topics) {
  if (topics.size() > 65536) return Error{"too many topics (at most 65536)"};
  TopicMatcher m;
  static std::atomic<uint64_t> next_id{1};
  m.id_ = next_id++;
  Builder builder(m);
  for (const Topic& topic : topics)
    if (auto added = builder.add_topic(topic); !added) return added.error();
  m.index_entries();
  return m;
}

void TopicMatcher::index_entries() {
  // The hash table, at most half full, and in front of it a filter with 16 or more bits per
  // entry, small enough to stay in the L1 cache, that turns most words away.
  int bits = 3;
  while ((size_t{1} << bits) < 2 * entries_.size()) ++bits;
  slots_.assign(size_t{1} << bits, Slot{});
  slot_mask_ = slots_.size() - 1;
  slot_shift_ = 64 - bits;
  int filter_bits = 10;
  while ((size_t{1} << filter_bits) < 16 * entries_.size()) ++filter_bits;
  filter_.assign((size_t{1} << filter_bits) / 64, 0);
  filter_shift_ = 64 - filter_bits;
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    const std::string& word = entries_[i].word;
    auto* p = reinterpret_cast<const unsigned char*>(word.data());
    uint64_t head = head_of(p, word.size(), p + word.size());
    uint64_t hash = slot_hash(head, word.size());
    size_t s = static_cast<size_t>(hash >> slot_shift_);
    while (slots_[s].length != 0) s = (s + 1) & slot_mask_;
    slots_[s] = Slot{head, static_cast<uint32_t>(word.size()), i};
    uint64_t bit = hash >> filter_shift_;
    filter_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

const TopicMatcher::Entry* TopicMatcher::find(uint64_t head, uint64_t hash, const unsigned char* w,
                                              size_t length) const {
  for (size_t s = static_cast<size_t>(hash >> slot_shift_);; s = (s + 1) & slot_mask_) {
    const Slot& slot = slots_[s];
    if (slot.head == head && slot.length == length) {
      const Entry& e = entries_[slot.entry];
      // Up to 8 bytes, the head is the whole word.
      if (length <= 8 ||
          folded_prefix_equals(w + 8, length - 8, std::string_view(e.word).substr(8))) {
        return &e;
      }
    } else if (slot.length == 0) {
      return nullptr;
    }
  }
}

bool TopicMatcher::continues(const Phrase& phrase, const unsigned char* p,
                             const unsigned char* end) {
  const auto& words = phrase.words;
  for (size_t k = 1; k < words.size(); ++k) {
    while (p < end && !is_word_byte(*p)) ++p;
    if (p == end) return false;
    const unsigned char* w = p;
    while (p < end && is_word_byte(*p)) ++p;
    if (!word_matches(w, static_cast<size_t>(p - w), words[k], k + 1 == words.size())) {
      return false;
    }
  }
  return true;
}

void TopicMatcher::found_word(const Entry& entry, const unsigned char* w, size_t length,
                              const unsigned char* end, Scratch& scratch) const {
  uint64_t* seen = scratch.seen_.data();
  auto is_seen = [&](uint32_t id) { return (seen[id / 64] >> (id % 64)) & 1; };
  auto mark = [&](uint32_t id) {
    seen[id / 64] |= uint64_t{1} << (id % 64);
    scratch.found_.push_back(id);
  };
  for (uint32_t id : entry.singles) {
    if (!is_seen(id)) mark(id);
  }
  for (uint32_t id : entry.multi) {
    if (!is_seen(id) && continues(phrases_[id], w + length, end)) mark(id);
  }
}

void TopicMatcher::scan(std::string_view text, Scratch& scratch) const {
  auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  auto* end = begin + text.size();
  const uint64_t* filter = filter_.data();
  const int filter_shift = filter_shift_;
  // Inlined by force: this runs for every word of every paper.
  auto visit = [&](const unsigned char* w, size_t length) __attribute__((always_inline)) {
    uint64_t head = head_of(w, length, end);
    uint64_t hash = slot_hash(head, length);
    uint64_t bit = hash >> filter_shift;
    if (((filter[bit / 64] >> (bit % 64)) & 1) == 0) return;  // most words stop here
    if (const Entry* e = find(head, hash, w, length)) found_word(*e, w, length, end, scratch);
  };
  // Blocks of 64 bytes, each turned into a mask of its word bytes; the words are the runs of 1s.
  const unsigned char* open = nullptr;  // start of a word running past the last block
  uint64_t carry = 0;                   // 1 when the last block ended inside a word
  for (const unsigned char* block = begin; block < end; block += 64) {
    uint64_t words;
    if (end - block >= 64) {
      words = word_mask64(block);
    } else {
      unsigned char tail[64] = {};  // 0 separates words
      std::memcpy(tail, block, static_cast<size_t>(end - block));
      words = word_mask64(tail);
    }
    uint64_t starts = words & ~((words << 1) | carry);
    carry = words >> 63;
    if (open != nullptr) {
      if (words == ~uint64_t{0}) continue;
      visit(open, static_cast<size_t>(block + std::countr_zero(~words) - open));
      open = nullptr;
    }
    while (starts != 0) {
      int s = std::countr_zero(starts);
      starts &= starts - 1;
      uint64_t stops = ~words >> s;
      if (stops == 0) {
        open = block + s;
        break;
      }
      visit(block + s, static_cast<size_t>(std::countr_zero(stops)));
    }
  }
  if (open != nullptr) visit(open, static_cast<size_t>(end - open));
}

bool TopicMatcher::category_passes(const Rule& rule, std::string_view categories) const {
  if (rule.categories.empty()) return true;
  size_t i = 0;
  while (i < categories.size()) {
    while (i < categories.size() && is_space(categories[i])) ++i;
    size_t start = i;
    while (i < categories.size() && !is_space(categories[i])) ++i;
    std::string_view cat = categories.substr(start, i - start);
    if (cat.empty()) break;
    for (const CategoryPattern& p : rule.categories) {
      if (cat.size() < p.text.size() || (!p.prefix && cat.size() != p.text.size())) continue;
      bool equal = true;
      for (size_t k = 0; k < p.text.size() && equal; ++k) {
        equal = ascii_lower(cat[k]) == p.text[k];
      }
      if (equal) return true;
    }
  }
  return false;
}

const std::vector<uint64_t>& TopicMatcher::topics_of_category(std::string_view category,
                                                              Scratch& scratch) const {
  auto it = scratch.categories_.find(category);
  if (it != scratch.categories_.end()) return it->second;
  if (scratch.categories_.size() >= kCategoriesKept) scratch.categories_.clear();
  std::vector<uint64_t> bits(unfiltered_.size(), 0);
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!rules_[i].categories.empty() && category_passes(rules_[i], category))
      bits[i / 64] |= uint64_t{1} << (i % 64);
  }
  return scratch.categories_.emplace(std::string(category), std::move(bits)).first->second;
}

void TopicMatcher::match(std::string_view title, std::string_view abstract,
                         std::string_view categories, std::vector<uint16_t>& out,
                         Scratch& scratch) const {
  // The work per paper grows with the number of topics and of keywords found, not with the
  // number of keywords the topics have.
  size_t words = (phrases_.size() + 63) / 64;
  if (scratch.seen_.size() < words) scratch.seen_.resize(words, 0);
  if (scratch.categories_of_ != id_) {
    scratch.categories_.clear();
    scratch.categories_of_ = id_;
  }
  std::vector<uint64_t>& let_in = scratch.let_in_;
  let_in = unfiltered_;
  for (size_t i = 0; i < categories.size();) {
    while (i < categories.size() && is_space(categories[i])) ++i;
    const size_t start = i;
    while (i < categories.size() && !is_space(categories[i])) ++i;
    if (i == start) break;
    const std::vector<uint64_t>& bits =
        topics_of_category(categories.substr(start, i - start), scratch);
    for (size_t w = 0; w < let_in.size(); ++w) let_in[w] |= bits[w];
  }
  scratch.state_.assign(rules_.size(), 0);
  scratch.all_found_.assign(rules_.size(), 0);
  bool read_text = false;
  for (size_t w = 0; w < let_in.size(); ++w) {
    read_text |= (let_in[w] & need_text_[w]) != 0;
    for (uint64_t bits = let_in[w]; bits != 0; bits &= bits - 1)
      scratch.state_[w * 64 + static_cast<size_t>(std::countr_zero(bits))] = kCategoryOk;
  }
  if (read_text) {
    // Apart, so that no phrase runs from the end of the title into the abstract.
    scan(title, scratch);
    scan(abstract, scratch);
  }
  for (uint32_t id : scratch.found_) {
    for (const Use& use : phrases_[id].uses) {
      switch (use.role) {
        case Role::kAnyOf:
          scratch.state_[use.topic] |= kAnyFound;
          break;
        case Role::kAllOf:
          ++scratch.all_found_[use.topic];
          break;
        case Role::kNoneOf:
          scratch.state_[use.topic] |= kExcluded;
          break;
      }
    }
    scratch.seen_[id / 64] = 0;  // leaves every bit 0 for the next paper
  }
  scratch.found_.clear();
  for (size_t i = 0; i < rules_.size(); ++i) {
    const Rule& r = rules_[i];
    uint8_t state = scratch.state_[i];
    if (!(state & kCategoryOk) || (state & kExcluded)) continue;
    if (!r.any_of.empty() && !(state & kAnyFound)) continue;
    if (scratch.all_found_[i] != r.all_of.size()) continue;
    out.push_back(static_cast<uint16_t>(i));
  }
}

void TopicMatcher::match(std::string_view title, std::string_view abstract,
                         std::string_view categories, std::vector<uint16_t>& out) const {
  Scratch scratch;
  match(title, abstract, categories, out, scratch);
}

}  // namespace paperpress
