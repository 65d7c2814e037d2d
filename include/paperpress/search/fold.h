// The words of the search index: text folded to terms the same way when the index is built and
// when a reader types a query (themes/default/static/assets/search.js mirrors these rules; a
// change here is a new search format, see search_format.h).
//
//  - ASCII letters and digits are word characters, lowercased; other ASCII is a separator.
//  - Latin letters with accents (U+00C0–U+017F) fold to their base letters ("é" → "e",
//    "ß" → "ss", "ø" → "o"); × and ÷ separate. Greek and Cyrillic capitals are lowercased.
//  - U+0080–U+00BF, U+2000–U+2BFF (punctuation, arrows, mathematical symbols), U+3000–U+303F
//    and U+FF00–U+FF0F separate words; every other code point is a word character kept as it
//    is. Malformed UTF-8 separates.
//  - A term longer than kMaxTermChars code points is dropped.
//  - Simple plurals of ASCII words of 4 letters or more fold: "-ies" → "-y" (5 letters or
//    more), "-sses" → "-ss", a final "s" is dropped unless the word ends in "ss", "us" or "is".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paperpress {

inline constexpr size_t kMaxTermChars = 40;

// The terms of a text in order, one at a time, without allocating: ASCII letters and digits
// are lowercased through a table, a run at a time; other bytes are decoded one code point at a
// time.
class TermScanner {
 public:
  explicit TermScanner(std::string_view text) : text_(text) {}
  // The next term (valid until the next call), or false at the end of the text.
  bool next(std::string_view& term);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  // The current term, folded: at most 4 bytes a code point, and room for one 16-byte store
  // more.
  char buf_[kMaxTermChars * 4 + 16];
};

// Folds a simple English plural in place (the last rule above).
void fold_plural(std::string& word);

// Every term of `text`, in order.
std::vector<std::string> terms_of(std::string_view text);

// The terms of `text` joined by single spaces: the key under which an exact title or author
// name is looked up ("Attention Is All You Need" → "attention is all you need").
std::string fold_key(std::string_view text);

}  // namespace paperpress
