#include "paperpress/render/math_text.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "paperpress/render/escape.h"

namespace paperpress {
namespace {

constexpr size_t kNone = std::string_view::npos;

// The four delimiter pairs: $…$, $$…$$, \(…\), \[…\].
enum class Delimiter { kDollar, kDoubleDollar, kParen, kBracket };

struct Span {
  size_t begin = 0;  // the opening delimiter's first byte
  size_t end = 0;    // one past the closing delimiter
  bool display = false;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool digit_at(std::string_view text, size_t i) {
  return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

bool all_space(std::string_view text) {
  return std::all_of(text.begin(), text.end(), is_space);
}

// True when the line break at text[i] (LF, CR or CR LF) is followed by a blank line: nothing
// but spaces and tabs before the next line break.
bool blank_line_after(std::string_view text, size_t i) {
  size_t j = i + 1;
  if (text[i] == '\r' && j < text.size() && text[j] == '\n') ++j;
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
  return j < text.size() && (text[j] == '\n' || text[j] == '\r');
}

// The end of the span opened by `delimiter` at text[open], or kNone when the opener is text.
// Every scan stops at the first delimiter that could close it (and \( at the next \(, \[ at the
// next \[), so an opener that fails leaves the next opener of its kind at or after the place it
// stopped: the text is read a bounded number of times whatever it holds.
size_t close_span(std::string_view text, size_t open, Delimiter delimiter) {
  const size_t delimiter_size = delimiter == Delimiter::kDollar ? 1 : 2;
  const size_t body = open + delimiter_size;
  const size_t limit = std::min(text.size(), open + kMaxMathBytes);
  // The span when its closing delimiter starts at `close`: long enough and not empty.
  auto span_to = [&](size_t close) {
    const size_t end = close + delimiter_size;
    if (end - open > kMaxMathBytes || all_space(text.substr(body, close - body))) return kNone;
    return end;
  };
  const bool backslashed = delimiter == Delimiter::kParen || delimiter == Delimiter::kBracket;
  const char closer = delimiter == Delimiter::kParen ? ')' : ']';
  const char reopener = delimiter == Delimiter::kParen ? '(' : '[';
  for (size_t i = body; i < limit; ++i) {
    const char c = text[i];
    if (c == '\\') {
      if (i + 1 == text.size()) return kNone;
      if (backslashed && text[i + 1] == closer) return span_to(i);
      if (backslashed && text[i + 1] == reopener) return kNone;
      ++i;  // a pair: \$, \\, \alpha's a
    } else if (c == '\n' || c == '\r') {
      if (blank_line_after(text, i)) return kNone;
    } else if (c == '$' && !backslashed) {
      if (delimiter == Delimiter::kDollar) {
        if (is_space(text[i - 1]) || digit_at(text, i + 1)) return kNone;
        return span_to(i);
      }
      if (i + 1 < text.size() && text[i + 1] == '$') {
        if (digit_at(text, i + 2)) return kNone;
        return span_to(i);
      }
    }
  }
  return kNone;
}

// The first byte at or after `from` of `c` in `text`, or kNone.
size_t find_byte(std::string_view text, char c, size_t from) {
  if (from >= text.size()) return kNone;
  const void* hit = std::memchr(text.data() + from, c, text.size() - from);
  return hit == nullptr ? kNone : static_cast<size_t>(static_cast<const char*>(hit) - text.data());
}

// Finds the math spans of a text left to right. The next `$` and `\` are each found with
// memchr and kept until passed.
class Segmenter {
 public:
  explicit Segmenter(std::string_view text)
      : text_(text), dollar_(find_byte(text, '$', 0)), backslash_(find_byte(text, '\\', 0)) {}

  // The first span starting at or after `from`, which is never inside a backslash pair.
  std::optional<Span> next(size_t from) {
    size_t i = from;
    while ((i = next_special(i)) != kNone) {
      if (i + 1 == text_.size()) return std::nullopt;  // a last lone $ or \ opens nothing
      const char after = text_[i + 1];
      if (text_[i] == '\\') {
        if (after == '(' || after == '[') {
          const bool display = after == '[';
          const size_t end =
              close_span(text_, i, display ? Delimiter::kBracket : Delimiter::kParen);
          if (end != kNone) return Span{i, end, display};
        }
        i += 2;  // a pair, text: \$ \\ \alpha, or a \( \[ that opened nothing
      } else if (after == '$') {
        const size_t end = close_span(text_, i, Delimiter::kDoubleDollar);
        if (end != kNone) return Span{i, end, true};
        i += 2;
      } else {
        if (!is_space(after)) {
          const size_t end = close_span(text_, i, Delimiter::kDollar);
          if (end != kNone) return Span{i, end, false};
        }
        i += 1;
      }
    }
    return std::nullopt;
  }

 private:
  // The first `$` or `\` at or after `i`, or kNone.
  size_t next_special(size_t i) {
    if (dollar_ != kNone && dollar_ < i) dollar_ = find_byte(text_, '$', i);
    if (backslash_ != kNone && backslash_ < i) backslash_ = find_byte(text_, '\\', i);
    return std::min(dollar_, backslash_);
  }

  std::string_view text_;
  size_t dollar_;
  size_t backslash_;
};

}  // namespace

bool has_math(std::string_view text) {
  return Segmenter(text).next(0).has_value();
}

void append_html_with_math(std::string& out, std::string_view text) {
  Segmenter segmenter(text);
  size_t done = 0;
  for (auto span = segmenter.next(0); span; span = segmenter.next(span->end)) {
    escape_html(out, text.substr(done, span->begin - done));
    out += span->display ? "<span class=\"math display\">" : "<span class=\"math\">";
    escape_html(out, text.substr(span->begin, span->end - span->begin));
    out += "</span>";
    done = span->end;
  }
  escape_html(out, text.substr(done));
}

namespace {

// Text between spans, escaped as Markdown; escape_markdown drops the spaces at its ends, which
// here sit next to a span and are kept.
void append_markdown_between(std::string& out, std::string_view part, bool before_span) {
  if (part.empty()) return;
  const bool lead = is_space(part.front()) && !out.empty();
  const bool trail = is_space(part.back()) && before_span;
  if (lead) out += ' ';
  escape_markdown(out, part);
  if (trail && !(lead && all_space(part))) out += ' ';
}

void append_markdown_math(std::string& out, std::string_view tex) {
  for (char c : tex) {
    switch (c) {
      case '<':
        out += "\\lt ";
        break;
      case '>':
        out += "\\gt ";
        break;
      case '&':
        out += "\\&";
        break;
      case '[':
        out += "\\lbrack ";
        break;
      case ']':
        out += "\\rbrack ";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

void append_markdown_with_math(std::string& out, std::string_view text) {
  if (!has_math(text)) {
    escape_markdown(out, text);
    return;
  }
  Segmenter segmenter(text);
  size_t done = 0;
  for (auto span = segmenter.next(0); span; span = segmenter.next(span->end)) {
    append_markdown_between(out, text.substr(done, span->begin - done), true);
    const std::string_view source = text.substr(span->begin, span->end - span->begin);
    const size_t delimiter = span->display && source.starts_with("$$") ? 2 : 1;
    // \( \) and \[ \] are two bytes each; $ one and $$ two.
    const size_t open = source.starts_with("\\") ? 2 : delimiter;
    const std::string_view body = source.substr(open, source.size() - 2 * open);
    out += span->display ? "$$" : "$";
    append_markdown_math(out, body);
    out += span->display ? "$$" : "$";
    done = span->end;
  }
  append_markdown_between(out, text.substr(done), false);
}

}  // namespace paperpress
