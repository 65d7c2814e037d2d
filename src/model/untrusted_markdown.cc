#include "paperpress/model/untrusted_markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <mutex>
#include <vector>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

// Moves the children of `node` in front of it and frees it.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  cmark_node_free(node);
}

cmark_node* text_node(const char* literal) {
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(text, literal ? literal : "");
  return text;
}

struct Parsed {
  cmark_parser* parser = nullptr;
  cmark_node* doc = nullptr;
  ~Parsed() {
    if (doc) cmark_node_free(doc);
    if (parser) cmark_parser_free(parser);
  }
};

// Parses `markdown` and rewrites the tree by the rules of the header.
void parse_safe(std::string_view markdown, Parsed& out) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  out.parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(out.parser, ext);
  cmark_parser_feed(out.parser, markdown.data(), markdown.size());
  out.doc = cmark_parser_finish(out.parser);

  std::vector<cmark_node*> nodes;
  cmark_iter* it = cmark_iter_new(out.doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
    if (ev == CMARK_EVENT_ENTER) nodes.push_back(cmark_iter_get_node(it));
  cmark_iter_free(it);
  // An inline's text may still point into its block's buffer (cmark-gfm copies it on first
  // read): read every literal now, so that moving a heading's inlines and freeing the heading
  // leaves none pointing into freed memory.
  for (cmark_node* node : nodes) cmark_node_get_literal(node);
  // Children come after their parents in `nodes`: rewriting from the end never touches a node
  // that was already freed.
  for (auto n = nodes.rbegin(); n != nodes.rend(); ++n) {
    cmark_node* node = *n;
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_LINK: {
        const char* url = cmark_node_get_url(node);
        if (!is_http_url(url ? url : ""))
          unwrap(node);
        else
          cmark_node_set_title(node, "");
        break;
      }
      case CMARK_NODE_IMAGE:
        unwrap(node);
        break;
      case CMARK_NODE_HTML_INLINE: {
        cmark_node_insert_before(node, text_node(cmark_node_get_literal(node)));
        cmark_node_free(node);
        break;
      }
      case CMARK_NODE_HTML_BLOCK: {
        std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
        while (!literal.empty() && literal.back() == '\n') literal.pop_back();
        cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node_append_child(para, text_node(literal.c_str()));
        cmark_node_insert_before(node, para);
        cmark_node_free(node);
        break;
      }
      case CMARK_NODE_HEADING: {
        cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node* strong = cmark_node_new(CMARK_NODE_STRONG);
        while (cmark_node* child = cmark_node_first_child(node))
          cmark_node_append_child(strong, child);
        cmark_node_append_child(para, strong);
        cmark_node_insert_before(node, para);
        cmark_node_free(node);
        break;
      }
      case CMARK_NODE_CODE_BLOCK:
        cmark_node_set_fence_info(node, "");
        break;
      default:
        break;
    }
  }
}

// A line content.cc would read as a fence or a section heading.
bool structural_line(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos) return false;
  if (i <= 3 && (line.substr(i, 3) == "```" || line.substr(i, 3) == "~~~")) return true;
  return i == 0 && line[0] == '#';
}

}  // namespace

bool is_http_url(std::string_view url) {
  std::string lower = ascii_lower(url.substr(0, 8));
  if (!starts_with(lower, "http://") && !starts_with(lower, "https://")) return false;
  size_t host = lower[4] == 's' ? 8 : 7;
  if (url.size() <= host) return false;
  for (unsigned char c : url)
    if (c <= ' ' || c == 0x7f) return false;
  return true;
}

std::string sanitize_untrusted_markdown(std::string_view markdown) {
  Parsed parsed;
  parse_safe(markdown, parsed);
  char* text = cmark_render_commonmark(parsed.doc, CMARK_OPT_DEFAULT, 0);
  std::string rendered = text ? text : "";
  free(text);
  std::string out;
  size_t pos = 0;
  while (pos < rendered.size()) {
    size_t end = rendered.find('\n', pos);
    size_t next = end == std::string::npos ? rendered.size() : end + 1;
    std::string_view line = std::string_view(rendered).substr(pos, next - pos);
    if (structural_line(line)) {
      size_t i = line.find_first_not_of(' ');
      out.append(line.substr(0, i));
      out += '\\';
      out.append(line.substr(i));
    } else {
      out.append(line);
    }
    pos = next;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (!out.empty()) out += '\n';
  return out;
}

std::string untrusted_markdown_to_html(std::string_view markdown) {
  Parsed parsed;
  parse_safe(markdown, parsed);
  char* html = cmark_render_html(parsed.doc, CMARK_OPT_DEFAULT,
                                 cmark_parser_get_syntax_extensions(parsed.parser));
  std::string out = html ? html : "";
  free(html);
  return out;
}

}  // namespace paperpress
