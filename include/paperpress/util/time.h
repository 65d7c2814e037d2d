// Calendar time in UTC as seconds since the epoch, and the date formats arXiv uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace paperpress {

using UnixSeconds = int64_t;

// "2016-05-26T17:59:46Z", "2016-05-26T17:59:46+00:00", "2016-05-26" (midnight UTC).
std::optional<UnixSeconds> parse_iso8601(std::string_view text);

// RFC 822 / 1123 as in OAI arXivRaw and the Kaggle snapshot: "Mon, 2 Apr 2007 19:18:42 GMT".
std::optional<UnixSeconds> parse_rfc822(std::string_view text);

// "2016-05-26T17:59:46Z".
std::string format_iso8601(UnixSeconds t);

// "2016-05-26".
std::string format_date(UnixSeconds t);

// Seconds since the epoch for a civil UTC date and time (no range checks).
UnixSeconds make_utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

struct CivilDate {
  int year, month, day;
};
CivilDate civil_from_unix(UnixSeconds t);

UnixSeconds now_utc();

// How people write a month or a day, in English: month_label("2025_01") is "January 2025"
// (a month key "YYYY_MM" or "YYYY-MM"), day_label("2025-01-06") is "Mon 6 Jan 2025". Text that
// is not such a key or date comes back as it is.
std::string month_label(std::string_view key);
std::string day_label(std::string_view date);

}  // namespace paperpress
