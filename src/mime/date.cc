// RFC 5322 dates ("Tue, 4 Mar 2025 10:15:00 -0500") to Unix time, lenient the way mail needs.
//
// GMime's date parser returns midnight when it cannot read the time of day and treats the
// obsolete military zones as offsets; this parser reads the RFC 5322 layout itself (comments,
// two-digit years, named and obsolete zones) and parse_date falls back to GMime for the rest
// (asctime and other layouts).
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "core/strings.h"
#include "core/time.h"
#include "mime/internal.h"

namespace mailsift::mime::detail {

namespace {

// The text with (nested, escaped) comments replaced by spaces.
std::string strip_comments(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (depth > 0 && c == '\\') {
      ++i;
      continue;
    }
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      if (--depth == 0) out += ' ';
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int month_of(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (iequals(token.substr(0, 3), kMonths[m])) return static_cast<int>(m) + 1;
  }
  return 0;
}

// Zone offset in seconds east of UTC; unknown names count as UTC (RFC 5322 section 4.3).
std::optional<int> zone_offset(std::string_view z) {
  if (z.size() >= 5 && (z[0] == '+' || z[0] == '-') && all_digits(z.substr(1, 4))) {
    int hh = to_int(z.substr(1, 2)), mm = to_int(z.substr(3, 2));
    if (hh > 23 || mm > 59) return std::nullopt;
    int off = hh * 3600 + mm * 60;
    return z[0] == '-' ? -off : off;
  }
  struct Named {
    std::string_view name;
    int hours;
  };
  static constexpr Named kNamed[] = {{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
                                     {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
  for (const auto& n : kNamed) {
    if (istarts_with(z, n.name)) return n.hours * 3600;
  }
  if (!z.empty() && std::isalpha(static_cast<unsigned char>(z[0]))) return 0;  // UT, GMT, Z, military, ...
  return std::nullopt;
}

}  // namespace

std::optional<UnixTime> parse_rfc5322_date(std::string_view text) {
  std::string clean = strip_comments(text);
  std::vector<std::string_view> t = tokens(clean);
  size_t i = 0;
  // An optional day name ("Tue", "Tuesday").
  if (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i][0])) && month_of(t[i]) == 0) ++i;
  if (i + 2 >= t.size() || !all_digits(t[i]) || t[i].size() > 2) return std::nullopt;
  int day = to_int(t[i]);
  int month = month_of(t[i + 1]);
  if (month == 0 || !all_digits(t[i + 2]) || t[i + 2].size() > 4) return std::nullopt;
  int year = to_int(t[i + 2]);
  if (t[i + 2].size() <= 2)
    year += year < 50 ? 2000 : 1900;
  else if (t[i + 2].size() == 3)
    year += 1900;
  i += 3;

  int hour = 0, minute = 0, second = 0;
  if (i < t.size()) {
    std::string_view time = t[i];
    // hh:mm[:ss]; anything unreadable after the minutes is ignored.
    size_t c1 = time.find(':');
    if (c1 == std::string_view::npos || !all_digits(time.substr(0, c1)) || c1 > 2) return std::nullopt;
    std::string_view mm = time.substr(c1 + 1, 2);
    if (mm.size() != 2 || !all_digits(mm)) return std::nullopt;
    hour = to_int(time.substr(0, c1));
    minute = to_int(mm);
    if (time.size() >= c1 + 6 && time[c1 + 3] == ':' && all_digits(time.substr(c1 + 4, 2))) {
      second = to_int(time.substr(c1 + 4, 2));
    }
    ++i;
  } else {
    return std::nullopt;
  }
  int offset = 0;
  if (i < t.size()) {
    auto z = zone_offset(t[i]);
    if (z) offset = *z;
  }
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || year < 1900 || year > 9999) {
    return std::nullopt;
  }
  if (second == 60) second = 59;
  return unix_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) + hour * 3600 + minute * 60 +
         second - offset;
}

}  // namespace mailsift::mime::detail
