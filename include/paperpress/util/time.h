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

}  // namespace paperpress
