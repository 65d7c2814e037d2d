#include "paperpress/search/lookup_keys.h"

#include <algorithm>

#include "paperpress/search/fold.h"
#include "paperpress/search/search_format.h"
#include "paperpress/store/paper_ref.h"

namespace paperpress {

namespace {

// The first code point of a UTF-8 term.
std::string_view initial(std::string_view term) {
  size_t n = 1;
  while (n < term.size() && (static_cast<unsigned char>(term[n]) & 0xC0) == 0x80) ++n;
  return term.substr(0, n);
}

void add_once(std::vector<std::string>& keys, std::string key) {
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
}

}  // namespace

std::vector<std::string> author_keys(std::string_view name) {
  std::vector<std::string> keys;
  std::vector<std::string> terms = terms_of(name);
  if (terms.empty()) return keys;
  std::string all;
  for (const std::string& t : terms) all += (all.empty() ? "" : " ") + t;
  add_once(keys, all);
  if (terms.size() >= 2) {
    add_once(keys, terms.front() + " " + terms.back());
    add_once(keys, std::string(initial(terms.front())) + " " + terms.back());
  }
  return keys;
}

std::vector<std::string> lookup_keys(std::string_view id, std::string_view title,
                                     std::string_view authors) {
  std::vector<std::string> keys;
  std::string id_key = "i:";
  for (char c : id) id_key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  keys.push_back(std::move(id_key));
  std::string title_key = fold_key(title);
  if (!title_key.empty()) add_once(keys, "t:" + title_key);
  PaperRef::for_each_part(authors, '\n', [&](std::string_view name) {
    for (std::string& k : author_keys(name)) add_once(keys, "t:" + k);
  });
  return keys;
}

uint64_t id_key_value(std::string_view id) {
  uint64_t h = search_hash("i:");
  for (char c : id) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    h = search_hash_more(h, std::string_view(&lower, 1));
  }
  return h >> 24;
}

void append_key_values(std::string_view id, std::string_view title, std::string_view authors,
                       std::vector<uint64_t>& out) {
  out.push_back(id_key_value(id));
  KeyHash title_key(kTextKeyPrefix);
  for_each_term(title, [&](std::string_view t) { title_key.add(t); });
  if (title_key.terms()) out.push_back(title_key.value());
  PaperRef::for_each_part(authors, '\n', [&](std::string_view name) {
    AuthorKeyHash keys;
    for_each_term(name, [&](std::string_view t) { keys.add(t); });
    keys.values([&](uint64_t v) { out.push_back(v); });
  });
}

}  // namespace paperpress
