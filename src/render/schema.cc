#include "paperpress/render/schema.h"

#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace paperpress {
namespace {

struct NameTable {
  std::mutex mutex;
  std::unordered_map<std::string_view, Symbol> symbols;
  std::vector<std::unique_ptr<std::string>> names;  // by symbol; the keys above view them
};

NameTable& table() {
  static NameTable* t = new NameTable;  // never destroyed: schemas may be static too
  return *t;
}

// The symbol of `name` and a view of its interned copy; the caller holds the lock.
std::pair<Symbol, std::string_view> intern_locked(NameTable& t, std::string_view name) {
  auto it = t.symbols.find(name);
  if (it != t.symbols.end()) return {it->second, it->first};
  const auto sym = static_cast<Symbol>(t.names.size());
  t.names.push_back(std::make_unique<std::string>(name));
  const std::string_view stored = *t.names.back();
  t.symbols.emplace(stored, sym);
  return {sym, stored};
}

}  // namespace

Symbol intern(std::string_view name) {
  NameTable& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  return intern_locked(t, name).first;
}

Schema::Schema(std::span<const std::string_view> keys) {
  NameTable& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  keys_.reserve(keys.size());
  for (size_t i = 0; i < keys.size() && i < std::numeric_limits<int16_t>::max(); ++i) {
    auto [sym, stored] = intern_locked(t, keys[i]);
    keys_.push_back(stored);
    if (sym >= index_.size()) index_.resize(sym + 1, -1);
    if (index_[sym] < 0) index_[sym] = static_cast<int16_t>(i);
  }
}

}  // namespace paperpress
