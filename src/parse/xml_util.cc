#include "paperpress/parse/xml_util.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>

namespace paperpress {

namespace {

// Index of the first byte >= 0x80, or text.size(); 32 bytes, then 8, at a time.
size_t first_non_ascii(std::string_view text) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 32 <= text.size(); i += 32) {
    uint64_t w[4];
    std::memcpy(w, text.data() + i, 32);
    if ((w[0] | w[1] | w[2] | w[3]) & kHigh) break;
  }
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & kHigh) break;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80) return i;
  return text.size();
}

// Maps an offset in repair_utf8(original) back to an offset in `original`: every invalid byte
// became the three bytes of U+FFFD.
size_t original_offset(std::string_view original, size_t repaired_offset) {
  size_t i = 0, r = 0;
  while (i < original.size()) {
    auto bad = find_invalid_utf8(original.substr(i));
    size_t next_bad = bad ? i + *bad : original.size();
    if (repaired_offset < r + (next_bad - i)) return i + (repaired_offset - r);
    r += next_bad - i;
    i = next_bad;
    if (i == original.size()) break;
    if (repaired_offset < r + 3) return i;
    r += 3;
    ++i;
  }
  return original.size();
}

bool is_open_bracket(char c) {
  return c == '(' || c == '{' || c == '[';
}
bool is_close_bracket(char c) {
  return c == ')' || c == '}' || c == ']';
}

bool brackets_balanced(std::string_view s) {
  int depth = 0;
  for (char c : s) {
    if (is_open_bracket(c)) {
      ++depth;
    } else if (is_close_bracket(c)) {
      if (--depth < 0) return false;
    }
  }
  return depth == 0;
}

// Drops "(...)" groups, nested ones included, and normalizes whitespace.
std::string strip_parenthesized(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  int depth = 0;
  for (char c : name) {
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return normalize_space(out);
}

// "et al." closes some author lists; it names nobody.
bool is_et_al(std::string_view name) {
  std::string lower = ascii_lower(name);
  return lower == "et al" || lower == "et al.";
}

}  // namespace

std::optional<size_t> first_invalid_utf8(std::string_view text) {
  // Multi-byte sequences hold no ASCII byte, so each run of bytes >= 0x80 must be a series of
  // whole sequences: skip ASCII eight bytes at a time and validate only the runs.
  size_t i = 0;
  while (true) {
    i += first_non_ascii(text.substr(i));
    if (i == text.size()) return std::nullopt;
    size_t end = i;
    while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
    if (auto bad = find_invalid_utf8(text.substr(i, end - i))) return i + *bad;
    i = end;
  }
}

Status load_xml(std::string_view body, pugi::xml_document& doc,
                std::vector<std::string>& warnings) {
  if (trim(body, Whitespace::kXml).empty()) return Error{"empty response"};
  std::string repaired;
  std::string_view input = body;
  if (auto bad = first_invalid_utf8(body)) {
    repaired = repair_utf8(body);
    size_t replaced = (repaired.size() - body.size()) / 2;
    warnings.push_back("invalid UTF-8 at byte " + std::to_string(*bad) + " replaced by U+FFFD (" +
                       std::to_string(replaced) + (replaced == 1 ? " byte" : " bytes") +
                       " in all)");
    input = repaired;
  }
  try {
    pugi::xml_parse_result result = doc.load_buffer(
        input.data(), input.size(),
        pugi::parse_cdata | pugi::parse_escapes | pugi::parse_embed_pcdata, pugi::encoding_utf8);
    if (!result) {
      size_t offset = static_cast<size_t>(result.offset);
      if (!repaired.empty()) offset = original_offset(body, offset);
      return Error{"malformed XML at byte " + std::to_string(offset) + ": " + result.description()};
    }
  } catch (const std::bad_alloc&) {
    return Error{"out of memory parsing XML (" + std::to_string(body.size()) + " bytes)"};
  }
  return Status::success();
}

