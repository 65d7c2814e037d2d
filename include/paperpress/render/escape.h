// Escaping for the output contexts the site generator writes: HTML, XML (feeds, sitemaps),
// Markdown text, Markdown table cells and URL components. Every function appends to `out`,
// never fails, and is UTF-8 transparent: only ASCII bytes are ever escaped or dropped, so a
// multibyte sequence is copied whole (invalid UTF-8 is passed through as it is).
#pragma once

#include <string>
#include <string_view>

namespace paperpress {

// Element text and attribute values: & < > " ' become &amp; &lt; &gt; &quot; &#39;.
void escape_html(std::string& out, std::string_view text);

// Element text inside Markdown (the cards' and <details>' HTML): & < > become &amp; &lt; &gt;
// and [ ] become &#91; &#93;, so that no Markdown renderer can see a link in it; quotes and
// apostrophes stay as written, as in hand-written pages.
void escape_element_text(std::string& out, std::string_view text);
// True when escape_element_text would change `text`.
bool element_text_needs_escape(std::string_view text);

// XML 1.0 text and attribute values: as escape_html, and drops what XML 1.0 forbids and a
// parser would reject: C0 controls other than tab, LF and CR, and U+FFFE / U+FFFF.
void escape_xml(std::string& out, std::string_view text);

// Markdown (GitHub Flavored) inline text, so that arbitrary text renders as the same literal
// text and can never create markup, on one line:
//  - backslash-escaped everywhere: \ ` * _ { } [ ] | ~ $  (emphasis, code, links, tables,
//    strikethrough, GitHub's $math$; "$\alpha$" becomes "\$\\alpha\$");
//  - HTML-escaped everywhere: & < >  (no raw HTML, autolink or entity can form; "&amp;" in
//    the input renders as the literal "&amp;");
//  - line breaks (LF, CR, CRLF) and the spaces and tabs around them become one space, and
//    leading and trailing spaces and tabs are dropped, so the value stays on one line, cannot
//    become an indented code block and cannot end in a hard line break;
//  - at the start, where the text may begin a line: a leading # - + = is escaped (heading,
//    list item, thematic break, setext underline) and so is the "." or ")" of an ordered list
//    marker ("1. item" becomes "1\. item");
//  - a trailing ! is escaped, so that a template's following "[" cannot form an image.
// Everything else, including letters, digits, ordinary punctuation (, . : ; ' " ( ) ? / % @),
// inner "-", "#" and "!", and all non-ASCII text, is copied unchanged.
void escape_markdown(std::string& out, std::string_view text);

// A GFM table cell: escape_markdown, whose output already has every "|" escaped as "\|" (the
// table rule that holds even inside code spans) and no line break, so no value can add or
// shift a column. Kept as its own function so templates can state the context.
void escape_markdown_cell(std::string& out, std::string_view text);

// The inside of a JSON string (the template writes the quotes), safe inside an HTML <script>
// element as well: " \ and control characters escaped, < > & as \u003c \u003e \u0026 (no
// "</script>" or "<!--" can form), U+2028 and U+2029 escaped, malformed UTF-8 as \ufffd.
void escape_json(std::string& out, std::string_view text);

}  // namespace paperpress
