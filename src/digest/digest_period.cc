#include "paperpress/digest/digest_period.h"

#include <cstdio>

#include "paperpress/util/time.h"

namespace paperpress {

namespace {

constexpr long long kDay = 86400;

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

bool valid_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !all_digits(date.substr(0, 4)) ||
      !all_digits(date.substr(5, 2)) || !all_digits(date.substr(8, 2)))
    return false;
  auto t = parse_iso8601(date);
  return t && format_date(*t) == date;  // 2025-02-30 does not survive the round trip
}

DigestPeriod with_baseline(DigestPeriod p) {
  p.baseline_first_day = add_days(p.first_day, -28);
  p.baseline_last_day = add_days(p.first_day, -1);
  return p;
}

// Monday of ISO week 1 of `year`.
UnixSeconds week_one(int year) {
  UnixSeconds jan4 = make_utc(year, 1, 4);
  long long days = jan4 / kDay;
  int weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  return jan4 - weekday * kDay;
}

}  // namespace

std::string add_days(std::string_view date, int days) {
  auto t = parse_iso8601(date);
  if (!t) return std::string(date);
  return format_date(*t + days * kDay);
}

Result<DigestPeriod> day_period(std::string_view date) {
  if (!valid_date(date))
    return Error{"--date must be a day YYYY-MM-DD, not '" + std::string(date) + "'"};
  DigestPeriod p;
  p.kind = DigestPeriod::Kind::kDay;
  p.label = p.first_day = p.last_day = std::string(date);
  return with_baseline(std::move(p));
}

Result<DigestPeriod> week_period(std::string_view week) {
  Error bad{"--week must be an ISO week YYYY-Www (like 2025-W29), not '" + std::string(week) + "'"};
  if (week.size() != 8 || week[4] != '-' || week[5] != 'W' || !all_digits(week.substr(0, 4)) ||
      !all_digits(week.substr(6, 2)))
    return bad;
  int year = std::stoi(std::string(week.substr(0, 4)));
  int number = std::stoi(std::string(week.substr(6, 2)));
  if (number < 1 || number > 53 || year < 1971) return bad;
  UnixSeconds monday = week_one(year) + (number - 1) * 7 * kDay;
  if (monday >= week_one(year + 1)) return bad;  // week 53 of a year with 52
  DigestPeriod p;
  p.kind = DigestPeriod::Kind::kWeek;
  p.label = std::string(week);
  p.first_day = format_date(monday);
  p.last_day = format_date(monday + 6 * kDay);
  return with_baseline(std::move(p));
}

}  // namespace paperpress
