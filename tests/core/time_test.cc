#include "core/time.h"

#include "support/test_support.h"

namespace mailsift {
namespace {

constexpr UnixTime kNow = 1735776000 + 12 * 3600;  // 2025-01-02T12:00:00Z

TEST(TimeTest, FormatsUtc) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(kNow), "2025-01-02T12:00:00Z");
  EXPECT_EQ(unix_from_civil(2024, 2, 29), 1709164800);
}

TEST(TimeTest, ParsesAbsoluteDates) {
  EXPECT_EQ(parse_date_arg("2025-01-02", kNow).value(), 1735776000);
  EXPECT_EQ(parse_date_arg("2025-01-02", kNow, true).value(), 1735776000 + 86399);
  EXPECT_EQ(parse_date_arg("2025-02", kNow, true).value(), unix_from_civil(2025, 3, 1) - 1);
  EXPECT_EQ(parse_date_arg("2024", kNow).value(), unix_from_civil(2024, 1, 1));
  EXPECT_EQ(parse_date_arg("2025-01-02T10:30:00Z", kNow).value(), 1735776000 + 10 * 3600 + 1800);
}

TEST(TimeTest, ParsesRelativeDates) {
  EXPECT_EQ(parse_date_arg("7d", kNow).value(), kNow - 7 * 86400);
  EXPECT_EQ(parse_date_arg("today", kNow).value(), 1735776000);
  EXPECT_EQ(parse_date_arg("yesterday", kNow).value(), 1735776000 - 86400);
}

TEST(TimeTest, RejectsNonsenseWithHint) {
  for (const char* bad : {"", "2025-13-01", "2025-02-30", "tomorrowish", "12345", "2025-01-01T25:00"}) {
    auto r = parse_date_arg(bad, kNow);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Code::kInvalidArgument);
    EXPECT_FALSE(r.error().hint.empty());
  }
}

}  // namespace
}  // namespace mailsift
