#include "paperpress/model/content.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <mutex>

#include "paperpress/util/fs.h"
#include "paperpress/util/text.h"
#include "paperpress/util/time.h"

namespace paperpress {

namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  std::string out(s.substr(b, e - b + 1));
  if (out.size() >= 2 && (out.front() == '"' || out.front() == '\'') && out.back() == out.front())
    out = out.substr(1, out.size() - 2);
  return out;
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

Result<ContentPage> parse_content_page(std::string_view text, const std::string& key,
                                       const std::string& name) {
  ContentPage page;
  page.key = key;
  if (auto bad = find_invalid_utf8(text))
    return Error{name + ": invalid UTF-8 at byte " + std::to_string(*bad)};
  std::string_view body = text;
  if (starts_with(text, "---\n") || starts_with(text, "---\r\n")) {
    size_t pos = text.find('\n') + 1;
    int line = 2;
    bool closed = false;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view l = text.substr(pos, end - pos);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      pos = std::min(end + 1, text.size());
      if (l == "---") {
        closed = true;
        break;
      }
      std::string_view content = l.substr(0, l.find(" #"));
      if (trim(content).empty() || starts_with(trim(content), "#")) {
        ++line;
        continue;
      }
      size_t colon = content.find(':');
      if (colon == std::string_view::npos)
        return Error{name + ":" + std::to_string(line) +
                     ": expected 'key: value' in front matter, got '" + std::string(l) + "'"};
      std::string k = trim(content.substr(0, colon)), v = trim(content.substr(colon + 1));
      if (k == "title")
        page.title = v;
      else if (k == "date") {
        if (!parse_iso8601(v))
          return Error{name + ":" + std::to_string(line) + ": 'date' must be YYYY-MM-DD, not '" +
                       v + "'"};
        page.date = v.substr(0, 10);
      } else if (k == "topic")
        page.topic = v;
      else
        return Error{name + ":" + std::to_string(line) + ": unknown front matter key '" + k + "'"};
      ++line;
    }
    if (!closed) return Error{name + ":1: front matter opened with --- is never closed"};
    body = text.substr(pos);
  }
  page.markdown = std::string(body);
  if (page.title.empty()) {
    // The first heading, else the file name.
    size_t h = page.markdown.find("# ");
    if (h == 0 || (h != std::string::npos && page.markdown[h - 1] == '\n')) {
      size_t end = page.markdown.find('\n', h);
      page.title =
          trim(std::string_view(page.markdown)
                   .substr(h + 2, end == std::string::npos ? std::string::npos : end - h - 2));
    } else {
      page.title = key.substr(key.rfind('/') + 1);
    }
  }
  page.html = markdown_to_html(page.markdown, RawHtml::kKeep);
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
