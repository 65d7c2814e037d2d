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
    for (std::string& k : author_keys(name)) add_once(keys, "a:" + k);
  });
  return keys;
}

void append_key_values(std::string_view id, std::string_view title, std::string_view authors,
                       std::vector<uint64_t>& out) {
  // Each key is hashed as its terms are scanned, without its string (search_hash_more).
  static constexpr uint64_t kId = search_hash("i:"), kTitle = search_hash("t:"),
                            kAuthor = search_hash("a:");
  uint64_t h = kId;
  for (char c : id) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    h = search_hash_more(h, std::string_view(&lower, 1));
  }
  out.push_back(h >> 24);
  std::string_view t;
  h = kTitle;
  bool any = false;
  for (TermScanner scan(title); scan.next(t); any = true) {
    if (any) h = search_hash_more(h, " ");
    h = search_hash_more(h, t);
  }
  if (any) out.push_back(h >> 24);
  PaperRef::for_each_part(authors, '\n', [&](std::string_view name) {
    // The whole name; "a:<first>" and "a:<first's initial>", to which " <last>" is added.
    uint64_t all = kAuthor, first = kAuthor, initial_of_first = kAuthor;
    char last[kMaxTermChars * 4];
    size_t last_size = 0, terms = 0;
    for (TermScanner scan(name); scan.next(t); ++terms) {
      if (terms == 0) {
        first = search_hash_more(first, t);
        initial_of_first = search_hash_more(initial_of_first, initial(t));
      } else {
        all = search_hash_more(all, " ");
      }
      all = search_hash_more(all, t);
      last_size = std::min(t.size(), sizeof last);
      std::copy_n(t.data(), last_size, last);
    }
    if (terms == 0) return;
    out.push_back(all >> 24);
    if (terms < 2) return;
    const std::string_view last_term(last, last_size);
    out.push_back(search_hash_more(search_hash_more(first, " "), last_term) >> 24);
    out.push_back(search_hash_more(search_hash_more(initial_of_first, " "), last_term) >> 24);
  });
}

}  // namespace paperpress
