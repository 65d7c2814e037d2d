// The data a template renders against: a tree of null, bool, string, list and object nodes.
//
// Nodes are views: a string node holds a std::string_view into text that already exists (the
// paper store, a config string, a literal), never a copy. Nodes live in a ViewArena, which also
// owns the few strings that have to be computed (formatted numbers, dates) and is reused page
// after page through clear(), so building a page's data allocates nothing in steady state.
//
//   ViewArena arena;
//   Value& page = arena.object();
//   page.set("title", paper.title)          // string view, not copied
//       .set("count", 42)                   // integer, formatted into the arena
//       .set("open_access", true)
//       .set("site", site_value);           // links a value built elsewhere (shallow)
//   Value& papers = page.list("papers");
//   Value& p = papers.object();
//   p.set("id", id).set_copy("date", format_date(d));   // set_copy copies into the arena
//   template.render(page, out, &partials);
//   arena.clear();                          // invalidates every node and arena string
//
// Lifetimes: keys and string values passed to set()/add() are views and must outlive the
// rendering (use set_copy()/add_copy() for temporaries; passing a std::string rvalue to set()
// does not compile). Objects keep their members in insertion order and look keys up linearly,
// which is the fast choice for the ~20 keys a template context has; set() with a key that is
// already present replaces that member in place. The objects views build (pages, papers,
// authors, …) are records instead: made with a Schema (schema.h), they hold the schema's members
// in one array, set by index with put(), and found by index in one step:
//
//   Value& p = papers.record(paper_schema);    // every member of the schema, absent
//   p.put(kTitle, paper.title).put(kFirst, true);
//   p.set("title", t);                         // by name: the same slot as put(kTitle, t)
//   p.set("extra", "x");                       // a record takes other members as any object
//   p.record_member(kTitle, "title");          // the array slot, without comparing names
//
// Misuse never crashes: set() on a list appends a keyed member that iteration sees as an item,
// object()/list()/add() on an object append members with an empty key, and children added to a
// null, bool or string node are ignored by templates.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "paperpress/render/schema.h"

