#include "core/time.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/strings.h"

namespace mailsift {

UnixTime now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {
std::tm utc_tm(UnixTime t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

unsigned days_in_month(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}
}  // namespace

std::string format_iso8601(UnixTime t) {
  std::tm tm = utc_tm(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string format_short(UnixTime t) {
  std::tm tm = utc_tm(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

UnixTime unix_from_civil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (static_cast<UnixTime>(era) * 146097 + static_cast<UnixTime>(doe) - 719468) * 86400;
}

Result<UnixTime> parse_date_arg(std::string_view text, UnixTime now, bool end_of_period) {
  const std::string hint =
      "use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, today, yesterday, or Nd/Nw/Nm/Ny ago";
  std::string t = to_lower(trim(text));
  auto bad = [&] { return fail(Code::kInvalidArgument, "cannot read the date '" + std::string(text) + "'", hint); };
  if (t.empty()) return bad();
  const UnixTime day_start = now - ((now % 86400) + 86400) % 86400;
  if (t == "today") return end_of_period ? day_start + 86399 : day_start;
  if (t == "yesterday") return end_of_period ? day_start - 1 : day_start - 86400;
  char unit = t.back();
  if (unit == 'd' || unit == 'w' || unit == 'm' || unit == 'y') {
    int n = 0;
    if (parse_int(std::string_view(t).substr(0, t.size() - 1), n) && n >= 0) {
      UnixTime per = unit == 'd' ? 86400 : unit == 'w' ? 7 * 86400 : unit == 'm' ? 30 * 86400 : 365 * 86400;
      return now - static_cast<UnixTime>(n) * per;
    }
  }
  // Absolute forms.
  int y = 0, mo = 1, d = 1, hh = 0, mi = 0, ss = 0;
  auto parts = split(t, 't');
  if (parts.size() > 2) return bad();
  auto ymd = split(parts[0], '-');
  if (ymd.empty() || ymd.size() > 3 || !parse_int(ymd[0], y) || ymd[0].size() != 4) return bad();
  if (ymd.size() >= 2 && (!parse_int(ymd[1], mo) || mo < 1 || mo > 12)) return bad();
  if (ymd.size() == 3 && (!parse_int(ymd[2], d) || d < 1 || d > static_cast<int>(days_in_month(y, mo)))) return bad();
  if (parts.size() == 2) {
    std::string clock = parts[1];
    if (!clock.empty() && clock.back() == 'z') clock.pop_back();
    auto hms = split(clock, ':');
    if (hms.size() < 2 || hms.size() > 3 || !parse_int(hms[0], hh) || !parse_int(hms[1], mi) ||
        (hms.size() == 3 && !parse_int(hms[2], ss)) || hh > 23 || mi > 59 || ss > 60) {
      return bad();
    }
    return unix_from_civil(y, mo, d) + hh * 3600 + mi * 60 + ss;
  }
  UnixTime start = unix_from_civil(y, mo, d);
  if (!end_of_period) return start;
  if (ymd.size() == 3) return start + 86399;
  if (ymd.size() == 2) return start + static_cast<UnixTime>(days_in_month(y, mo)) * 86400 - 1;
  return unix_from_civil(y + 1, 1, 1) - 1;
}

}  // namespace mailsift
