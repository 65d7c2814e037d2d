#include "paperpress/search/lookup_keys.h"

#include <gtest/gtest.h>

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
            (Keys{"i:hep-th/9901001", "t:string a review", "a:a author"}));
  EXPECT_EQ(lookup_keys("2501.00425", "", ""), (Keys{"i:2501.00425"}));
}

}  // namespace
}  // namespace paperpress
