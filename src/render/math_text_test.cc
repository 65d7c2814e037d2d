#include "paperpress/render/math_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "paperpress/render/escape.h"

namespace paperpress {
namespace {

std::string html(std::string_view text) {
  std::string out;
  append_html_with_math(out, text);
  return out;
}

std::string escaped(std::string_view text) {
  std::string out;
  escape_html(out, text);
  return out;
}

std::string inline_math(std::string_view escaped_source) {
  return "<span class=\"math\">" + std::string(escaped_source) + "</span>";
}

std::string display_math(std::string_view escaped_source) {
  return "<span class=\"math display\">" + std::string(escaped_source) + "</span>";
}

// The output with the spans' tags taken out: always the plain escape of the input.
std::string without_spans(std::string text) {
  for (std::string_view tag :
       {"<span class=\"math display\">", "<span class=\"math\">", "</span>"}) {
    for (size_t at; (at = text.find(tag)) != std::string::npos;) text.erase(at, tag.size());
  }
  return text;
}

struct Row {
  std::string input;
  std::string expected;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    EXPECT_EQ(html(r.input), r.expected) << "input: " << r.input;
    EXPECT_EQ(has_math(r.input), r.expected != escaped(r.input)) << "input: " << r.input;
  }
}

// Text that is not math comes out exactly as escape_html writes it.
void check_text(const std::vector<std::string>& inputs) {
  for (const std::string& input : inputs) {
    EXPECT_EQ(html(input), escaped(input)) << "input: " << input;
    EXPECT_FALSE(has_math(input)) << "input: " << input;
  }
}

TEST(MathTextTest, InlineDollars) {
  check_rows({
      {"$x$", inline_math("$x$")},
      {"$x^2$", inline_math("$x^2$")},
      {"Energy $E=mc^2$ now", "Energy " + inline_math("$E=mc^2$") + " now"},
      {"$\\alpha$-stable", inline_math("$\\alpha$") + "-stable"},
      {"($x$)", "(" + inline_math("$x$") + ")"},
      {"$x$.", inline_math("$x$") + "."},
      {"$a + b$", inline_math("$a + b$")},
      {"$2n$ points", inline_math("$2n$") + " points"},
      {"$x$ and $y$", inline_math("$x$") + " and " + inline_math("$y$")},
      {"$a$$b$", inline_math("$a$") + inline_math("$b$")},
      {"$\\mathcal{O}(n \\log n)$ time", inline_math("$\\mathcal{O}(n \\log n)$") + " time"},
      {"$a\nb$", inline_math("$a\nb$")},  // one line break is fine
  });
}

TEST(MathTextTest, DisplayDollars) {
  check_rows({
      {"$$x$$", display_math("$$x$$")},
      {"$$ \\sum_i x_i $$", display_math("$$ \\sum_i x_i $$")},
      {"so $$x = 1$$ holds", "so " + display_math("$$x = 1$$") + " holds"},
      {"$$a$b$$", display_math("$$a$b$$")},  // KaTeX rejects it: the source shows
      {"$$a$$$", display_math("$$a$$") + "$"},
      {"$$x$$.", display_math("$$x$$") + "."},
  });
}

TEST(MathTextTest, BackslashDelimiters) {
  check_rows({
      {"\\(a+b\\)", inline_math("\\(a+b\\)")},
      {"\\[a+b\\]", display_math("\\[a+b\\]")},
      {"see \\( x \\) and \\[ y \\].",
       "see " + inline_math("\\( x \\)") + " and " + display_math("\\[ y \\]") + "."},
      {"\\(a \\$ b\\)", inline_math("\\(a \\$ b\\)")},
      {"\\(\\frac{a}{b}\\)", inline_math("\\(\\frac{a}{b}\\)")},
      {"\\[x\n= 1\\]", display_math("\\[x\n= 1\\]")},
      {"\\(a$b\\)", inline_math("\\(a$b\\)")},
      {"\\(a \\\\) b\\)", inline_math("\\(a \\\\) b\\)")},  // \\ is a pair, not \ and \)
  });
}

TEST(MathTextTest, DollarsOfProseAreText) {
  check_text({
      "$5 and $10",
      "It costs $5, or $10 with tax.",
      "$10-$20",
      "from $1.5M to $2M",
      "US$5 and US$10",
      "$ x$",
      "$x $",
      "$x$5",
      "$ 5 $",
      "a $ sign",
      "$",
      "$$",
      "$$$",
      "$$$$",
      "a$",
      "$a",
      "$$5 and $$10",
      "$$x$",
  });
}

TEST(MathTextTest, EscapedDollarIsText) {
  check_text({
      "\\$5 and \\$10",
      "\\$x\\$",
      "\\$x$",  // the only unescaped $ has nothing to close it
      "$x\\$",  // \$ never closes
      "\\$\\$x\\$\\$",
      "a \\$ b",
      "\\",
      "x\\",
      "\\\\",
  });
  check_rows({
      {"$\\$5$", inline_math("$\\$5$")},  // \$ inside math is KaTeX's dollar sign
      {"\\$ and $x$", "\\$ and " + inline_math("$x$")},
      {"\\$$x$", "\\$" + inline_math("$x$")},
      {"\\\\$x$", "\\\\" + inline_math("$x$")},  // \\ is a pair: the $ is a delimiter
      {"$a\\\\$", inline_math("$a\\\\$")},
      {"\\\\(x\\\\)", "\\\\(x\\\\)"},
  });
}

TEST(MathTextTest, EmptyBodiesAreText) {
  check_text({"\\(\\)", "\\( \\)", "\\[\\]", "\\[ \n \\]", "$$ $$", "$$\t$$", "a $$ $$ b"});
}

TEST(MathTextTest, UnbalancedDelimitersAreText) {
  check_text({
      "\\(x",
      "x\\)",
      "\\[x",
      "x\\]",
      "\\(x\\]",
      "\\[x\\)",
      "$$x",
      "x$$",
      "$x",
      "(x) [y]",
      "\\(",
      "\\[",
  });
}

TEST(MathTextTest, NestedAndMixedDelimiters) {
  check_rows({
      // Another \( before the \): the first is text, the second opens.
      {"\\(a\\(b\\)\\)", "\\(a" + inline_math("\\(b\\)") + "\\)"},
      {"\\[a\\[b\\]\\]", "\\[a" + display_math("\\[b\\]") + "\\]"},
      // A $ that cannot close (after a space) makes its opener text; the next $ may open.
      {"$a $b$ c$", "$a " + inline_math("$b$") + " c$"},
      {"$5 and $x$", "$5 and " + inline_math("$x$")},
      // The first delimiter wins; what is inside is the span's source.
      {"\\($x$\\)", inline_math("\\($x$\\)")},
      {"$\\(x\\)$", inline_math("$\\(x\\)$")},
      {"$$\\[x\\]$$", display_math("$$\\[x\\]$$")},
      {"\\[$$x$$\\]", display_math("\\[$$x$$\\]")},
      {"$x$\\(y\\)$$z$$\\[w\\]", inline_math("$x$") + inline_math("\\(y\\)") +
                                     display_math("$$z$$") + display_math("\\[w\\]")},
  });
}

TEST(MathTextTest, NoSpanAcrossABlankLine) {
  check_text({
      "$a\n\nb$",
      "$a\n \t\nb$",
      "$a\r\n\r\nb$",
      "$a\r\rb$",
      "$$a\n\nb$$",
      "\\(a\n\nb\\)",
      "\\[a\n   \nb\\]",
  });
  check_rows({
      {"$a\r\nb$", inline_math("$a\r\nb$")},
      {"$a$\n\n$b$", inline_math("$a$") + "\n\n" + inline_math("$b$")},
      {"$a\n\nb$ $c$", "$a\n\nb$ " + inline_math("$c$")},
  });
}

TEST(MathTextTest, LongestSpan) {
  const std::string at_limit = "$" + std::string(kMaxMathBytes - 2, 'x') + "$";
  ASSERT_EQ(at_limit.size(), kMaxMathBytes);
  EXPECT_EQ(html(at_limit), inline_math(at_limit));
  const std::string over = "$" + std::string(kMaxMathBytes - 1, 'x') + "$";
  EXPECT_EQ(html(over), over);
  EXPECT_FALSE(has_math(over));

  const std::string display_at_limit = "\\[" + std::string(kMaxMathBytes - 4, 'x') + "\\]";
  EXPECT_EQ(html(display_at_limit), display_math(display_at_limit));
  const std::string display_over = "\\[" + std::string(kMaxMathBytes - 3, 'x') + "\\]";
  EXPECT_EQ(html(display_over), display_over);
  const std::string double_over = "$$" + std::string(kMaxMathBytes - 3, 'x') + "$$";
  EXPECT_EQ(html(double_over), double_over);
  EXPECT_EQ(html(double_over + " $y$"), double_over + " " + inline_math("$y$"));
}

TEST(MathTextTest, Utf8PassesThrough) {
  check_rows({
      {"$α+β$ für Grüße", inline_math("$α+β$") + " für Grüße"},
      {"Schrödinger \\(\\psi\\) — ок", "Schrödinger " + inline_math("\\(\\psi\\)") + " — ок"},
      {"$中$", inline_math("$中$")},
      {"€5 and €10 $x$", "€5 and €10 " + inline_math("$x$")},
      {"\\é$x$", "\\é" + inline_math("$x$")},  // a backslash pairs with the lead byte only
  });
  check_text({"naïve — “quotes” 中文", "\xff\xfe$"});
}

TEST(MathTextTest, HostileTextStaysEscaped) {
  check_rows({
      {"$<script>alert(1)</script>$", inline_math("$&lt;script&gt;alert(1)&lt;/script&gt;$")},
      {"<b>$a<b$</b>", "&lt;b&gt;" + inline_math("$a&lt;b$") + "&lt;/b&gt;"},
      {"$\"'&$", inline_math("$&quot;&#39;&amp;$")},
      {"\\[</span><img src=x onerror=alert(1)>\\]",
       display_math("\\[&lt;/span&gt;&lt;img src=x onerror=alert(1)&gt;\\]")},
      {"$$a\x01\x7f b$$", display_math("$$a\x01\x7f b$$")},  // as escape_html: untouched
      {"a & $x$ < $y$ > \"b\"",
       "a &amp; " + inline_math("$x$") + " &lt; " + inline_math("$y$") + " &gt; &quot;b&quot;"},
  });
  check_text({"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
              std::string("a\0b\x1b$", 5)});
}

TEST(MathTextTest, AppendsToWhatIsThere) {
  std::string out = "<p>";
  append_html_with_math(out, "$x$ & y");
  EXPECT_EQ(out, "<p>" + inline_math("$x$") + " &amp; y");
}

TEST(MathTextTest, HasMath) {
  EXPECT_FALSE(has_math(""));
  EXPECT_FALSE(has_math("plain text, no dollars"));
  EXPECT_FALSE(has_math("$5 and $10"));
  EXPECT_FALSE(has_math("\\$x\\$"));
  EXPECT_TRUE(has_math("$x$"));
  EXPECT_TRUE(has_math("long text before " + std::string(5000, 'a') + " $x$"));
  EXPECT_TRUE(has_math("\\(x\\)"));
  EXPECT_TRUE(has_math("$$x$$"));
  EXPECT_TRUE(has_math("\\[x\\]"));
  EXPECT_TRUE(has_math("$5 and $10, then $x$"));
}

// Random text over the delimiters' bytes: whatever the spans, taking their tags out leaves the
// plain escape, has_math agrees, and every span is one of the four kinds, closed.
TEST(MathTextTest, RandomTextKeepsThePlainEscape) {
  const std::string alphabet = "$$$\\\\()[] \n5x<&\"";
  std::mt19937 rng(20240611);
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 24, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    const std::string out = html(text);
    ASSERT_EQ(without_spans(out), escaped(text)) << "input: " << text;
    ASSERT_EQ(has_math(text), out != escaped(text)) << "input: " << text;
  }
}

