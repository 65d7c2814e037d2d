#include "paperpress/util/time.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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

TEST(Time, MonthLabelsNameEveryMonth) {
  const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};
  for (int m = 1; m <= 12; ++m) {
    char key[8];
    std::snprintf(key, sizeof key, "2025_%02d", m);
    EXPECT_EQ(month_label(key), std::string(names[m - 1]) + " 2025") << key;
  }
  EXPECT_EQ(month_label("1999-12"), "December 1999");
  // Anything else comes back unchanged.
  EXPECT_EQ(month_label("2025_13"), "2025_13");
  EXPECT_EQ(month_label("2025_1"), "2025_1");
  EXPECT_EQ(month_label(""), "");
}

TEST(Time, DayLabelsHaveWeekdayDayMonthYear) {
  EXPECT_EQ(day_label("2025-01-06"), "Mon 6 Jan 2025");
  EXPECT_EQ(day_label("1970-01-01"), "Thu 1 Jan 1970");
  EXPECT_EQ(day_label("2000-01-01"), "Sat 1 Jan 2000");
  EXPECT_EQ(day_label("2024-02-29"), "Thu 29 Feb 2024");  // leap day
  EXPECT_EQ(day_label("2000-02-29"), "Tue 29 Feb 2000");  // leap day of a 400th year
  EXPECT_EQ(day_label("1969-07-20"), "Sun 20 Jul 1969");
  EXPECT_EQ(day_label("2025-12-31"), "Wed 31 Dec 2025");
  EXPECT_EQ(day_label("2016-05-27"), "Fri 27 May 2016");
  EXPECT_EQ(day_label("2025-09-02"), "Tue 2 Sep 2025");
  // Not a date: unchanged.
  EXPECT_EQ(day_label("2023-02-29"), "2023-02-29");
  EXPECT_EQ(day_label("2025-01-6"), "2025-01-6");
  EXPECT_EQ(day_label("soon"), "soon");
}

}  // namespace
}  // namespace paperpress
