#include "paperpress/render/escape.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace paperpress {
namespace {

using EscapeFn = void (*)(std::string&, std::string_view);

std::string escaped_by(EscapeFn fn, std::string_view text) {
  std::string out;
  fn(out, text);
  return out;
}

struct Row {
  std::string input;
  std::string expected;
};

void check_rows(EscapeFn fn, const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    EXPECT_EQ(escaped_by(fn, r.input), r.expected) << "input: " << r.input;
  }
}

// Text fields from arXiv that try to be markup, or that happen to look like it.
const std::vector<std::string> kHostile = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "a | b",
    "a|b|c",
    "| --- | --- |",
    "`code` and ``double``",
    "```",
    "~~~",
    "**bold** and __bold__",
    "_x_ and *y*",
    "snake_case_name",
    "[link](javascript:alert(1))",
    "![img](x.png)",
    "[^1] and [x]: http://evil.example",
    "<!-- comment -->",
    "<http://example.org> <a@b.c>",
    "<div>block</div>",
    "&amp; &lt; &#65; &#x27; &copy",
    "&",
    "# heading",
    "## heading ##",
    "#hashtag",
    "1. item",
    "1) item",
    "123456789. item",
    "3.14 is pi",
    "- item",
    "+ item",
    "* item",
    "-5 degrees",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "--",
    "> quote",
    ">> nested",
    "    indented code",
    "\tcode",
    "~~strike~~ and ~one~",
    "$\\alpha$-stable laws",
    "$$x^2$$",
    "trailing backslash\\",
    "\\",
    "back\\slash\\*not bold*",
    "line1\nline2",
    "line1\r\nline2",
    "para\n\npara",
    "a  \n  b",
    "hard break  ",
    "Wow!",
    "!",
    "!!",
    "Hi! [there]",
    "{{mustache}} and {braces}",
    "emoji \xF0\x9F\x8E\x89 and \xC3\x9Cn\xC3\xAF"
    "c\xC3\xB6"
    "d\xC3\xA9",
    "RTL \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xE2\x80\x8F mark",
    "zero\xE2\x80\x8Bwidth\xE2\x80\x8Djoiner",
    "x < y && y > z",
    "\"quoted\" 'single' (parens) 50% a/b c:d; e? f@g",
    "Heat-bath random walks: a survey, part 2.",
    "-",
    "#",
    "1.",
    "a\tb",
};

// --- HTML and XML

