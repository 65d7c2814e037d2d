#include "paperpress/util/url.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace paperpress {
namespace {

TEST(Url, EncodesQueryValues) {
  EXPECT_EQ(url_encode("ti:\"large language\" OR abs:x"),
            "ti%3A%22large%20language%22%20OR%20abs%3Ax");
  EXPECT_EQ(url_with_query("http://h/api", {{"a", "1 2"}, {"b", "&"}}),
            "http://h/api?a=1%202&b=%26");
  EXPECT_EQ(url_with_query("http://h/api?x=1", {{"a", "b"}}), "http://h/api?x=1&a=b");
}

TEST(Url, HexDigitValues) {
  EXPECT_EQ(hex_digit_value('0'), 0);
  EXPECT_EQ(hex_digit_value('9'), 9);
  EXPECT_EQ(hex_digit_value('a'), 10);
  EXPECT_EQ(hex_digit_value('F'), 15);
  EXPECT_EQ(hex_digit_value('g'), -1);
  EXPECT_EQ(hex_digit_value('%'), -1);
}

TEST(Url, PercentDecodeKeepsBrokenEscapesAsText) {
  EXPECT_EQ(percent_decode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(percent_decode("plain"), "plain");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%zz%41"), "%zzA");
  EXPECT_EQ(percent_decode("%2541"), "%41");  // decoded once
}

TEST(Url, PercentDecodeStrictRefusesBrokenEscapes) {
  EXPECT_EQ(percent_decode_strict("/a%20b"), "/a b");
  EXPECT_EQ(percent_decode_strict("%41"), "A");
  EXPECT_EQ(percent_decode_strict("100%"), std::nullopt);
  EXPECT_EQ(percent_decode_strict("a%4"), std::nullopt);
  EXPECT_EQ(percent_decode_strict("%zz"), std::nullopt);
}

TEST(Url, SafeLinksKeepOnlyHttpAndEncodeBreakouts) {
  EXPECT_EQ(safe_link("https://arxiv.org/abs/2501.00001v1"), "https://arxiv.org/abs/2501.00001v1");
  EXPECT_FALSE(needs_link_repair("https://arxiv.org/abs/2501.00001v1"));
  EXPECT_EQ(safe_link("javascript:alert(1)"), "");
  EXPECT_EQ(safe_link("data:text/html,<script>"), "");
  EXPECT_TRUE(needs_link_repair("javascript:alert(1)"));
  EXPECT_EQ(safe_link("https://x.org/a\"><img src=x>"), "https://x.org/a%22%3E%3Cimg%20src=x%3E");
  EXPECT_EQ(safe_link("https://x.org/a) [b](c"), "https://x.org/a%29%20%5Bb%5D%28c");
}

// Links are checked eight bytes per step, then byte by byte: an unsafe byte is found at every
// place, in links of every length, exactly when safe_link would change the link.
TEST(Url, NeedsLinkRepairSeesEveryUnsafeByteAnywhere) {
  const std::string clean = "https://arxiv.org/abs/2501.00001v1?x=abcdefghijklmnop";
  for (size_t length = 8; length <= clean.size(); ++length) {
    const std::string link = clean.substr(0, length);
    EXPECT_FALSE(needs_link_repair(link)) << link;
    for (size_t at = 8; at < length; ++at) {
      for (char bad : std::string_view(" \"'<>()`\\|[]{}^\x01\x7f")) {
        std::string broken = link;
        broken[at] = bad;
        EXPECT_TRUE(needs_link_repair(broken)) << broken;
        EXPECT_NE(safe_link(broken), broken);
      }
    }
  }
}

}  // namespace
TEST(Url, PercentEncodeKeepsUnreservedOnly) {
  const std::pair<std::string, std::string> rows[] = {
      {"", ""},
      {"AZaz09-._~", "AZaz09-._~"},
      {"a b", "a%20b"},
      {"/?#&=+%:@", "%2F%3F%23%26%3D%2B%25%3A%40"},
      {"hep-th/9901001", "hep-th%2F9901001"},
      {"\xC3\xA9", "%C3%A9"},
      {std::string("\0\xFF", 2), "%00%FF"},
      {"javascript:alert(1)", "javascript%3Aalert%281%29"},
  };
  for (const auto& [in, want] : rows) {
    std::string out = "x";  // appended to
    percent_encode(out, in);
    EXPECT_EQ(out, "x" + want) << in;
    EXPECT_EQ(url_encode(in), want) << in;
  }
}

}  // namespace paperpress
