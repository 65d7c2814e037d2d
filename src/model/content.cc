#include "paperpress/model/content.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "paperpress/model/untrusted_markdown.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/text.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

// A value or heading of one line (no '\n'), trimmed of blanks and a CRLF's CR, without one pair
// of matching quotes around it.
std::string trim_unquoted(std::string_view s) {
  s = trim(s, Whitespace::kXml);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return std::string(s);
}

// "[a, b]", "a, b" or "a b" → the ids; nullopt names the first bad one in `bad`.
std::optional<std::vector<std::string>> parse_id_list(std::string_view value, std::string& bad) {
  std::string v(value);
  if (!v.empty() && v.front() == '[') {
    if (v.back() != ']') {
      bad = v;
      return std::nullopt;
    }
    v = v.substr(1, v.size() - 2);
  }
  for (char& ch : v)
    if (ch == ',' || ch == '\t') ch = ' ';
  std::vector<std::string> ids;
  for (const std::string& item : split(v, ' ')) {
    std::string t = trim_unquoted(item);
    auto id = parse_arxiv_id(t);
    if (!id) {
      bad = t;
      return std::nullopt;
    }
    ids.push_back(id->id);
  }
  return ids;
}

// The arXiv id of a line "### arXiv:ID" (any heading level), else "".
std::string section_id(std::string_view line) {
  size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6 || hashes == line.size() || line[hashes] != ' ') return "";
  std::string text = trim_unquoted(line.substr(hashes));
  if (!starts_with(text, "arXiv:")) return "";
  auto id = parse_arxiv_id(std::string_view(text).substr(6));
  return id ? id->id : "";
}

bool is_fence(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || i > 3) return false;
  return line.substr(i, 3) == "```" || line.substr(i, 3) == "~~~";
}

// Splits a digest body into its overview and the sections headed "arXiv:ID"; `first_line` is
// the file line of the body's first line.
std::string split_sections(const std::string& body, int first_line,
                           std::vector<PaperSection>& sections) {
  std::string overview;
  std::string* target = &overview;
  bool in_fence = false;
  size_t pos = 0;
  int line = first_line;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    size_t next = end == std::string::npos ? body.size() : end + 1;
    std::string_view l = std::string_view(body).substr(pos, next - pos);
    std::string_view bare = l;
    while (!bare.empty() && (bare.back() == '\n' || bare.back() == '\r')) bare.remove_suffix(1);
    if (is_fence(bare)) in_fence = !in_fence;
    std::string id = in_fence ? "" : section_id(bare);
    if (!id.empty()) {
      sections.push_back(PaperSection{id, "", "", line});
      target = &sections.back().markdown;
    } else {
      *target += l;
    }
    pos = next;
    ++line;
  }
  return overview;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown, RawHtml raw_html) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  int options = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG;
  if (raw_html == RawHtml::kKeep) options |= CMARK_OPT_UNSAFE;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out = html ? html : "";
  free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

namespace {

// "name:line: message".
Error error_at(const std::string& name, int line, const std::string& message) {
  return Error{name + ":" + std::to_string(line) + ": " + message};
}

// Applies one front matter line "key: value" (its comment cut off) to the page; `raw` is the
// whole line, for messages.
Status read_front_matter_line(std::string_view content, std::string_view raw, int line,
                              const std::string& name, ContentPage& page) {
  size_t colon = content.find(':');
  if (colon == std::string_view::npos)
    return error_at(name, line,
                    "expected 'key: value' in front matter, got '" + std::string(raw) + "'");
  std::string k = trim_unquoted(content.substr(0, colon));
  std::string v = trim_unquoted(content.substr(colon + 1));
  if (k == "title") {
    page.title = v;
  } else if (k == "date") {
    if (!parse_iso8601(v))
      return error_at(name, line, "'date' must be YYYY-MM-DD, not '" + v + "'");
    page.date = v.substr(0, 10);
  } else if (k == "topic") {
    page.topic = v;
  } else if (k == "paper") {
    auto id = parse_arxiv_id(v);
    if (!id) return error_at(name, line, "'paper' must be an arXiv id, not '" + v + "'");
    page.paper = id->id;
  } else if (k == "generated_by") {
    page.generated_by = v;
  } else if (k == "generated_hash") {
    page.generated_hash = v;
  } else if (k == "papers") {
    std::string bad;
    auto ids = parse_id_list(v, bad);
    if (!ids)
      return error_at(
          name, line,
          "'papers' must be a list of arXiv ids like [2511.22955, 2511.23477], not '" + bad + "'");
    for (std::string& id : *ids) {
      bool dup = std::any_of(page.papers.begin(), page.papers.end(),
                             [&](const PaperSection& s) { return s.id == id; });
      if (!dup) page.papers.push_back(PaperSection{std::move(id), "", "", line});
    }
  } else {
    return error_at(name, line, "unknown front matter key '" + k + "'");
  }
  return Status::success();
}

// Reads the front matter block opened by the first line "---", when there is one, into the
// page; the text after it (all of `text` when there is none).
Result<std::string_view> read_front_matter(std::string_view text, const std::string& name,
                                           ContentPage& page) {
  if (!starts_with(text, "---\n") && !starts_with(text, "---\r\n")) return text;
  size_t pos = text.find('\n') + 1;
  for (int line = 2; pos < text.size(); ++line) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    pos = std::min(end + 1, text.size());
    if (l == "---") return text.substr(pos);
    std::string_view content = l.substr(0, l.find(" #"));
    if (trim_unquoted(content).empty() || starts_with(trim_unquoted(content), "#")) continue;
    if (Status read = read_front_matter_line(content, l, line, name, page); !read)
      return read.error();
  }
  return Error{name + ":1: front matter opened with --- is never closed"};
}