std::string_view local_name(const char* qualified_name) {
  std::string_view name(qualified_name);
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool has_local_name(pugi::xml_node node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node.name()) == name;
}

pugi::xml_node child_by_local_name(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
    if (has_local_name(child, name)) return child;
  return pugi::xml_node();
}

std::string element_text(pugi::xml_node node) {
  // With parse_embed_pcdata the first text of an element is its value, the rest are children.
  std::string out = node.value();
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    pugi::xml_node_type type = child.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) out += child.value();
  }
  return out;
}

std::string normalized_text(pugi::xml_node node) {
  // Fast path: the usual element holding nothing but its text, read from the parser's buffer.
  if (!node.first_child()) return normalize_space(node.value());
  return normalize_space(element_text(node));
}

std::optional<long long> parse_integer(std::string_view text) {
  text = trim(text, Whitespace::kXml);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<ArxivId> parse_arxiv_id_safely(std::string_view text) {
  text = trim(text, Whitespace::kXml);
  for (std::string_view marker : {"/abs/", "/pdf/"}) {
    size_t at = text.find(marker);
    if (at != std::string_view::npos && text.find("://") != std::string_view::npos) {
      text.remove_prefix(at + marker.size());
      break;
    }
  }
  if (text.empty() || text.size() > 64) return std::nullopt;
  try {
    return parse_arxiv_id(text);
  } catch (const std::exception&) {  // e.g. std::stoi on an absurdly long version number
    return std::nullopt;
  }
}

std::optional<int> parse_version_label(std::string_view text) {
  text = trim(text, Whitespace::kXml);
  if (text.size() < 2 || (text[0] != 'v' && text[0] != 'V') || text.size() > 10)
    return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::vector<std::string> split_author_list(std::string_view text) {
  std::string s = normalize_space(text);
  // Commas inside brackets ("(1) CERN, (2) DESY") belong to an affiliation, unless the brackets
  // do not pair up, in which case they mean nothing and every separator counts.
  bool balanced = brackets_balanced(s);
  std::vector<std::string> out;
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view piece(s.data() + start, end - start);
    std::string name = balanced ? strip_parenthesized(piece) : normalize_space(piece);
    if (name.empty() || is_et_al(name)) return;
    out.push_back(std::move(name));
  };
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (balanced) {
      if (is_open_bracket(c)) {
        ++depth;
        continue;
      }
      if (is_close_bracket(c)) {
        --depth;
        continue;
      }
      if (depth > 0) continue;
    }
    if (c == ',') {
      flush(i);
      start = i + 1;
    } else if (c == ' ' && s.compare(i, 5, " and ") == 0) {
      flush(i);
      start = i + 5;
      i += 3;  // the loop's ++i lands on the space after "and"
    }
  }
  flush(s.size());
  return out;
}

std::string author_display_name(std::string_view forenames, std::string_view keyname,
                                std::string_view suffix) {
  std::string joined;
  joined.reserve(forenames.size() + keyname.size() + suffix.size() + 2);
  for (std::string_view part : {forenames, keyname, suffix}) {
    part = trim(part, Whitespace::kXml);
    if (part.empty()) continue;
    if (!joined.empty()) joined.push_back(' ');
    joined.append(part);
  }
  return normalize_space(joined);
}

void finish_categories(Paper& paper, std::string_view primary) {
  std::vector<std::string> out;
  out.reserve(paper.categories.size() + 1);
  primary = trim(primary, Whitespace::kXml);
  if (!primary.empty()) {
    out.emplace_back(primary);
  }
  for (std::string& category : paper.categories) {
    if (category.empty() || std::find(out.begin(), out.end(), category) != out.end()) continue;
    out.push_back(std::move(category));
  }
  paper.primary_category = out.empty() ? std::string() : out.front();
  paper.categories = std::move(out);
}

}  // namespace paperpress
