#include "paperpress/cite/license.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(LicenseName, NamesTheLicensesArxivRecords) {
  EXPECT_EQ(license_name("http://creativecommons.org/licenses/by/4.0/"), "CC BY 4.0");
  EXPECT_EQ(license_name("http://creativecommons.org/licenses/by-sa/4.0/"), "CC BY-SA 4.0");
  EXPECT_EQ(license_name("http://creativecommons.org/licenses/by-nc-sa/4.0/"), "CC BY-NC-SA 4.0");
  EXPECT_EQ(license_name("http://creativecommons.org/licenses/by-nc-nd/4.0/"), "CC BY-NC-ND 4.0");
  EXPECT_EQ(license_name("http://creativecommons.org/licenses/by/3.0/"), "CC BY 3.0");
  EXPECT_EQ(license_name("http://creativecommons.org/publicdomain/zero/1.0/"), "CC0 1.0");
  EXPECT_EQ(license_name("http://arxiv.org/licenses/nonexclusive-distrib/1.0/"),
            "arXiv non-exclusive license");
  EXPECT_EQ(license_name("http://arxiv.org/licenses/assumed-1991-2003/"),
            "arXiv license (assumed, 1991\xE2\x80\x93" "2003)");
}

TEST(LicenseName, AcceptsHttpsWwwAndNoFinalSlash) {
  EXPECT_EQ(license_name("https://creativecommons.org/licenses/by/4.0"), "CC BY 4.0");
  EXPECT_EQ(license_name("https://www.creativecommons.org/licenses/by/4.0/"), "CC BY 4.0");
  EXPECT_EQ(license_name("https://arxiv.org/licenses/nonexclusive-distrib/1.0"),
            "arXiv non-exclusive license");
}

TEST(LicenseName, AnythingElseHasNoName) {
  for (const char* url : {"", "creativecommons.org/licenses/by/4.0/",
                          "javascript:alert(1)", "http://example.org/licenses/by/4.0/",
                          "http://creativecommons.org/licenses/by/", "http://creativecommons.org/licenses/",
                          "http://creativecommons.org/licenses/by<script>/4.0/",
                          "http://creativecommons.org/licenses/by/4.0/extra",
                          "http://creativecommons.org/publicdomain/zero/x/"})
    EXPECT_EQ(license_name(url), "") << url;
}

}  // namespace
}  // namespace paperpress