// Adds the body's paper sections to the papers named in front matter: a section fills in the
// commentary of a named paper, or adds its paper after them.
Status merge_sections(std::vector<PaperSection> sections, const std::string& name,
                      ContentPage& page) {
  for (PaperSection& s : sections) {
    auto it = std::find_if(page.papers.begin(), page.papers.end(),
                           [&](const PaperSection& p) { return p.id == s.id; });
    if (it == page.papers.end()) {
      page.papers.push_back(std::move(s));
    } else if (it->markdown.empty()) {
      it->markdown = std::move(s.markdown);
    } else {
      return error_at(name, s.line, "a second section for arXiv:" + s.id);
    }
  }
  return Status::success();
}

// The HTML of the page's Markdown: an owner's own text may hold HTML; a generated page's text
// (a language model's) is untrusted: raw HTML shown as text, only http(s) links.
std::string page_html(const ContentPage& page, const std::string& markdown) {
  return page.generated_by.empty() ? markdown_to_html(markdown, RawHtml::kKeep)
                                   : untrusted_markdown_to_html(markdown);
}

// Each paper's commentary without blank lines around it, rendered.
void render_sections(ContentPage& page) {
  for (PaperSection& s : page.papers) {
    size_t b = s.markdown.find_first_not_of("\r\n");
    s.markdown = b == std::string::npos ? "" : s.markdown.substr(b);
    while (!s.markdown.empty() &&
           (s.markdown.back() == '\n' || s.markdown.back() == '\r' || s.markdown.back() == ' '))
      s.markdown.pop_back();
    if (!s.markdown.empty()) {
      s.markdown += '\n';
      s.html = page_html(page, s.markdown);
    }
  }
}

// The title of a page whose front matter gives none: its first "# " heading, else the note's
// paper, else the file name.
std::string default_title(const ContentPage& page) {
  size_t h = page.markdown.find("# ");
  if (h == 0 || (h != std::string::npos && page.markdown[h - 1] == '\n')) {
    size_t end = page.markdown.find('\n', h);
    return trim_unquoted(
        std::string_view(page.markdown)
            .substr(h + 2, end == std::string::npos ? std::string::npos : end - h - 2));
  }
  return page.paper.empty() ? page.key.substr(page.key.rfind('/') + 1)
                            : "Note on arXiv:" + page.paper;
}

}  // namespace

Result<ContentPage> parse_content_page(std::string_view text, const std::string& key,
                                       const std::string& name) {
  ContentPage page;
  page.key = key;
  if (auto bad = find_invalid_utf8(text))
    return Error{name + ": invalid UTF-8 at byte " + std::to_string(*bad)};
  auto body = read_front_matter(text, name, page);
  if (!body) return body.error();
  int body_line = 1 + static_cast<int>(std::count(text.begin(), text.end() - body->size(), '\n'));
  std::vector<PaperSection> sections;
  page.markdown = split_sections(std::string(*body), body_line, sections);
  if (Status merged = merge_sections(std::move(sections), name, page); !merged)
    return merged.error();
  render_sections(page);
  if (page.paper.empty() && starts_with(key, "notes/"))
    if (auto id = parse_arxiv_id(std::string_view(key).substr(6))) page.paper = id->id;
  if (page.title.empty()) page.title = default_title(page);
  page.html = page_html(page, page.markdown);
  return page;
}

Result<std::vector<ContentPage>> load_content(const std::filesystem::path& dir) {
  std::vector<ContentPage> pages;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return pages;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    std::string rel = std::filesystem::relative(it->path(), dir).generic_string();
    std::string key = rel.substr(0, rel.size() - 3);
    if (key == "README" || key == "index") continue;
    for (char ch : key)
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '/' ||
            ch == '.'))
        return Error{it->path().string() +
                     ": file names in content/ may hold only letters, digits, '-', '_' and '.'"};
    auto text = read_file(it->path());
    if (!text) return text.error();
    auto page = parse_content_page(*text, key, it->path().string());
    if (!page) return page.error();
    pages.push_back(std::move(*page));
  }
  if (ec) return Error{"cannot read " + dir.string() + ": " + ec.message()};
  std::sort(pages.begin(), pages.end(),
            [](const ContentPage& a, const ContentPage& b) { return a.key < b.key; });
  return pages;
}

}  // namespace paperpress
