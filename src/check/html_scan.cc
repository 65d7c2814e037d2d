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

HtmlFacts scan_html(std::string_view text, CollectIds collect_ids) {
  HtmlFacts facts;
  const size_t n = text.size();
  int svg_depth = 0;
  size_t i = 0;
  while ((i = text.find('<', i)) != kNpos && i + 1 < n) {
    const size_t tag_start = i;
    char c = text[i + 1];
    if (c == '!') {
      size_t end;
      if (text.compare(i, 4, "<!--") == 0) {
        end = text.find("-->", i + 4);
        if (end != kNpos) end += 3;
      } else if (text.compare(i, 9, "<![CDATA[") == 0) {
        end = text.find("]]>", i + 9);
        if (end != kNpos) end += 3;
      } else {
        end = text.find('>', i + 2);
        if (end != kNpos) end += 1;
      }
      if (end == kNpos) break;
      i = end;
      continue;
    }
    if (c == '?') {
      size_t end = text.find('>', i + 2);
      if (end == kNpos) break;
      i = end + 1;
      continue;
    }
    const bool closing = c == '/';
    size_t p = i + (closing ? 2 : 1);
    if (p >= n || !is_alpha(text[p])) {
      i += 1;  // a literal '<' in text
      continue;
    }
    size_t name_start = p;
    while (p < n && !is_html_space(text[p]) && text[p] != '>' && text[p] != '/') ++p;
    std::string_view name = text.substr(name_start, p - name_start);
    if (closing) {
      if (svg_depth > 0 && equals_ignoring_case(name, "svg")) --svg_depth;
      size_t end = text.find('>', p);
      if (end == kNpos) break;
      i = end + 1;
      continue;
    }

    const bool is_anchor = equals_ignoring_case(name, "a");
    bool self_closing = false;
    while (p < n) {
      while (p < n && is_html_space(text[p])) ++p;
      if (p >= n) break;
      if (text[p] == '>') {
        ++p;
        break;
      }
      if (text[p] == '/') {
        self_closing = p + 1 < n && text[p + 1] == '>';
        ++p;
        continue;
      }
      size_t attr_start = p;
      while (p < n && !is_html_space(text[p]) && text[p] != '>' && text[p] != '/' && text[p] != '=')
        ++p;
      if (p == attr_start) {  // a stray '=' where a name should be
        ++p;
        continue;
      }
      std::string_view attr = text.substr(attr_start, p - attr_start);
      while (p < n && is_html_space(text[p])) ++p;
      if (p >= n || text[p] != '=') continue;  // an attribute without a value
      ++p;
      while (p < n && is_html_space(text[p])) ++p;
      std::string_view value;
      if (p < n && (text[p] == '"' || text[p] == '\'')) {
        size_t end = text.find(text[p], p + 1);
        if (end == kNpos) end = n;
        value = text.substr(p + 1, end - p - 1);
        p = end < n ? end + 1 : n;
      } else {
        size_t start = p;
        while (p < n && !is_html_space(text[p]) && text[p] != '>') ++p;
        value = text.substr(start, p - start);
      }
      if (equals_ignoring_case(attr, "href") || equals_ignoring_case(attr, "src")) {
        facts.links.push_back(FoundLink{decode_html_entities(value), attr_start});
      } else if (collect_ids == CollectIds::kYes &&
                 (equals_ignoring_case(attr, "id") ||
                  (is_anchor && equals_ignoring_case(attr, "name")))) {
        facts.ids.push_back(decode_html_entities(value));
      }
    }
    i = p;

    if (equals_ignoring_case(name, "svg")) {
      if (!self_closing) ++svg_depth;
    } else if (equals_ignoring_case(name, "script") || equals_ignoring_case(name, "style") ||
               equals_ignoring_case(name, "textarea")) {
      std::string_view raw = equals_ignoring_case(name, "script")  ? "script"
                             : equals_ignoring_case(name, "style") ? "style"
                                                                   : "textarea";
      size_t end = find_end_tag(text, i, raw);
      if (end == kNpos) break;
      i = end;
    } else if (equals_ignoring_case(name, "title")) {
      size_t end = find_end_tag(text, i, "title");
      if (end == kNpos) end = n;
      if (svg_depth == 0 && !facts.title) {
        facts.title = normalize_space(decode_html_entities(text.substr(i, end - i)));
        facts.title_offset = tag_start;
      }
      i = end;
    }
  }
  return facts;
}

}  // namespace paperpress
