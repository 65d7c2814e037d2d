#include "paperpress/util/time.h"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace paperpress {

namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Reads exactly `n` digits at text[pos].
std::optional<int> digits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool valid(int y, int mo, int d, int h, int mi, int s) {
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 &&
         mi <= 59 && s >= 0 && s <= 60;
}

}  // namespace

UnixSeconds make_utc(int year, int month, int day, int hour, int minute, int second) {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

CivilDate civil_from_unix(UnixSeconds t) {
  int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<UnixSeconds> parse_iso8601(std::string_view text) {
  auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  if (!y || !mo || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() == 10) {
    if (!valid(*y, *mo, *d, 0, 0, 0)) return std::nullopt;
    return make_utc(*y, *mo, *d);
  }
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (!h || !mi || !s || !valid(*y, *mo, *d, *h, *mi, *s)) return std::nullopt;
  UnixSeconds t = make_utc(*y, *mo, *d, *h, *mi, *s);
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds are dropped
    size_t i = 1;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
    rest.remove_prefix(i);
  }
  if (rest.empty() || rest == "Z") return t;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    auto oh = digits(rest, 1, 2), om = digits(rest, 4, 2);
    if (!oh || !om) return std::nullopt;
    int offset = *oh * 3600 + *om * 60;
    return rest[0] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

std::optional<UnixSeconds> parse_rfc822(std::string_view text) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  size_t comma = text.find(',');
  if (comma != std::string_view::npos) text.remove_prefix(comma + 1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  // "2 Apr 2007 19:18:42 GMT"
  size_t sp1 = text.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0 || sp1 > 2) return std::nullopt;
  auto d = digits(text, 0, sp1);
  if (!d) return std::nullopt;
  std::string_view mon = text.substr(sp1 + 1, 3);
  int m = 0;
  for (int i = 0; i < 12; ++i)
    if (kMonths[i] == mon) m = i + 1;
  if (m == 0) return std::nullopt;
  size_t p = sp1 + 5;
  auto y = digits(text, p, 4);
  if (!y || p + 4 >= text.size() || text[p + 4] != ' ') return std::nullopt;
  p += 5;
  auto h = digits(text, p, 2), mi = digits(text, p + 3, 2), s = digits(text, p + 6, 2);
  if (!h || !mi || !s || text[p + 2] != ':' || text[p + 5] != ':') return std::nullopt;
  if (!valid(*y, m, *d, *h, *mi, *s)) return std::nullopt;
  return make_utc(*y, m, *d, *h, *mi, *s);
}

std::string format_iso8601(UnixSeconds t) {
  CivilDate c = civil_from_unix(t);
  int64_t secs = ((t % 86400) + 86400) % 86400;
  if (c.year < 0 || c.year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    return buf;
  }
  // Digits written by hand: every parsed paper has two of these, and snprintf cost more than
  // the rest of reading its dates.
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&](size_t at, int value, int digits) {
    for (int k = digits - 1; k >= 0; --k, value /= 10)
      out[at + k] = static_cast<char>('0' + value % 10);
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  put(11, static_cast<int>(secs / 3600), 2);
  put(14, static_cast<int>(secs / 60 % 60), 2);
  put(17, static_cast<int>(secs % 60), 2);
  return out;
}

std::string format_date(UnixSeconds t) {
  CivilDate c = civil_from_unix(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

UnixSeconds now_utc() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr std::string_view kMonthNames[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
constexpr std::string_view kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Appends the decimal digits of `n` (≥ 0).
void append_number(std::string& out, int n) {
  char buf[12];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::string month_label(std::string_view key) {
  auto y = digits(key, 0, 4), m = digits(key, 5, 2);
  if (key.size() != 7 || !y || !m || (key[4] != '_' && key[4] != '-') || *m < 1 || *m > 12)
    return std::string(key);
  std::string out(kMonthNames[*m - 1]);
  out += ' ';
  append_number(out, *y);
  return out;
}

std::string day_label(std::string_view date) {
  auto y = digits(date, 0, 4), m = digits(date, 5, 2), d = digits(date, 8, 2);
  if (date.size() != 10 || !y || !m || !d || date[4] != '-' || date[7] != '-' || *m < 1 ||
      *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
    return std::string(date);
  const int64_t days = days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
  const int64_t weekday = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
  std::string out(kWeekdays[weekday]);  // "Mon 6 Jan 2025": short enough to need no allocation
  out += ' ';
  append_number(out, *d);
  out += ' ';
  out += kMonthNames[*m - 1].substr(0, 3);
  out += ' ';
  append_number(out, *y);
  return out;
}

}  // namespace paperpress
