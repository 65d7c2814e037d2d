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
}

void Value::assign(const Value& other) {
  kind_ = other.kind_;
  flag_ = other.flag_;
  size_ = other.size_;
  text_ = other.text_;
  first_ = other.first_;
  last_ = other.last_;
}

Value& Value::append(std::string_view key) {
  Value& child = arena_->new_node(Kind::kNull);
  child.key_ = key;
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

// --- ViewArena

Value& ViewArena::new_node(Value::Kind kind) {
  if (node_pos_ == kNodesPerBlock) {
    ++node_block_;
    node_pos_ = 0;
  }
  if (node_block_ == node_blocks_.size()) {
    node_blocks_.emplace_back(new Value[kNodesPerBlock]);
  }
  Value& v = node_blocks_[node_block_][node_pos_++];
  v.reset(kind);
  v.key_ = {};
  v.next_ = nullptr;
  v.arena_ = this;
  return v;
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
  text_block_ = 0;
  text_pos_ = 0;
}

}  // namespace paperpress
