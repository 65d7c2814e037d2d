#include "paperpress/search/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace paperpress {
namespace {

std::string json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonText, EscapesQuotesBackslashesControlsAndLessThan) {
  EXPECT_EQ(json("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(json("</script>"), R"("\u003c/script>")");
  EXPECT_EQ(json(std::string("\x01\n\t\x7f", 4)), R"("\u0001\n\t\u007f")");
}

TEST(JsonText, KeepsUtf8AndReplacesMalformedBytes) {
  EXPECT_EQ(json("Zoë 量子"), "\"Zoë 量子\"");
  EXPECT_EQ(json("a\xff"
                 "b\xc3"),
            R"("a\ufffdb\ufffd")");
  EXPECT_EQ(json("\xe2\x80\xa8"), R"("\u2028")");
}

TEST(JsonText, AlwaysParsesBackToTheValidText) {
  std::string every;
  for (int c = 0; c < 128; ++c) every += static_cast<char>(c);
  every += "é€𝄞";
  auto parsed = nlohmann::json::parse(json(every));
  EXPECT_EQ(parsed.get<std::string>(), every);
}

TEST(JsonText, FindsEverySpecialByteAtEveryPlaceOfALongText) {
  // The plain runs are found 16 bytes at a time: each byte that needs escaping, at each place
  // of a 40-byte text, is escaped as in a short one.
  const std::vector<std::string> specials = {"\"",   "\\",   "<", "\n",   std::string(1, '\0'),
                                             "\x1f", "\x7f", "é", "\xff", "\xe2\x80\xa9"};
  for (const std::string& special : specials) {
    for (size_t at = 0; at <= 40; ++at) {
      const std::string text = std::string(at, 'a') + special + std::string(40 - at, 'b');
      EXPECT_EQ(json(text), "\"" + std::string(at, 'a') +
                                json(special).substr(1, json(special).size() - 2) +
                                std::string(40 - at, 'b') + "\"")
          << at;
    }
  }
}

}  // namespace
}  // namespace paperpress
