#include "paperpress/util/time.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(Time, ParsesIso8601Forms) {
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601("2016-05-26T17:59:46Z"), 1464285586);
  EXPECT_EQ(parse_iso8601("2016-05-26T19:59:46+02:00"), 1464285586);
  EXPECT_EQ(parse_iso8601("2016-05-26"), 1464220800);
  EXPECT_EQ(parse_iso8601("2016-05-26T17:59:46.123Z"), 1464285586);
  EXPECT_FALSE(parse_iso8601("2016-13-26"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601(""));
}

TEST(Time, ParsesRfc822) {
  EXPECT_EQ(parse_rfc822("Mon, 2 Apr 2007 19:18:42 GMT"), make_utc(2007, 4, 2, 19, 18, 42));
  EXPECT_EQ(parse_rfc822("Tue, 24 Jul 2007 20:10:27 GMT"), make_utc(2007, 7, 24, 20, 10, 27));
  EXPECT_FALSE(parse_rfc822("Mon, 2 Foo 2007 19:18:42 GMT"));
  EXPECT_FALSE(parse_rfc822(""));
}

TEST(Time, FormatsRoundTrip) {
  for (UnixSeconds t : {0LL, 951782400LL, 1464285586LL, 4102444799LL}) {
    EXPECT_EQ(parse_iso8601(format_iso8601(t)), t) << t;
  }
  EXPECT_EQ(format_iso8601(make_utc(2024, 2, 29, 23, 59, 59)), "2024-02-29T23:59:59Z");
  EXPECT_EQ(format_date(make_utc(2000, 3, 1)), "2000-03-01");
}

}  // namespace
}  // namespace paperpress
