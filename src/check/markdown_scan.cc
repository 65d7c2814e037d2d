#include "paperpress/check/markdown_scan.h"

#include <algorithm>
#include <map>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

constexpr size_t kNpos = std::string_view::npos;

bool is_blank(char c) {
  return is_space(c, Whitespace::kBlank);
}

size_t line_end(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  return nl == kNpos ? text.size() : nl;
}

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_blank(c) || c == '\r'; });
}

// Replaces [from, to) by spaces, keeping newlines so that offsets and line numbers hold.
void blank_out(std::string& text, size_t from, size_t to) {
  for (size_t i = from; i < to && i < text.size(); ++i)
    if (text[i] != '\n') text[i] = ' ';
}

// Up to three spaces of indentation, as CommonMark allows before a block marker.
size_t skip_indent(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  return i;
}

// A code fence opening or closing line: its character and run length, or {0, 0}.
std::pair<char, size_t> fence_of(std::string_view line) {
  size_t i = skip_indent(line);
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return {0, 0};
  char c = line[i];
  size_t run = 0;
  while (i + run < line.size() && line[i + run] == c) ++run;
  if (run < 3) return {0, 0};
  if (c == '`' && line.find('`', i + run) != kNpos) return {0, 0};
  return {c, run};
}

// Where the paragraph holding `pos` ends: the newline before the next blank line.
size_t paragraph_end(std::string_view text, size_t pos) {
  size_t end = line_end(text, pos);
  while (end < text.size()) {
    size_t next = line_end(text, end + 1);
    if (is_blank_line(text.substr(end + 1, next - end - 1))) return end;
    end = next;
  }
  return end;
}

bool escaped(std::string_view text, size_t pos) {
  size_t backslashes = 0;
  while (pos > backslashes && text[pos - backslashes - 1] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

// The text with fenced code blocks, code spans and HTML comments blanked out.
std::string mask_code(std::string_view source) {
  std::string text(source);
  // Fenced code blocks.
  char fence_char = 0;
  size_t fence_run = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = line_end(text, pos);
    std::string_view line(text.data() + pos, end - pos);
    auto [c, run] = fence_of(line);
    if (fence_char == 0) {
      if (c != 0) {
        fence_char = c;
        fence_run = run;
        blank_out(text, pos, end);
      }
    } else {
      bool closes =
          c == fence_char && run >= fence_run && is_blank_line(line.substr(line.find(c) + run));
      blank_out(text, pos, end);
      if (closes) fence_char = 0;
    }
    pos = end + 1;
  }
  // HTML comments and code spans, in one left-to-right pass.
  for (size_t pos = 0; pos < text.size();) {
    if (text[pos] == '<' && text.compare(pos, 4, "<!--") == 0) {
      size_t end = text.find("-->", pos + 4);
      end = end == kNpos ? text.size() : end + 3;
      blank_out(text, pos, end);
      pos = end;
      continue;
    }
    if (text[pos] != '`' || escaped(text, pos)) {
      ++pos;
      while (pos < text.size() && text[pos] != '`' && text[pos] != '<') ++pos;
      continue;
    }
    size_t run = 0;
    while (pos + run < text.size() && text[pos + run] == '`') ++run;
    size_t limit = paragraph_end(text, pos);
    size_t search = pos + run;
    size_t close = kNpos;
    while ((search = text.find('`', search)) != kNpos && search < limit) {
      size_t other = 0;
      while (search + other < text.size() && text[search + other] == '`') ++other;
      if (other == run) {
        close = search;
        break;
      }
      search += other;
    }
    if (close == kNpos) {
      pos += run;
      continue;
    }
    blank_out(text, pos, close + run);
    pos = close + run;
  }
  return text;
}

// Parses a link destination at text[pos] (after "](" or "]:" and spaces). Returns the
// destination and sets `after` past it, or returns nullopt when there is none.
std::optional<std::string> parse_destination(std::string_view text, size_t pos, size_t& after,
                                             bool balance_parens) {
  std::string dest;
  if (pos < text.size() && text[pos] == '<') {
    size_t end = pos + 1;
    while (end < text.size() && text[end] != '>' && text[end] != '\n') {
      if (text[end] == '\\' && end + 1 < text.size()) ++end;
      dest += text[end++];
    }
    if (end >= text.size() || text[end] != '>') return std::nullopt;
    after = end + 1;
    return dest;
  }
  int depth = 0;
  size_t i = pos;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
    if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
      dest += text[++i];
      continue;
    }
    if (balance_parens && c == '(') ++depth;
    if (balance_parens && c == ')') {
      if (depth == 0) break;
      --depth;
    }
    dest += c;
  }
  after = i;
  return dest;
}

// Skips an optional link title ("t", 't' or (t)) and expects the closing ')'.
bool closes_inline_link(std::string_view text, size_t pos) {
  auto skip_space = [&] {
    while (pos < text.size() && (is_blank(text[pos]) || text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  };
  skip_space();
  if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'' || text[pos] == '(')) {
    char close = text[pos] == '(' ? ')' : text[pos];
    size_t end = pos + 1;
    while (end < text.size() && text[end] != close) {
      if (text[end] == '\\') ++end;
      ++end;
    }
    if (end >= text.size()) return false;
    pos = end + 1;
    skip_space();
  }
  return pos < text.size() && text[pos] == ')';
}