TEST(EscapeHtml, EscapesTheFiveCharacters) {
  check_rows(
      escape_html,
      {
          {"", ""},
          {"plain text", "plain text"},
          {"& < > \" '", "&amp; &lt; &gt; &quot; &#39;"},
          {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
          {"\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
          {"javascript:alert(1)", "javascript:alert(1)"},
          {"&amp;", "&amp;amp;"},
          {"<!--", "&lt;!--"},
          {"it's", "it&#39;s"},
          {"\xF0\x9F\x8E\x89 \xE2\x80\x8B \xD7\xA9", "\xF0\x9F\x8E\x89 \xE2\x80\x8B \xD7\xA9"},
          {"line\nbreak\x01", "line\nbreak\x01"},
      });
}

TEST(EscapeHtml, AppendsToOut) {
  std::string out = "<p>";
  escape_html(out, "a<b");
  out += "</p>";
  EXPECT_EQ(out, "<p>a&lt;b</p>");
}

// Text is passed over in blocks of 8 and 16 bytes, the last block overlapping the one before:
// each special byte is found at every place in texts of every length around those sizes, alone
// and after another one, as a byte-by-byte escape finds it.
TEST(EscapeHtml, FindsEachSpecialByteAtEveryPlaceOfTextsOfEveryLength) {
  // Each special byte as HTML escaping and as element-text escaping write it.
  const std::map<char, std::pair<std::string, std::string>> escaped = {
      {'&', {"&amp;", "&amp;"}}, {'<', {"&lt;", "&lt;"}}, {'>', {"&gt;", "&gt;"}},
      {'"', {"&quot;", "\""}},   {'\'', {"&#39;", "'"}},  {'[', {"[", "&#91;"}},
      {']', {"]", "&#93;"}}};
  auto one_by_one = [&](std::string_view text, bool element) {
    std::string out;
    for (char c : text) {
      auto it = escaped.find(c);
      if (it == escaped.end())
        out += c;
      else
        out += element ? it->second.second : it->second.first;
    }
    return out;
  };
  for (size_t size = 1; size <= 49; ++size) {
    for (size_t at = 0; at < size; ++at) {
      for (char special : std::string_view("&<>\"'[]")) {
        for (size_t earlier : {size, at / 2}) {  // none before, or one halfway
          std::string text(size, 'x');
          for (size_t i = 0; i < size; ++i)
            text[i] = "abcdefghijklmnopqrstuvwxyz 0123456789"[i % 37];
          text[at] = special;
          if (earlier < at) text[earlier] = '<';
          std::string html, element;
          escape_html(html, text);
          escape_element_text(element, text);
          ASSERT_EQ(html, one_by_one(text, false)) << text;
          ASSERT_EQ(element, one_by_one(text, true)) << text;
          bool element_special = (special != '"' && special != '\'') || earlier < at;
          ASSERT_EQ(element_text_needs_escape(text), element_special) << text;
        }
      }
    }
  }
}

TEST(EscapeElementText, EscapesAngleBracketsAmpersandsAndSquareBrackets) {
  check_rows(escape_element_text,
             {
                 {"", ""},
                 {"plain text, \"quoted\" and it's", "plain text, \"quoted\" and it's"},
                 {"<b>[link](x)</b> & more", "&lt;b&gt;&#91;link&#93;(x)&lt;/b&gt; &amp; more"},
                 {"0123456789abcdef0123456789<", "0123456789abcdef0123456789&lt;"},
                 {"\xF0\x9F\x8E\x89 [\xD7\xA9]", "\xF0\x9F\x8E\x89 &#91;\xD7\xA9&#93;"},
             });
  for (std::string_view plain : {"", "abc", "a long line of plain text, nothing to escape"})
    EXPECT_FALSE(element_text_needs_escape(plain)) << plain;
  for (std::string_view text : {"<", "a&b", "0123456789abcdef]", "x[y"})
    EXPECT_TRUE(element_text_needs_escape(text)) << text;
}

TEST(EscapeXml, EscapesAndDropsWhatXmlForbids) {
  check_rows(escape_xml, {
                             {"& < > \" '", "&amp; &lt; &gt; &quot; &#39;"},
                             {"a\x01"
                              "b\x1F"
                              "c\td\ne\rf\x7F",
                              "abc\td\ne\rf\x7F"},
                             {std::string("nul\0here", 8), "nulhere"},
                             {"\x0B\x0C", ""},
                             {"x\xEF\xBF\xBEy\xEF\xBF\xBFz", "xyz"},  // U+FFFE, U+FFFF
                             {"\xEF\xBB\xBF"
                              "bom",
                              "\xEF\xBB\xBF"
                              "bom"},                           // U+FEFF stays
                             {"\xEF\xBF\xBD", "\xEF\xBF\xBD"},  // U+FFFD stays
                             {"cut\xEF\xBF", "cut\xEF\xBF"},    // truncated
                             {"\xE2\x80\x8F\xF0\x9F\x8E\x89", "\xE2\x80\x8F\xF0\x9F\x8E\x89"},
                         });
}

// --- Markdown: exact output, readable

TEST(EscapeMarkdown, ExactOutput) {
  check_rows(escape_markdown,
             {
                 {"", ""},
                 {"Heat-bath random walks: a survey, part 2.",
                  "Heat-bath random walks: a survey, part 2."},
                 {"\"quoted\" 'single' (parens) 50% a/b c:d; e? f@g",
                  "\"quoted\" 'single' (parens) 50% a/b c:d; e? f@g"},
                 {"$\\alpha$-stable laws", "\\$\\\\alpha\\$-stable laws"},
                 {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
                 {"\"><img src=x onerror=alert(1)>", "\"&gt;&lt;img src=x onerror=alert(1)&gt;"},
                 {"javascript:alert(1)", "javascript:alert(1)"},
                 {"a | b", "a \\| b"},
                 {"`code`", "\\`code\\`"},
                 {"**bold**", "\\*\\*bold\\*\\*"},
                 {"_x_", "\\_x\\_"},
                 {"[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))"},
                 {"<!--", "&lt;!--"},
                 {"&amp;", "&amp;amp;"},
                 {"# heading", "\\# heading"},
                 {"C# and F#", "C# and F#"},
                 {"1. item", "1\\. item"},
                 {"2023) x", "2023\\) x"},
                 {"1.", "1\\."},
                 {"3.14 is pi", "3.14 is pi"},
                 {"1234567890. ten digits are no list", "1234567890. ten digits are no list"},
                 {"- item", "\\- item"},
                 {"+ item", "\\+ item"},
                 {"* item", "\\* item"},
                 {"---", "\\---"},
                 {"===", "\\==="},
                 {"> quote", "&gt; quote"},
                 {"~~strike~~", "\\~\\~strike\\~\\~"},
                 {"{x}", "\\{x\\}"},
                 {"back\\slash", "back\\\\slash"},
                 {"Wow!", "Wow\\!"},
                 {"Hi! there", "Hi! there"},
                 {"line1\nline2", "line1 line2"},
                 {"a \r\n\t b", "a b"},
                 {"a\r\rb", "a b"},
                 {"para\n\npara", "para para"},
                 {"  padded \t", "padded"},
                 {"\n\n", ""},
                 {"    indented code", "indented code"},
                 {"a  b", "a  b"},
                 {"emoji \xF0\x9F\x8E\x89", "emoji \xF0\x9F\x8E\x89"},
                 {"RTL \xD7\xA9\xD7\x9C \xE2\x80\x8F", "RTL \xD7\xA9\xD7\x9C \xE2\x80\x8F"},
                 {"zero\xE2\x80\x8Bwidth", "zero\xE2\x80\x8Bwidth"},
             });
}

TEST(EscapeMarkdown, CellEscapesPipesAndBreaks) {
  check_rows(escape_markdown_cell, {
                                       {"a | b", "a \\| b"},
                                       {"`a|b`", "\\`a\\|b\\`"},
                                       {"x\ny", "x y"},
                                       {"| --- |", "\\| --- \\|"},
                                       {"\\|", "\\\\\\|"},
                                   });
}

// --- Markdown: what GitHub's renderer makes of it. cmark-gfm (the library GitHub's Markdown is
// built on) renders the escaped text; the only markup in the result must be the paragraph or
// table around it, and its text must be the input's literal text.

std::string render_gfm(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "strikethrough", "tagfilter"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html =
      cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string result(html);
  std::free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return result;
}

// The literal text a value should show: line-break runs as one space, ends trimmed.
std::string normalized(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
      size_t j = i;
      bool has_break = false;
      while (j < text.size() &&
             (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
        has_break = has_break || text[j] == '\n' || text[j] == '\r';
        ++j;
      }
      if (i != 0 && j != text.size()) {
        out.append(has_break ? std::string_view(" ") : text.substr(i, j - i));
      }
      i = j;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

// cmark's HTML text escaping.
std::string cmark_html_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

TEST(EscapeMarkdown, RendersAsTheLiteralTextOnGfm) {
  for (const std::string& input : kHostile) {
    SCOPED_TRACE(input);
    const std::string escaped = escaped_by(escape_markdown, input);
    EXPECT_EQ(escaped.find_first_of("\r\n"), std::string::npos);
    const std::string text = cmark_html_text(normalized(input));
    // Alone, where a line starts.
    EXPECT_EQ(render_gfm(escaped + "\n"), "<p>" + text + "</p>\n");
    // On the line after a paragraph line (setext headings, lists, tables interrupting).
    EXPECT_EQ(render_gfm("Title | x\n" + escaped + "\n"), "<p>Title | x\n" + text + "</p>\n");
    // Inside a line, between template text that is itself markup.
    EXPECT_EQ(render_gfm("**by** " + escaped + "[ref](u)\n"),
              "<p><strong>by</strong> " + text + "<a href=\"u\">ref</a></p>\n");
    // As link text.
    EXPECT_EQ(render_gfm("[" + escaped + "](https://arxiv.org/abs/1)\n"),
              "<p><a href=\"https://arxiv.org/abs/1\">" + text + "</a></p>\n");
  }
}

TEST(EscapeMarkdown, CellStaysOneCellOnGfm) {
  for (const std::string& input : kHostile) {
    SCOPED_TRACE(input);
    const std::string cell = escaped_by(escape_markdown_cell, input);
    const std::string table = "| Title | n |\n| --- | --- |\n| " + cell + " | 1 |\n";
    const std::string text = cmark_html_text(normalized(input));
    EXPECT_EQ(render_gfm(table),
              "<table>\n<thead>\n<tr>\n<th>Title</th>\n<th>n</th>\n</tr>\n</thead>\n<tbody>\n"
              "<tr>\n<td>" +
                  text + "</td>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n");
  }
}

// --- Every function is UTF-8 transparent: the non-ASCII bytes of the output are exactly those
// of the input, in order (XML drops only U+FFFE and U+FFFF, absent here).
TEST(EscapeAll, NonAsciiBytesPassThroughInOrder) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"\xC3\xA9",
                                           "\xF0\x9F\x8E\x89",
                                           "\xE2\x80\x8B",
                                           "\xD7\xA9",
                                           "\xE2\x80\x8F",
                                           "\xEF\xBB\xBF",
                                           "a",
                                           "&",
                                           "<",
                                           "|",
                                           "\n",
                                           " ",
                                           "*",
                                           "\\",
                                           "1.",
                                           "#",
                                           "$",
                                           "!"};
  auto non_ascii = [](std::string_view s) {
    std::string r;
    for (char c : s) {
      if (static_cast<unsigned char>(c) >= 0x80) r.push_back(c);
    }
    return r;
  };
  for (int i = 0; i < 2000; ++i) {
    std::string input;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) input += pieces[rng() % pieces.size()];
    for (EscapeFn fn :
         {escape_html, escape_element_text, escape_xml, escape_markdown, escape_markdown_cell}) {
      EXPECT_EQ(non_ascii(escaped_by(fn, input)), non_ascii(input)) << input;
    }
  }
}

}  // namespace
}  // namespace paperpress
