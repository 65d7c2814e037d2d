#include "paperpress/check/html_scan.h"

#include <cstdint>

#include "paperpress/util/text.h"
#include "paperpress/util/url.h"

namespace paperpress {

namespace {

constexpr size_t kNpos = std::string_view::npos;

bool is_html_space(char c) {
  return is_space(c, Whitespace::kHtml);
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The position of the end tag "</name" (any case) at or after `pos`, or npos.
size_t find_end_tag(std::string_view text, size_t pos, std::string_view name) {
  while ((pos = text.find("</", pos)) != kNpos) {
    size_t after = pos + 2 + name.size();
    if (after <= text.size() && equals_ignoring_case(text.substr(pos + 2, name.size()), name) &&
        (after == text.size() || is_html_space(text[after]) || text[after] == '>' ||
         text[after] == '/'))
      return pos;
    pos += 2;
  }
  return kNpos;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the reference starting at text[i] == '&'; returns its length, or 0 when it is none.
size_t decode_reference(std::string_view text, size_t i, std::string& out) {
  size_t semi = text.find(';', i + 1);
  if (semi == kNpos || semi - i > 12) return 0;
  std::string_view name = text.substr(i + 1, semi - i - 1);
  if (name.size() >= 2 && name[0] == '#') {
    uint32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int d = hex ? hex_digit_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      if (cp > 0x10FFFF) cp = 0x110000;
    }
    append_utf8(out, cp);
    return semi - i + 1;
  }
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
  for (const auto& [entity, replacement] : kNamed) {
    if (name == entity) {
      out += replacement;
      return semi - i + 1;
    }
  }
  return 0;
}

}  // namespace

std::string decode_html_entities(std::string_view text) {
  if (text.find('&') == kNpos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (size_t n = decode_reference(text, i, out)) {
        i += n;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

namespace {

// The end of the comment, CDATA section, declaration ("<!...") or processing instruction
// ("<?...") at text[i] == '<', or kNpos when it never ends.
size_t end_of_declaration(std::string_view text, size_t i) {
  auto after = [&](std::string_view close, size_t from) {
    size_t end = text.find(close, from);
    return end == kNpos ? kNpos : end + close.size();
  };
  if (text[i + 1] == '?') return after(">", i + 2);
  if (text.compare(i, 4, "<!--") == 0) return after("-->", i + 4);
  if (text.compare(i, 9, "<![CDATA[") == 0) return after("]]>", i + 9);
  return after(">", i + 2);
}

// One pass over a page's markup. Each step reads the markup at a '<' and says where to read on
// (kNpos: the page ends inside it, or nothing more can be read).
class HtmlScanner {
 public:
  HtmlScanner(std::string_view text, CollectIds collect_ids)
      : text_(text), collect_ids_(collect_ids) {}

  HtmlFacts scan() && {
    size_t i = 0;
    while ((i = text_.find('<', i)) != kNpos && i + 1 < text_.size()) i = read_markup(i);
    return std::move(facts_);
  }

 private:
  // The markup at text_[i] == '<': a declaration, an end tag, a start tag or a literal '<'.
  size_t read_markup(size_t i) {
    const char c = text_[i + 1];
    if (c == '!' || c == '?') return end_of_declaration(text_, i);
    const bool closing = c == '/';
    const size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= text_.size() || !is_alpha(text_[name_start])) return i + 1;
    size_t p = name_start;
    while (p < text_.size() && !is_html_space(text_[p]) && text_[p] != '>' && text_[p] != '/') ++p;
    std::string_view name = text_.substr(name_start, p - name_start);
    return closing ? read_end_tag(name, p) : read_start_tag(i, name, p);
  }

  size_t read_end_tag(std::string_view name, size_t p) {
    if (svg_depth_ > 0 && equals_ignoring_case(name, "svg")) --svg_depth_;
    size_t end = text_.find('>', p);
    return end == kNpos ? kNpos : end + 1;
  }

  size_t read_start_tag(size_t tag_start, std::string_view name, size_t p) {
    bool self_closing = false;
    p = read_attributes(p, equals_ignoring_case(name, "a"), self_closing);
    return read_element_content(tag_start, name, p, self_closing);
  }

  // The attributes of a start tag, from just after its name to its '>'; the position after it.
  size_t read_attributes(size_t p, bool is_anchor, bool& self_closing) {
    const size_t n = text_.size();
    while (p < n) {
      while (p < n && is_html_space(text_[p])) ++p;
      if (p >= n) break;
      if (text_[p] == '>') return p + 1;
      if (text_[p] == '/') {
        self_closing = p + 1 < n && text_[p + 1] == '>';
        ++p;
        continue;
      }
      size_t attr_start = p;
      while (p < n && !is_html_space(text_[p]) && text_[p] != '>' && text_[p] != '/' &&
             text_[p] != '=')
        ++p;
      if (p == attr_start) {  // a stray '=' where a name should be
        ++p;
        continue;
      }
      std::string_view attr = text_.substr(attr_start, p - attr_start);
      while (p < n && is_html_space(text_[p])) ++p;
      if (p >= n || text_[p] != '=') continue;  // an attribute without a value
      ++p;
      while (p < n && is_html_space(text_[p])) ++p;
      std::string_view value = read_attribute_value(p);
      record_attribute(attr, value, attr_start, is_anchor);
    }
    return p;
  }

  // A quoted or unquoted attribute value at p; moves p past it.
  std::string_view read_attribute_value(size_t& p) const {
    const size_t n = text_.size();
    if (p < n && (text_[p] == '"' || text_[p] == '\'')) {
      size_t end = text_.find(text_[p], p + 1);
      if (end == kNpos) end = n;
      std::string_view value = text_.substr(p + 1, end - p - 1);
      p = end < n ? end + 1 : n;
      return value;
    }
    size_t start = p;
    while (p < n && !is_html_space(text_[p]) && text_[p] != '>') ++p;
    return text_.substr(start, p - start);
  }

  void record_attribute(std::string_view attr, std::string_view value, size_t offset,
                        bool is_anchor) {
    if (equals_ignoring_case(attr, "href") || equals_ignoring_case(attr, "src")) {
      facts_.links.push_back(FoundLink{decode_html_entities(value), offset});
    } else if (collect_ids_ == CollectIds::kYes &&
               (equals_ignoring_case(attr, "id") ||
                (is_anchor && equals_ignoring_case(attr, "name")))) {
      facts_.ids.push_back(decode_html_entities(value));
    }
  }

  // After the start tag `name` (ending at i): an inline <svg> is entered, the raw text of
  // <script>, <style> and <textarea> is skipped, the first <title> outside an <svg> is kept.
  size_t read_element_content(size_t tag_start, std::string_view name, size_t i,
                              bool self_closing) {
    if (equals_ignoring_case(name, "svg")) {
      if (!self_closing) ++svg_depth_;
      return i;
    }
    for (std::string_view raw : {"script", "style", "textarea"})
      if (equals_ignoring_case(name, raw)) return find_end_tag(text_, i, raw);
    if (equals_ignoring_case(name, "title")) {
      size_t end = find_end_tag(text_, i, "title");
      if (end == kNpos) end = text_.size();
      if (svg_depth_ == 0 && !facts_.title) {
        facts_.title = normalize_space(decode_html_entities(text_.substr(i, end - i)));
        facts_.title_offset = tag_start;
      }
      return end;
    }
    return i;
  }

  std::string_view text_;
  CollectIds collect_ids_;
  HtmlFacts facts_;
  int svg_depth_ = 0;
};

}  // namespace

HtmlFacts scan_html(std::string_view text, CollectIds collect_ids) {
  return HtmlScanner(text, collect_ids).scan();
}

}  // namespace paperpress
