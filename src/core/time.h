// Time helpers: the clock, ISO 8601 formatting and the date arguments users type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/types.h"

namespace mailsift {

UnixTime now_unix();
// "2025-03-04T10:15:00Z".
std::string format_iso8601(UnixTime t);
// "2025-03-04 10:15".
std::string format_short(UnixTime t);
// Days since the epoch to a civil date, and back (proleptic Gregorian, UTC).
UnixTime unix_from_civil(int year, unsigned month, unsigned day);

// A date as users type it on the command line: "2025-03-04", "2025-03-04T10:15:00Z",
// "2025-03", "2025", or relative "7d", "2w", "3m", "1y" (before `now`), "today", "yesterday".
// `end_of_period` picks the last second of a whole day/month/year instead of the first
// (for --until and the upper end of a range).
// Errors: kInvalidArgument with a hint listing the accepted forms.
Result<UnixTime> parse_date_arg(std::string_view text, UnixTime now, bool end_of_period = false);

}  // namespace mailsift
