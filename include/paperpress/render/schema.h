// Member names as small integers, and schemas: the fixed members of the objects a page builds
// many of (a paper, an author, a category).
//
// intern() gives each distinct name one Symbol for the whole process: the same name in any
// template or schema is the same number. A Schema lists the members every object of one kind
// has, in a fixed order; an object made with it (a record: Value::record) holds those members
// in one array, and a template looks a member up by the symbol of its name, one array index,
// instead of comparing its name with each member's:
//
//   constexpr std::string_view kAuthorKeys[] = {"name", "last"};
//   enum AuthorMember : uint8_t { kName, kLast };
//   static const Schema kAuthor(kAuthorKeys);
//   authors.record(kAuthor).put(kName, name).put(kLast, is_last);
//
// Names are interned when a template is compiled or a schema is made, under a lock: make
// schemas once (static), never per object. Interned names are never freed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace paperpress {

using Symbol = uint32_t;
// The symbol of no name: no schema has it.
inline constexpr Symbol kNoSymbol = UINT32_MAX;

// The symbol of `name` (thread-safe).
Symbol intern(std::string_view name);

class Schema {
 public:
  // A name listed twice keeps its first index; names past the 32,767th are left out (member
  // indexes are 16 bits).
  explicit Schema(std::span<const std::string_view> keys);

  size_t size() const { return keys_.size(); }
  std::string_view key(size_t i) const { return keys_[i]; }
  // The index of the member named by `sym`, or -1 when the schema has no such member.
  int index(Symbol sym) const { return sym < index_.size() ? index_[sym] : -1; }

 private:
  std::vector<std::string_view> keys_;  // views of the interned names, which live forever
  std::vector<int16_t> index_;          // by symbol: the member's index, or -1
};

}  // namespace paperpress