void find_inline_links(std::string_view text, std::vector<FoundLink>& links) {
  for (size_t pos = 0; (pos = text.find("](", pos)) != kNpos; pos += 2) {
    if (escaped(text, pos)) continue;
    size_t start = pos + 2;
    while (start < text.size() && is_blank(text[start])) ++start;
    size_t after = start;
    auto dest = parse_destination(text, start, after, /*balance_parens=*/true);
    if (!dest || !closes_inline_link(text, after)) continue;
    links.push_back(FoundLink{std::move(*dest), start});
  }
}

void find_reference_definitions(std::string_view text, std::vector<FoundLink>& links) {
  for (size_t pos = 0; pos < text.size();) {
    size_t end = line_end(text, pos);
    std::string_view line = text.substr(pos, end - pos);
    size_t i = skip_indent(line);
    if (i < line.size() && line[i] == '[' && i + 1 < line.size() && line[i + 1] != '^') {
      size_t close = line.find("]:", i + 1);
      if (close != kNpos && line.find(']', i + 1) == close) {
        size_t start = close + 2;
        while (start < line.size() && is_blank(line[start])) ++start;
        size_t after = start;
        auto dest = parse_destination(line, start, after, /*balance_parens=*/false);
        if (dest && !dest->empty()) links.push_back(FoundLink{std::move(*dest), pos + start});
      }
    }
    pos = end + 1;
  }
}

// The text of an ATX heading line ("## Papers ##" → "Papers"), or nullopt.
std::optional<std::string_view> atx_heading(std::string_view line) {
  size_t i = skip_indent(line);
  size_t hashes = 0;
  while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6) return std::nullopt;
  size_t start = i + hashes;
  if (start < line.size() && !is_blank(line[start]) && line[start] != '\r') return std::nullopt;
  std::string_view body = line.substr(start);
  while (!body.empty() && (is_blank(body.back()) || body.back() == '\r')) body.remove_suffix(1);
  size_t strip = body.size();
  while (strip > 0 && body[strip - 1] == '#') --strip;
  if (strip == 0 || is_blank(body[strip - 1])) body = body.substr(0, strip);
  while (!body.empty() && is_blank(body.front())) body.remove_prefix(1);
  while (!body.empty() && is_blank(body.back())) body.remove_suffix(1);
  return body;
}

// A setext underline: a line of only '=' (or only '-') after up to three spaces.
char setext_underline(std::string_view line) {
  size_t i = skip_indent(line);
  if (i >= line.size() || (line[i] != '=' && line[i] != '-')) return 0;
  char c = line[i];
  while (i < line.size() && line[i] == c) ++i;
  return is_blank_line(line.substr(i)) ? c : 0;
}

// Whether a line may be the text of a setext heading (a plain paragraph line).
bool plain_text_line(std::string_view line) {
  size_t i = skip_indent(line);
  if (i >= line.size() || is_blank_line(line)) return false;
  char c = line[i];
  if (c == '#' || c == '>' || c == '<' || c == '|' || c == '-' || c == '*' || c == '+' ||
      c == '=' || c == '`' || c == '~')
    return false;
  return !starts_with(line, "    ");
}

void find_heading_anchors(std::string_view text, std::vector<std::string>& ids) {
  std::map<std::string, int> seen;
  auto add = [&](std::string_view heading) {
    std::string anchor = github_heading_anchor(heading);
    int& count = seen[anchor];
    ids.push_back(count == 0 ? anchor : anchor + "-" + std::to_string(count));
    ++count;
  };
  std::string_view previous;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = line_end(text, pos);
    std::string_view line = text.substr(pos, end - pos);
    if (auto heading = atx_heading(line)) {
      add(*heading);
      previous = {};
    } else if (setext_underline(line) && plain_text_line(previous)) {
      std::string_view heading = previous;
      while (!heading.empty() && (is_blank(heading.front()))) heading.remove_prefix(1);
      while (!heading.empty() && (is_blank(heading.back()) || heading.back() == '\r'))
        heading.remove_suffix(1);
      add(heading);
      previous = {};
    } else {
      previous = line;
    }
    pos = end + 1;
  }
}

}  // namespace

std::string github_heading_anchor(std::string_view heading) {
  // The heading's text as rendered: link and image syntax and HTML tags reduced to their text.
  std::string plain;
  for (size_t i = 0; i < heading.size(); ++i) {
    char c = heading[i];
    if (c == '<') {
      size_t close = heading.find('>', i);
      if (close != kNpos) {
        i = close;
        continue;
      }
    }
    if (c == ']' && i + 1 < heading.size() && heading[i + 1] == '(') {
      size_t close = heading.find(')', i);
      if (close != kNpos) {
        i = close;
        continue;
      }
    }
    plain += c;
  }
  std::string anchor;
  for (char c : plain) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_') {
      anchor += c;
    } else if (c >= 'A' && c <= 'Z') {
      anchor += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ') {
      anchor += '-';
    }
  }
  return anchor;
}

MarkdownFacts scan_markdown(std::string_view source, CollectIds collect_ids) {
  std::string text = mask_code(source);
  MarkdownFacts facts;
  find_inline_links(text, facts.links);
  find_reference_definitions(text, facts.links);
  HtmlFacts html = scan_html(text, collect_ids);
  facts.links.insert(facts.links.end(), std::make_move_iterator(html.links.begin()),
                     std::make_move_iterator(html.links.end()));
  std::stable_sort(facts.links.begin(), facts.links.end(),
                   [](const FoundLink& a, const FoundLink& b) { return a.offset < b.offset; });
  if (collect_ids == CollectIds::kYes) {
    find_heading_anchors(text, facts.ids);
    facts.ids.insert(facts.ids.end(), std::make_move_iterator(html.ids.begin()),
                     std::make_move_iterator(html.ids.end()));
  }
  return facts;
}

}  // namespace paperpress
