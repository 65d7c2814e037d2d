#include "paperpress/render/value.h"

#include <charconv>
#include <cstring>

namespace paperpress {

const Value& Value::null_value() {
  static const Value kNull;
  return kNull;
}

void Value::reset(Kind kind) {
  kind_ = kind;
  flag_ = false;
  size_ = 0;
  text_ = {};
  first_ = nullptr;
  last_ = nullptr;
  schema_ = nullptr;
}

void Value::assign(const Value& other) {
  kind_ = other.kind_;
  flag_ = other.flag_;
  size_ = other.size_;
  text_ = other.text_;
  first_ = other.first_;
  last_ = other.last_;
  schema_ = other.schema_;
}

Value& Value::append(std::string_view key) {
  Value& child = arena_->new_node(Kind::kNull);
  child.key_ = key;
  return link(child);
}

Value& Value::link(Value& child) {
  if (last_ == nullptr) {
    first_ = &child;
  } else {
    last_->next_ = &child;
  }
  last_ = &child;
  ++size_;
  return child;
}

Value& Value::slot(std::string_view key) {
  if (schema_ != nullptr) {  // a record's own member goes in its slot
    if (const int i = schema_->index(key); i >= 0) return *member(static_cast<size_t>(i));
  }
  for (Value* c = first_; c != nullptr; c = c->next_) {
    if (same_key(c->key_, key)) {
      c->reset(Kind::kNull);
      return *c;
    }
  }
  return append(key);
}

Value& Value::set(std::string_view key, std::string_view text) {
  Value& v = slot(key);
  v.kind_ = Kind::kString;
  v.text_ = text;
  return *this;
}

Value& Value::set(std::string_view key, const char* text) {
  if (text == nullptr) return set_null(key);
  return set(key, std::string_view(text));
}

Value& Value::set(std::string_view key, bool flag) {
  Value& v = slot(key);
  v.kind_ = Kind::kBool;
  v.flag_ = flag;
  return *this;
}

Value& Value::set(std::string_view key, const Value& value) {
  // Snapshot first: `value` may be the very member that slot() resets.
  Value copy;
  copy.assign(value);
  slot(key).assign(copy);
  return *this;
}

Value& Value::set_null(std::string_view key) {
  slot(key);
  return *this;
}

Value& Value::set_copy(std::string_view key, std::string_view text) {
  return set(key, arena_->copy(text));
}

Value& Value::set_number(std::string_view key, long long number) {
  return set(key, arena_->format(number));
}

Value& Value::set_number(std::string_view key, unsigned long long number) {
  return set(key, arena_->format(number));
}

Value& Value::object(std::string_view key) {
  Value& v = slot(key);
  v.kind_ = Kind::kObject;
  return v;
}

Value& Value::list(std::string_view key) {
  Value& v = slot(key);
  v.kind_ = Kind::kList;
  return v;
}

Value& Value::add(std::string_view text) {
  Value& v = append({});
  v.kind_ = Kind::kString;
  v.text_ = text;
  return *this;
}

Value& Value::add(const char* text) {
  if (text == nullptr) return add_null();
  return add(std::string_view(text));
}

Value& Value::add(bool flag) {
  Value& v = append({});
  v.kind_ = Kind::kBool;
  v.flag_ = flag;
  return *this;
}

Value& Value::add(const Value& value) {
  append({}).assign(value);
  return *this;
}

Value& Value::add_null() {
  append({});
  return *this;
}

Value& Value::add_copy(std::string_view text) {
  return add(arena_->copy(text));
}

Value& Value::add_number(long long number) {
  return add(arena_->format(number));
}

Value& Value::add_number(unsigned long long number) {
  return add(arena_->format(number));
}

Value& Value::object() {
  Value& v = append({});
  v.kind_ = Kind::kObject;
  return v;
}

Value& Value::list() {
  Value& v = append({});
  v.kind_ = Kind::kList;
  return v;
}

Value& Value::record(const Schema& schema) {
  return link(arena_->record(schema));
}

// --- Records

Value* Value::member(size_t i) {
  if (schema_ == nullptr || i >= schema_->size()) return nullptr;
  Value* m = first_ + i;
  if (m->kind_ != Kind::kNull) m->reset(Kind::kNull);
  m->key_ = schema_->key(i);  // named from now on: a member never put has no name
  return m;
}

Value& Value::put(size_t i, std::string_view text) {
  if (Value* m = member(i)) {
    m->kind_ = Kind::kString;
    m->text_ = text;
  }
  return *this;
}

Value& Value::put(size_t i, bool flag) {
  if (Value* m = member(i)) {
    m->kind_ = Kind::kBool;
    m->flag_ = flag;
  }
  return *this;
}

Value& Value::put(size_t i, const Value& value) {
  Value copy;  // as set(): `value` may be the very member that member() resets
  copy.assign(value);
  if (Value* m = member(i)) m->assign(copy);
  return *this;
}

Value& Value::put_null(size_t i) {
  member(i);
  return *this;
}

Value& Value::put_copy(size_t i, std::string_view text) {
  return put(i, arena_->copy(text));
}

Value& Value::put_number(size_t i, long long number) {
  return put(i, arena_->format(number));
}

Value& Value::put_number(size_t i, unsigned long long number) {
  return put(i, arena_->format(number));
}

Value& Value::put_list(size_t i) {
  Value* m = member(i);
  if (m == nullptr) return list();
  m->kind_ = Kind::kList;
  return *m;
}

Value& Value::put_record(size_t i, const Schema& schema) {
  Value& r = arena_->record(schema);
  Value* m = member(i);
  if (m == nullptr) return link(r);  // as put_list(): an unnamed member
  m->assign(r);                      // shares the new record's members
  return *m;
}

// --- ViewArena

Value* ViewArena::new_nodes(size_t count) {
  while (node_block_ < node_blocks_.size()) {
    NodeBlock& block = node_blocks_[node_block_];
    if (block.size - node_pos_ >= count) {
      Value* v = block.nodes.get() + node_pos_;
      node_pos_ += count;
      return v;
    }
    // Too few nodes left in this block for `count` in a row: go on in the next one.
    nodes_before_ += node_pos_;
    ++node_block_;
    node_pos_ = 0;
  }
  const size_t size = count > kNodesPerBlock ? count : kNodesPerBlock;
  node_blocks_.push_back(NodeBlock{std::unique_ptr<Value[]>(new Value[size]), size});
  node_pos_ = count;
  return node_blocks_.back().nodes.get();
}

Value& ViewArena::new_node(Value::Kind kind) {
  Value* v;
  if (node_block_ < node_blocks_.size() && node_pos_ < node_blocks_[node_block_].size) {
    v = node_blocks_[node_block_].nodes.get() + node_pos_++;
  } else {
    v = new_nodes(1);
  }
  v->reset(kind);
  v->key_ = {};
  v->next_ = nullptr;
  v->arena_ = this;
  return *v;
}

Value& ViewArena::record(const Schema& schema) {
  const size_t n = schema.size();
  Value* nodes = new_nodes(n + 1);
  Value& r = nodes[0];
  r.reset(Value::Kind::kObject);
  r.key_ = {};
  r.next_ = nullptr;
  r.arena_ = this;
  if (n == 0) {
    r.schema_ = &schema;
    return r;
  }
  Value* members = nodes + 1;
  for (size_t i = 0; i < n; ++i) {
    Value& m = members[i];
    m.reset(Value::Kind::kNull);
    m.key_ = {};  // absent until put: member() names it
    m.next_ = i + 1 < n ? &members[i + 1] : nullptr;
    m.arena_ = this;
  }
  r.first_ = members;
  r.last_ = members + n - 1;
  r.size_ = static_cast<uint32_t>(n);
  r.schema_ = &schema;
  return r;
}

Value& ViewArena::object() {
  return new_node(Value::Kind::kObject);
}

Value& ViewArena::list() {
  return new_node(Value::Kind::kList);
}

char* ViewArena::allocate_text(size_t size) {
  while (text_block_ < text_blocks_.size() && text_blocks_[text_block_].size - text_pos_ < size) {
    ++text_block_;
    text_pos_ = 0;
  }
  if (text_block_ == text_blocks_.size()) {
    const size_t block_size = size > kTextBlockSize ? size : kTextBlockSize;
    text_blocks_.push_back(TextBlock{std::unique_ptr<char[]>(new char[block_size]), block_size});
  }
  char* p = text_blocks_[text_block_].data.get() + text_pos_;
  text_pos_ += size;
  return p;
}

std::string_view ViewArena::copy(std::string_view text) {
  if (text.empty()) return {};
  char* p = allocate_text(text.size());
  std::memcpy(p, text.data(), text.size());
  return std::string_view(p, text.size());
}

std::string_view ViewArena::format(long long number) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, number);
  return copy(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
}

std::string_view ViewArena::format(unsigned long long number) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, number);
  return copy(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
}

void ViewArena::clear() {
  node_block_ = 0;
  node_pos_ = 0;
  nodes_before_ = 0;
  text_block_ = 0;
  text_pos_ = 0;
}

}  // namespace paperpress
