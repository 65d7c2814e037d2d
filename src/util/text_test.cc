#include "paperpress/util/text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace paperpress {
namespace {

TEST(NormalizeSpace, CollapsesRunsAndTrims) {
  EXPECT_EQ(normalize_space("  Heat-bath\n  random\twalks  "), "Heat-bath random walks");
  EXPECT_EQ(normalize_space(""), "");
  EXPECT_EQ(normalize_space(" \n "), "");
  EXPECT_EQ(normalize_space("0"), "0");
  EXPECT_EQ(normalize_space("a\f\vb \x01 c\xC3\xA9 "), "a b \x01 c\xC3\xA9");  // only spaces
}

// Against the rule spelled out byte by byte, over random texts of spaces and other bytes.
TEST(NormalizeSpace, MatchesTheRuleOnRandomTexts) {
  auto reference = [](std::string_view text) {
    std::string out;
    bool pending = false;
    for (char c : text) {
      if (std::string_view(" \t\n\r\f\v").find(c) != std::string_view::npos) {
        pending = !out.empty();
        continue;
      }
      if (pending) out += ' ';
      pending = false;
      out += c;
    }
    return out;
  };
  std::mt19937 rng(7);
  // Mostly spaces, then mostly words with a space, line break or tab now and then (whole
  // blocks of plain text).
  const std::string spacey(" \t\n\r\f\vab\x00\x80\xFF.", 12);
  const std::string wordy = std::string(40, 'w') + " .\xC3" + std::string(8, ' ') + "\n\t\r";
  for (const std::string* alphabet : {&spacey, &wordy}) {
    for (int round = 0; round < 20000; ++round) {
      std::string text(rng() % 100, 'x');
      for (char& c : text) c = (*alphabet)[rng() % alphabet->size()];
      ASSERT_EQ(normalize_space(text), reference(text)) << round;
    }
  }
}

TEST(Utf8, FindsAndRepairsInvalidSequences) {
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("Bal\xC3\xA1zs \xF0\x9F\x93\x85"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2u);        // truncated sequence
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);  // surrogate
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);      // overlong
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(repair_utf8("\xC3\xA1"), "\xC3\xA1");
}

TEST(ArxivId, ParsesNewAndOldStylesWithVersions) {
  auto a = parse_arxiv_id("http://arxiv.org/abs/1605.08386v1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->id, "1605.08386");
  EXPECT_EQ(a->version, 1);
  auto b = parse_arxiv_id("http://arxiv.org/abs/quant-ph/0201082v1");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->id, "quant-ph/0201082");
  EXPECT_EQ(b->version, 1);
  auto c = parse_arxiv_id("oai:arXiv.org:hep-th/9901001");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, "hep-th/9901001");
  EXPECT_EQ(c->version, 0);
  auto d = parse_arxiv_id("2501.12345v12");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->id, "2501.12345");
  EXPECT_EQ(d->version, 12);
  auto e = parse_arxiv_id("math.CO/0501001");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->id, "math.CO/0501001");
  EXPECT_FALSE(parse_arxiv_id("abc"));
  EXPECT_FALSE(parse_arxiv_id("https://arxiv.org/api/errors#incorrect_id_format_for_abc"));
  EXPECT_FALSE(parse_arxiv_id("1605.083"));
  EXPECT_FALSE(parse_arxiv_id("../../etc/passwd"));
  EXPECT_FALSE(parse_arxiv_id("../1234567"));  // an archive starts with a letter
  EXPECT_FALSE(parse_arxiv_id("./9901001"));
  EXPECT_FALSE(parse_arxiv_id("2501.12345v99999999999999999999"));
}

TEST(Split, DropsEmptyPieces) {
  EXPECT_EQ(split("cs.CL  cs.AI ", ' '), (std::vector<std::string>{"cs.CL", "cs.AI"}));
  EXPECT_TRUE(split("", ' ').empty());
}

TEST(Whitespace, EachSetHoldsItsFormatsBytes) {
  for (char c : std::string_view(" \t\n\r\f\v")) EXPECT_TRUE(is_space(c)) << int(c);
  EXPECT_TRUE(is_space('\f', Whitespace::kHtml));
  EXPECT_FALSE(is_space('\v', Whitespace::kHtml));
  EXPECT_TRUE(is_space('\r', Whitespace::kXml));
  EXPECT_FALSE(is_space('\f', Whitespace::kXml));
  EXPECT_TRUE(is_space('\t', Whitespace::kBlank));
  EXPECT_FALSE(is_space('\n', Whitespace::kBlank));
  for (Whitespace set :
       {Whitespace::kAscii, Whitespace::kHtml, Whitespace::kXml, Whitespace::kBlank}) {
    EXPECT_TRUE(is_space(' ', set));
    EXPECT_FALSE(is_space('x', set));
    EXPECT_FALSE(is_space('\0', set));
    EXPECT_FALSE(is_space('\xA0', set));
  }
}

TEST(Trim, RemovesOnlyTheSetsBytesAtBothEnds) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim(" \f\v "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\v a \v", Whitespace::kHtml), "\v a \v");
  EXPECT_EQ(trim("\f a \f", Whitespace::kXml), "\f a \f");
  EXPECT_EQ(trim("\r\n a \t", Whitespace::kXml), "a");
  EXPECT_EQ(trim("\n a \t", Whitespace::kBlank), "\n a");
}

TEST(Case, LowersAndComparesAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower('Q'), 'q');
  EXPECT_EQ(ascii_lower('['), '[');
  EXPECT_EQ(ascii_lower("Content-TYPE \xC3\x89"), "content-type \xC3\x89");
  EXPECT_TRUE(equals_ignoring_case("Retry-After", "retry-after"));
  EXPECT_TRUE(equals_ignoring_case("", ""));
  EXPECT_FALSE(equals_ignoring_case("script", "scrip"));
  EXPECT_FALSE(equals_ignoring_case("[", "{"));  // 0x5B and 0x7B differ by 32, but are no letters
}

TEST(StartsEndsWith, ComparePrefixesAndSuffixes) {
  EXPECT_TRUE(starts_with("notes/2501.00001", "notes/"));
  EXPECT_FALSE(starts_with("no", "notes/"));
  EXPECT_TRUE(ends_with("a.swp", ".swp"));
  EXPECT_TRUE(ends_with("x", ""));
  EXPECT_FALSE(ends_with("swp", ".swp"));
}

TEST(Hex64, WritesSixteenLowerCaseDigits) {
  EXPECT_EQ(hex64(0), "0000000000000000");
  EXPECT_EQ(hex64(0xff), "00000000000000ff");
  EXPECT_EQ(hex64(0x0123456789ABCDEFull), "0123456789abcdef");
}

}  // namespace
}  // namespace paperpress
