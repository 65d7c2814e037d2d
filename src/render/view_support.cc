#include "view_support.h"

#include <algorithm>

#include "paperpress/render/escape.h"
#include "paperpress/util/url.h"

namespace paperpress {

std::string_view code_safe(ViewArena& arena, std::string_view text) {
  if (text.find('`') == std::string_view::npos) return text;  // memchr: 16+ bytes a step
  std::string s(text);
  s.erase(std::remove(s.begin(), s.end(), '`'), s.end());
  return arena.copy(s);
}

std::string_view safe_url(ViewArena& arena, std::string_view url) {
  return needs_link_repair(url) ? arena.copy(safe_link(url)) : url;
}

std::string_view element_text(ViewArena& arena, std::string_view text) {
  if (!element_text_needs_escape(text)) return text;
  thread_local std::string out;  // reused: no allocation per text
  out.clear();
  escape_element_text(out, text);
  return arena.copy(out);
}

std::string_view trim_blank_lines(std::string_view md) {
  while (!md.empty() && (md.back() == '\n' || md.back() == '\r' || md.back() == ' '))
    md.remove_suffix(1);
  while (!md.empty() && (md.front() == '\n' || md.front() == '\r')) md.remove_prefix(1);
  return md;
}

std::string quote_markdown(std::string_view text, std::string_view prefix) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!out.empty()) out += '\n';
    out += line.empty() ? prefix.substr(0, prefix.find_last_not_of(' ') + 1) : prefix;
    out += line;
    pos = end + 1;
  }
  return out;
}

}  // namespace paperpress