// Long hostile inputs: every opener fails, or every one succeeds; each is read a bounded
// number of times (a quadratic scan would take minutes here).
TEST(MathTextTest, VeryLongInput) {
  const auto start = std::chrono::steady_clock::now();
  for (std::string_view unit : {"\\(", "\\[", "$", "$$", "$a ", "$$5 ", "\\(a\\(", "$ ", "\\"}) {
    std::string text;
    while (text.size() < (1 << 20)) text += unit;
    EXPECT_EQ(html(text), escaped(text)) << "unit: " << unit;
    EXPECT_FALSE(has_math(text)) << "unit: " << unit;
  }
  std::string many;
  std::string expected;
  while (many.size() < (1 << 20)) {
    many += "$x$ \\(y\\) ";
    expected += inline_math("$x$") + " " + inline_math("\\(y\\)") + " ";
  }
  EXPECT_EQ(html(many), expected);
  // One long paragraph of prose with a formula at the end.
  std::string prose(1 << 20, 'a');
  prose += " $x$";
  EXPECT_EQ(html(prose), std::string(1 << 20, 'a') + " " + inline_math("$x$"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

std::string markdown(std::string_view text) {
  std::string out;
  append_markdown_with_math(out, text);
  return out;
}

TEST(MathTextMarkdown, KeepsTexForGithubAndEscapesTheRest) {
  EXPECT_EQ(markdown("Faster GPT with $O(n \\log n)$ cost"), "Faster GPT with $O(n \\log n)$ cost");
  EXPECT_EQ(markdown("$$\\sum_i x_i$$ and \\(a_b\\)"), "$$\\sum_i x_i$$ and $a_b$");
  // Around the math, Markdown is escaped as everywhere; in it, what could become markup.
  EXPECT_EQ(markdown("*bold* $a<b & [c](d)$ _x_"),
            "\\*bold\\* $a\\lt b \\& \\lbrack c\\rbrack (d)$ \\_x\\_");
  // Without math, exactly the Markdown escape: prices stay escaped dollars.
  for (std::string_view text : {"It costs $5 and $10", "plain *text* [x](javascript:y)", ""}) {
    std::string expected;
    escape_markdown(expected, text);
    EXPECT_EQ(markdown(text), expected) << text;
  }
}

}  // namespace
}  // namespace paperpress
