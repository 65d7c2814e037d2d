// Schemas: the fixed members of the objects views build (a page, a paper, an author, …:
// render/view_schemas.h lists them). A Schema lists the members every object of one kind may
// have, in a fixed order; an object made with it (a record: Value::record) holds those members
// in one array:
//
//   constexpr std::string_view kAuthorKeys[] = {"name", "last"};
//   enum AuthorMember : uint8_t { kName, kLast };
//   static const Schema kAuthor(kAuthorKeys);
//   authors.record(kAuthor).put(kName, name).put(kLast, is_last);
//
// A template bound to a schema when its theme loads (Template::bind) has each of its names
// resolved to that schema's member index once, so rendering finds a record's member in one
// step instead of comparing its name with each member's. Nothing is registered process-wide:
// the names live in the schema's keys and in the templates.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace paperpress {

class Schema {
 public:
  // Member i is named keys[i]; the keys' text must outlive the schema and its records (make
  // schemas from constant arrays, once). Names past the 32,767th are left out (member indexes
  // are 16 bits).
  explicit Schema(std::span<const std::string_view> keys);

  size_t size() const { return keys_.size(); }
  std::string_view key(size_t i) const { return keys_[i]; }
  // The index of the member named `name` (the first, for a name listed twice), or -1 when the
  // schema has no such member. Compares names: for binding templates, not for each lookup.
  int index(std::string_view name) const;

 private:
  std::vector<std::string_view> keys_;
};

}  // namespace paperpress
