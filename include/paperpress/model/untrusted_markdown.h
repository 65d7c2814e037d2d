// Markdown that nobody on the site wrote: a language model's answer, say. It may say anything,
// so it is made harmless before it is stored and again when it is rendered.
//
// sanitize_untrusted_markdown() parses the text (GitHub-flavoured) and writes it back as
// CommonMark in which:
//   - raw HTML (blocks and inline tags) is literal text, shown rather than interpreted;
//   - links keep their target only when it is http:// or https://, others become their text;
//   - images become their alt text (nothing is loaded from a place the text names);
//   - headings become bold paragraphs, code blocks lose their info string;
//   - no line can start a digest section ("### arXiv:ID") or a fence ("```", "~~~") that
//     content.cc's section splitter would see, so the text cannot add a paper to a digest or
//     swallow the sections after it.
// untrusted_markdown_to_html() renders such text (sanitized or not) to HTML with raw HTML
// omitted and the same rules for links and images.
#pragma once

#include <string>
#include <string_view>

namespace paperpress {

std::string sanitize_untrusted_markdown(std::string_view markdown);
std::string untrusted_markdown_to_html(std::string_view markdown);

// Whether `url` is an absolute http(s) URL (case-insensitive scheme) with no space or control
// character: the only links untrusted text keeps.
bool is_http_url(std::string_view url);

}  // namespace paperpress
