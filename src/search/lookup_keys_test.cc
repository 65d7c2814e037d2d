#include "paperpress/search/lookup_keys.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "paperpress/search/search_format.h"

namespace paperpress {
namespace {

using Keys = std::vector<std::string>;

TEST(LookupKeys, AnAuthorIsFoundByFullNameFirstAndLastAndInitial) {
  EXPECT_EQ(author_keys("Geoffrey E. Hinton"),
            (Keys{"geoffrey e hinton", "geoffrey hinton", "g hinton"}));
  EXPECT_EQ(author_keys("Yann LeCun"), (Keys{"yann lecun", "y lecun"}));
  EXPECT_EQ(author_keys("Zoë Müller"), (Keys{"zoe muller", "z muller"}));
  EXPECT_EQ(author_keys("Plato"), (Keys{"plato"}));
  EXPECT_EQ(author_keys(" . "), Keys{});
}

TEST(LookupKeys, APaperHasItsIdTitleAndAuthorKeysOnce) {
  EXPECT_EQ(lookup_keys("hep-th/9901001", "Strings: A Review", "A. Author\nA. Author"),
            (Keys{"i:hep-th/9901001", "t:string a review", "t:a author"}));
  EXPECT_EQ(lookup_keys("2501.00425", "", ""), (Keys{"i:2501.00425"}));
}

TEST(LookupKeys, KeyValuesAreTheValuesOfTheKeys) {
  const char* authors = "Geoffrey E. Hinton\nPlato\nZoë Müller\n . \nPlato";
  std::vector<uint64_t> want, got;
  for (const std::string& k : lookup_keys("HEP-TH/9901001", "Strings: A Review", authors))
    want.push_back(search_key_value(k));
  append_key_values("HEP-TH/9901001", "Strings: A Review", authors, got);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  got.erase(std::unique(got.begin(), got.end()), got.end());
  EXPECT_EQ(got, want);
}

TEST(SearchFormat, WrittenDfIsExactWhenSmallAndKeepsThreeBitsAbove) {
  EXPECT_EQ(written_df(0), 0u);
  EXPECT_EQ(written_df(16), 16u);
  EXPECT_EQ(written_df(17), 16u);
  EXPECT_EQ(written_df(1040), 1024u);
  EXPECT_EQ(written_df(1279), 1024u);
  EXPECT_EQ(written_df(1280), 1280u);
}

}  // namespace
}  // namespace paperpress
