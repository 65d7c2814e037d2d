// TeX math in arXiv titles and abstracts, marked for the theme's KaTeX script
// (themes/default/static/assets/math.js): the text is HTML-escaped as escape_html does, and each
// math span, with its delimiters, is wrapped in <span class="math"> ("math display" for $$…$$
// and \[…\]). A page without JavaScript shows the source as written.
//
// The spans, found left to right in one pass:
//  - `$…$` inline: the opening $ is followed by a non-space; the span ends at the next $ (after
//    the opener), which must follow a non-space and be followed by no digit, or else the opening
//    $ is text ("$5 and $10" is text, "$x$" is math);
//  - `$$…$$` display: ends at the next $$, which must be followed by no digit;
//  - `\(…\)` inline and `\[…\]` display: end at the next \) or \]; another \( (\[) before it
//    makes the opener text;
//  - a backslash and the character after it are a pair everywhere: `\$` is a literal dollar,
//    never a delimiter; `\\` is a pair too, so the $ of `\\$` is one;
//  - a span holds something other than spaces, is at most kMaxMathBytes long with its
//    delimiters and crosses no blank line; a delimiter that opens no span is text.
// Bytes are never looked at beyond ASCII, so UTF-8 passes through untouched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace paperpress {

// The longest math span, delimiters included; a longer one is text.
inline constexpr size_t kMaxMathBytes = 1000;

// True when `text` holds at least one math span (what append_html_with_math would wrap).
// Text without `$` and `\` is answered by two memchr.
bool has_math(std::string_view text);

// Appends `text` HTML-escaped (escape_html, byte for byte, outside and inside the spans) with
// each math span wrapped: `<span class="math">$x^2$</span>`,
// `<span class="math display">\[x\]</span>`. Without math, exactly escape_html(out, text).
void append_html_with_math(std::string& out, std::string_view text);

// Appends `text` as Markdown text (escape_markdown) with each math span kept as TeX source
// between dollars, for GitHub to typeset: `$x^2$`, `$$\sum_i x_i$$` (\(…\) and \[…\] become
// $…$ and $$…$$). Inside a span, what could become markup if GitHub does not see math there is
// written as TeX that means the same: < > & as \lt \gt \&, [ ] as \lbrack \rbrack, a line
// break as a space. Without math, exactly escape_markdown(out, text).
void append_markdown_with_math(std::string& out, std::string_view text);

}  // namespace paperpress
