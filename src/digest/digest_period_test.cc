#include "paperpress/digest/digest_period.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(DigestPeriod, DayAndItsFourWeeksBefore) {
  auto p = day_period("2025-03-01");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->label, "2025-03-01");
  EXPECT_EQ(p->first_day, "2025-03-01");
  EXPECT_EQ(p->last_day, "2025-03-01");
  EXPECT_EQ(p->baseline_first_day, "2025-02-01");
  EXPECT_EQ(p->baseline_last_day, "2025-02-28");
}

TEST(DigestPeriod, IsoWeeks) {
  auto w1 = week_period("2025-W01");  // 2024-12-30 .. 2025-01-05
  ASSERT_TRUE(w1) << w1.error().message;
  EXPECT_EQ(w1->first_day, "2024-12-30");
  EXPECT_EQ(w1->last_day, "2025-01-05");
  auto w29 = week_period("2025-W29");
  ASSERT_TRUE(w29);
  EXPECT_EQ(w29->first_day, "2025-07-14");
  EXPECT_EQ(w29->last_day, "2025-07-20");
  EXPECT_TRUE(week_period("2020-W53"));   // 2020 has 53 weeks
  EXPECT_FALSE(week_period("2025-W53"));  // 2025 has 52
}

TEST(DigestPeriod, BadInputQuotesIt) {
  auto bad_day = day_period("2025-02-30");
  ASSERT_FALSE(bad_day);
  EXPECT_EQ(bad_day.error().message, "--date must be a day YYYY-MM-DD, not '2025-02-30'");
  EXPECT_FALSE(day_period("../../etc"));
  EXPECT_FALSE(week_period("2025-29"));
  EXPECT_FALSE(week_period("2025-W00"));
}

}  // namespace
}  // namespace paperpress