namespace paperpress {

class ViewArena;

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kString, kList, kObject };

  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  // A null node that lives forever (for "no data").
  static const Value& null_value();

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_object() const { return kind_ == Kind::kObject; }

  // The flag of a bool node; false for every other kind.
  bool boolean() const { return kind_ == Kind::kBool && flag_; }
  // The text of a string node; empty for every other kind.
  std::string_view text() const { return kind_ == Kind::kString ? text_ : std::string_view(); }
  // Number of items of a list or members of an object.
  size_t size() const { return size_; }
  // The key of this node as a member of an object.
  std::string_view key() const { return key_; }

  // Mustache truthiness: false for null, false, "" and the empty list; true otherwise
  // (an empty object is true).
  bool truthy() const {
    switch (kind_) {
      case Kind::kNull:
        return false;
      case Kind::kBool:
        return flag_;
      case Kind::kString:
        return !text_.empty();
      case Kind::kList:
        return first_ != nullptr;
      case Kind::kObject:
        return true;
    }
    return false;
  }

  // The member named `key` of an object; nullptr when absent or when this is no object.
  const Value* find(std::string_view key) const {
    if (kind_ != Kind::kObject) return nullptr;
    return find_from(first_, key);
  }
  // The member `key` of a record (schema() is not nullptr) whose schema has it at `index`,
  // or -1 when the schema has no member `key`: then it is looked for among the members set
  // beyond the schema, which follow its array. nullptr when absent: a member never put (nor
  // set by its name) is absent, as a key never set on an object, so that a template looks for
  // it in the enclosing contexts just the same.
  const Value* record_member(int index, std::string_view key) const {
    if (index >= 0) [[likely]] {
      const Value* m = first_ + index;
      return m->key_.empty() ? nullptr : m;
    }
    return find_beyond_schema(key);
  }
  // The schema of a record; nullptr for every other node.
  const Schema* schema() const { return schema_; }

  // Length and first byte first: members of one object almost always differ there. Keys are
  // short names, compared byte by byte in place rather than by a call to memcmp.
  static bool same_key(std::string_view a, std::string_view b) {
    if (a.size() != b.size() || (!a.empty() && a[0] != b[0])) return false;
    for (size_t i = 1; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

  // Items of a list or members of an object, in order: for (const Value& v : list.children()).
  class Iterator {
   public:
    explicit Iterator(const Value* v) : v_(v) {}
    const Value& operator*() const { return *v_; }
    const Value* operator->() const { return v_; }
    Iterator& operator++() {
      v_ = v_->next_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return v_ == o.v_; }

   private:
    const Value* v_;
  };
  struct Children {
    const Value* first;
    Iterator begin() const { return Iterator(first); }
    Iterator end() const { return Iterator(nullptr); }
  };
  Children children() const {
    return Children{kind_ == Kind::kList || kind_ == Kind::kObject ? first_ : nullptr};
  }
  const Value* first_child() const { return children().first; }
  const Value* next_sibling() const { return next_; }

  // --- Building an object. Each set() returns *this for chaining.
  Value& set(std::string_view key, std::string_view text);
  Value& set(std::string_view key, const char* text);             // nullptr sets null
  Value& set(std::string_view key, std::string&& text) = delete;  // would dangle: use set_copy
  Value& set(std::string_view key, bool flag);
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) Value& set(std::string_view key,
                                                                        T number) {
    if constexpr (std::is_signed_v<T>) {
      return set_number(key, static_cast<long long>(number));
    } else {
      return set_number(key, static_cast<unsigned long long>(number));
    }
  }
  // Links `value` (typically built once in a longer-lived arena, like the site's settings):
  // the new member shares its children, so `value` must be complete and outlive this tree.
  Value& set(std::string_view key, const Value& value);
  Value& set(std::string_view key, char) = delete;    // would become a bool
  Value& set(std::string_view key, double) = delete;  // format it, then set_copy
  Value& set_null(std::string_view key);
  // Copies `text` into the arena.
  Value& set_copy(std::string_view key, std::string_view text);
  // Adds (or replaces with) an empty object or list member and returns it.
  Value& object(std::string_view key);
  Value& list(std::string_view key);

  // --- Building a list. Each add() returns *this for chaining.
  Value& add(std::string_view text);
  Value& add(const char* text);
  Value& add(std::string&& text) = delete;
  Value& add(bool flag);
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) Value& add(T number) {
    if constexpr (std::is_signed_v<T>) {
      return add_number(static_cast<long long>(number));
    } else {
      return add_number(static_cast<unsigned long long>(number));
    }
  }
  Value& add(const Value& value);
  Value& add(char) = delete;
  Value& add(double) = delete;
  Value& add_null();
  Value& add_copy(std::string_view text);
  // Appends an empty object or list item and returns it.
  Value& object();
  Value& list();
  // Appends a record of `schema` (every member absent until put) and returns it.
  Value& record(const Schema& schema);

  // --- Building a record: member `i` of its schema. Each put() returns *this for chaining; on
  // a node that is no record, or with `i` past its schema, put() does nothing and put_list()
  // appends an unnamed list member (as list() on an object does).
  Value& put(size_t i, std::string_view text);
  Value& put(size_t i, const char* text) = delete;  // a literal: put(i, std::string_view(...))
  Value& put(size_t i, std::string&& text) = delete;
  Value& put(size_t i, bool flag);
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) Value& put(size_t i, T number) {
    if constexpr (std::is_signed_v<T>) {
      return put_number(i, static_cast<long long>(number));
    } else {
      return put_number(i, static_cast<unsigned long long>(number));
    }
  }
  Value& put(size_t i, char) = delete;
  Value& put(size_t i, double) = delete;
  // Links `value` as member `i`, as set(key, value) does.
  Value& put(size_t i, const Value& value);
  Value& put_null(size_t i);
  Value& put_copy(size_t i, std::string_view text);
  // Makes member `i` an empty list and returns it.
  Value& put_list(size_t i);
  // Makes member `i` a new record of `schema` (every member absent) and returns it.
  Value& put_record(size_t i, const Schema& schema);

 private:
  friend class ViewArena;
  Value() = default;

  // The member `key` (reset to null) or a new member appended at the end.
  Value& slot(std::string_view key);
  // A new child appended at the end.
  Value& append(std::string_view key);
  // Appends `child`, a new node, and returns it.
  Value& link(Value& child);
  void reset(Kind kind);
  void assign(const Value& other);  // shallow: kind, payload and children, not key or next
  Value& set_number(std::string_view key, long long number);
  Value& set_number(std::string_view key, unsigned long long number);
  Value& add_number(long long number);
  Value& add_number(unsigned long long number);
  // Member `i` of a record, reset to null; nullptr when this is no record or `i` is past it.
  Value* member(size_t i);
  Value& put_number(size_t i, long long number);
  Value& put_number(size_t i, unsigned long long number);
  const Value* find_beyond_schema(std::string_view key) const {
    return find_from(schema_->size() == 0 ? first_ : first_[schema_->size() - 1].next_, key);
  }
  static const Value* find_from(const Value* c, std::string_view key) {
    for (; c != nullptr; c = c->next_) {
      if (same_key(c->key_, key)) return c;
    }
    return nullptr;
  }

  Kind kind_ = Kind::kNull;
  bool flag_ = false;
  uint32_t size_ = 0;
  std::string_view key_;
  std::string_view text_;
  Value* first_ = nullptr;
  Value* last_ = nullptr;
  Value* next_ = nullptr;
  ViewArena* arena_ = nullptr;
  const Schema* schema_ = nullptr;  // a record's: its members are first_[0, size)
};

// Owns the nodes of value trees and the strings computed for them. clear() makes everything
// reusable without freeing memory. Not thread-safe: use one arena per rendering thread.
class ViewArena {
 public:
  ViewArena() = default;
  ViewArena(const ViewArena&) = delete;
  ViewArena& operator=(const ViewArena&) = delete;

  // A new root object / list / record.
  Value& object();
  Value& list();
  Value& record(const Schema& schema);

  // Copies `text` into the arena; the view stays valid until clear().
  std::string_view copy(std::string_view text);
  // Formats a number into the arena.
  std::string_view format(long long number);
  std::string_view format(unsigned long long number);

  // Invalidates every node and string handed out; keeps the memory for reuse.
  void clear();

  // Nodes handed out since the last clear() (for tests and sizing).
  size_t node_count() const { return nodes_before_ + node_pos_; }

 private:
  friend class Value;
  static constexpr size_t kNodesPerBlock = 256;
  static constexpr size_t kTextBlockSize = 16 * 1024;

  Value& new_node(Value::Kind kind);
  // `count` nodes in a row, not yet reset.
  Value* new_nodes(size_t count);
  char* allocate_text(size_t size);

  struct NodeBlock {
    std::unique_ptr<Value[]> nodes;
    size_t size = 0;
  };
  std::vector<NodeBlock> node_blocks_;
  size_t node_block_ = 0;    // block in use
  size_t node_pos_ = 0;      // next free node in that block
  size_t nodes_before_ = 0;  // nodes handed out in the blocks before node_block_

  struct TextBlock {
    std::unique_ptr<char[]> data;
    size_t size = 0;
  };
  std::vector<TextBlock> text_blocks_;
  size_t text_block_ = 0;
  size_t text_pos_ = 0;
};

}  // namespace paperpress
