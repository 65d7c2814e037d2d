// The days a digest covers: one day ("2025-07-14") or an ISO week ("2025-W29", Monday to
// Sunday), and the four weeks before it that the extractive digest compares against.
#pragma once

#include <string>
#include <string_view>

#include "paperpress/util/result.h"

namespace paperpress {

struct DigestPeriod {
  enum class Kind { kDay, kWeek };
  Kind kind = Kind::kDay;
  std::string label;      // "2025-07-14" or "2025-W29": the digest's file name starts with it
  std::string first_day;  // YYYY-MM-DD, inclusive
  std::string last_day;   // YYYY-MM-DD, inclusive
  // The 28 days before first_day (inclusive bounds).
  std::string baseline_first_day;
  std::string baseline_last_day;
};

// "2025-07-14"; an error quotes the text.
Result<DigestPeriod> day_period(std::string_view date);
// "2025-W29" (ISO 8601 week: weeks start on Monday, week 1 holds January 4th).
Result<DigestPeriod> week_period(std::string_view week);

// `date` (YYYY-MM-DD) moved by `days`.
std::string add_days(std::string_view date, int days);

}  // namespace paperpress
