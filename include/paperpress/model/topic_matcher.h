// Decides which of the site's topics a paper belongs to. The rule is in docs/topic-matching.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paperpress/config/config.h"
#include "paperpress/util/result.h"

namespace paperpress {

// Built once from the site's topics, then shared read-only: match() is const and keeps no state,
// so any number of threads may call it at once, each with its own Scratch.
//
// Each paper's title and abstract are read once, 64 bytes at a time, and every word is looked up
// once in a hash table of the keywords' first words (one-word keywords with their plurals); the
// words after a first word are compared only on a hit. So the cost hardly depends on how many
// keywords the topics have.
class TopicMatcher {
 public:
  // Working memory for match(). Keep one per thread and reuse it across papers.
  class Scratch {
   private:
    friend class TopicMatcher;
    std::vector<uint64_t> seen_;       // one bit per distinct keyword; all 0 between papers
    std::vector<uint32_t> found_;      // the keywords found in this paper
    std::vector<uint32_t> all_found_;  // per topic: how many of its all_of keywords were found
    std::vector<uint8_t> state_;       // per topic: kCategoryOk | kAnyFound | kExcluded
    // By arXiv category ("cs.CL"): the topics whose category filters let it in, one bit each.
    // arXiv has about 150 categories, so each is checked against every topic once per thread.
    struct Hash {
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::vector<uint64_t>, Hash, std::equal_to<>> categories_;
    std::vector<uint64_t> let_in_;  // the topics a paper's categories let in
    uint64_t categories_of_ = 0;    // the id_ of the matcher they were checked by
  };

  // Fails when a keyword has no letter or digit, an all_of group is empty, a category pattern
  // is malformed, or a topic selects nothing; the message names the topic and the keyword.
  static Result<TopicMatcher> build(const std::vector<Topic>& topics);

  // Appends to `out`, in ascending order, the index (into the topics given to build()) of every
  // topic the paper belongs to. `categories` is the paper's arXiv categories separated by spaces
  // ("cs.CL cs.AI").
  void match(std::string_view title, std::string_view abstract, std::string_view categories,
             std::vector<uint16_t>& out, Scratch& scratch) const;
  // The same, with a scratch of its own (one allocation per call).
  void match(std::string_view title, std::string_view abstract, std::string_view categories,
             std::vector<uint16_t>& out) const;

  size_t topic_count() const { return rules_.size(); }

 private:
  // A category filter entry: "cs.ai" (exact) or "cs." from "cs.*" (prefix); lower-cased.
  struct CategoryPattern {
    std::string text;
    bool prefix = false;
  };
  // One topic, with its keywords replaced by phrase ids.
  struct Rule {
    std::vector<uint32_t> any_of;             // from keywords: one must be found (when not empty)
    std::vector<uint32_t> all_of;             // from every all_of group: all must be found
    std::vector<uint32_t> none_of;            // from exclude: none may be found
    std::vector<CategoryPattern> categories;  // empty: any category
    bool needs_text = false;                  // has keywords, all_of or exclude
  };
  enum class Role : uint8_t { kAnyOf, kAllOf, kNoneOf };
  struct Use {
    uint32_t topic;
    Role role;
  };
  // A distinct keyword as its lower-cased words ("gpt-4" → {"gpt", "4"}), and where topics use it.
  struct Phrase {
    std::vector<std::string> words;
    std::vector<Use> uses;
  };
  // A text word that a keyword starts with, or that is a one-word keyword or one of its plurals
  // ("model", "models", "modeles"). Looked up once per word of the text.
  struct Entry {
    std::string word;               // lower-cased
    std::vector<uint32_t> singles;  // one-word phrases this word is, or is a plural of
    std::vector<uint32_t> multi;    // longer phrases that start with this word
  };
  // An entry in the hash table, by the first 8 bytes of its word (lower-cased, little-endian,
  // zero-padded) and its length. Word bytes are never 0, so words of up to 8 bytes need no more.
  struct Slot {
    uint64_t head = 0;
    uint32_t length = 0;  // 0: empty slot
    uint32_t entry = 0;
  };

  TopicMatcher() = default;

  // Turns topics into rules_, phrases_ and entries_ (topic_matcher.cc).
  class Builder;
  // Fills the hash table and its filter from entries_.
  void index_entries();

  // Records in `scratch` every phrase found in `text`.
  void scan(std::string_view text, Scratch& scratch) const;
  // The entry for the word [w, w + length) whose first 8 bytes are `head` and whose slot_hash
  // is `hash`; nullptr if none.
  const Entry* find(uint64_t head, uint64_t hash, const unsigned char* w, size_t length) const;
  // Marks the phrases that the word [w, w + length) of a text ending at `end` starts.
  void found_word(const Entry& entry, const unsigned char* w, size_t length,
                  const unsigned char* end, Scratch& scratch) const;
  // Whether the words after a first word, starting at `p`, continue `phrase`.
  static bool continues(const Phrase& phrase, const unsigned char* p, const unsigned char* end);
  bool category_passes(const Rule& rule, std::string_view categories) const;

  // The topics (bits) one category lets in; the scratch remembers them for the next papers.
  const std::vector<uint64_t>& topics_of_category(std::string_view category,
                                                  Scratch& scratch) const;

  uint64_t id_ = 0;  // unique per build(), so that a Scratch knows whose answers it holds
  std::vector<uint64_t> unfiltered_;  // bits of the topics without categories: any paper passes
  std::vector<uint64_t> need_text_;   // bits of the topics with keywords, all_of or exclude
  std::vector<Rule> rules_;
  std::vector<Phrase> phrases_;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;       // open addressing, power-of-two size
  size_t slot_mask_ = 0;          // slots_.size() - 1
  int slot_shift_ = 63;           // slot index = hash >> slot_shift_
  std::vector<uint64_t> filter_;  // bit hash >> filter_shift_: some entry may have that hash
  int filter_shift_ = 63;
};

}  // namespace paperpress
