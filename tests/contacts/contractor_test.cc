#include "contacts/contractor.h"

#include "contacts/free_mail.h"
#include "support/test_support.h"

namespace mailsift::contacts {
namespace {

Day day(const char* text) {
  auto d = parse_day(text);
  EXPECT_TRUE(testing::is_ok(d)) << text;
  return d.value_or(0);
}

Accreditation expiring_on(const char* expires, RegistryStatus status = RegistryStatus::kValid) {
  Accreditation a;
  a.scheme = "NERS";
  a.certificate = "NERS-1";
  a.expires = day(expires);
  a.status = status;
  return a;
}

TEST(ContractorTest, ParseDayRoundTripsAndRejectsImpossibleDates) {
  EXPECT_EQ(format_day(day("2026-12-04")), "2026-12-04");
  EXPECT_EQ(day("1970-01-01"), 0);
  EXPECT_EQ(day("2024-02-29") + 1, day("2024-03-01"));
  for (const char* bad : {"2026-02-30", "2026-13-01", "2026-1-01", "04/12/2026", "", "2026-12-04x", "abcd-ef-gh"}) {
    auto d = parse_day(bad);
    EXPECT_FALSE(d) << bad;
  }
}

TEST(ContractorTest, ExpiryIsComputedFromTheDayAsked) {
  const Day today = day("2026-12-04");
  EXPECT_EQ(expiring_on("2026-12-03").expiry(today), Expiry::kExpired);
  EXPECT_EQ(expiring_on("2026-12-04").expiry(today), Expiry::kExpiring);  // in force through its last day
  EXPECT_EQ(expiring_on("2026-12-20").expiry(today), Expiry::kExpiring);
  EXPECT_EQ(expiring_on("2027-01-03").expiry(today), Expiry::kExpiring);  // exactly 30 days
  EXPECT_EQ(expiring_on("2027-01-04").expiry(today), Expiry::kValid);
  // The same accreditation a month later: nothing stored goes stale.
  EXPECT_EQ(expiring_on("2027-01-04").expiry(day("2026-12-05")), Expiry::kExpiring);
  EXPECT_EQ(expiring_on("2027-01-04").expiry(day("2027-01-05")), Expiry::kExpired);
  EXPECT_EQ(expiring_on("2026-12-20").days_left(today), 16);
}

TEST(ContractorTest, StatusFiltersCombineRegistryStatusAndDates) {
  const Day today = day("2026-12-04");
  Accreditation soon = expiring_on("2026-12-20");
  Accreditation soon_suspended = expiring_on("2026-12-20", RegistryStatus::kSuspended);
  Accreditation gone_withdrawn = expiring_on("2026-01-01", RegistryStatus::kWithdrawn);
  Accreditation fine = expiring_on("2028-01-01");
  EXPECT_TRUE(soon.matches(StatusFilter::kExpiring, today));
  EXPECT_FALSE(soon.matches(StatusFilter::kValid, today));
  EXPECT_FALSE(soon_suspended.matches(StatusFilter::kExpiring, today));  // not in force
  EXPECT_TRUE(soon_suspended.matches(StatusFilter::kSuspended, today));
  EXPECT_TRUE(gone_withdrawn.matches(StatusFilter::kExpired, today));
  EXPECT_TRUE(gone_withdrawn.matches(StatusFilter::kWithdrawn, today));
  EXPECT_TRUE(fine.matches(StatusFilter::kValid, today));
  EXPECT_EQ(soon.standing(today), "expiring");
  EXPECT_EQ(soon_suspended.standing(today), "suspended");
  EXPECT_EQ(gone_withdrawn.standing(today), "expired");
  EXPECT_EQ(fine.standing(today), "valid");
}

TEST(ContractorTest, StatusFilterNames) {
  for (const char* name : {"valid", "expiring", "expired", "suspended", "withdrawn", "EXPIRING"}) {
    EXPECT_OK(parse_status_filter(name));
  }
  auto bad = parse_status_filter("lapsed");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kInvalidArgument);
}

TEST(ContractorTest, CanonicalSchemeCodes) {
  EXPECT_EQ(canonical_scheme("ners"), "NERS");
  EXPECT_EQ(canonical_scheme(" Girs "), "GIRS");
  EXPECT_EQ(canonical_scheme("Safe Contractor"), "SafeContractor");
  EXPECT_EQ(canonical_scheme("CL"), "Constructionline");
  EXPECT_EQ(canonical_scheme("Achilles UVDB"), "Achilles UVDB");
}

TEST(ContractorTest, JsonCarriesComputedExpiry) {
  Contractor c;
  c.id = "CTR-1";
  c.name = "Test";
  c.accreditations.push_back(expiring_on("2026-12-20"));
  c.accreditations.back().notes = "note A";
  c.accreditations.push_back(expiring_on("2028-12-20"));
  c.accreditations.back().notes = "note A";
  auto j = to_json(c, day("2026-12-04"));
  EXPECT_EQ(j["accreditations"][0]["expiry"], "expiring");
  EXPECT_EQ(j["accreditations"][0]["days_left"], 16);
  EXPECT_EQ(j["accreditations"][1]["standing"], "valid");
  EXPECT_EQ(j["notes"].size(), 1u);
}

TEST(FreeMailTest, DefaultsCoverProvidersUnderAnySuffix) {
  auto fm = FreeMailPolicy::defaults();
  for (const char* d : {"gmail.com", "GMail.com", "googlemail.com", "outlook.com", "outlook.co.uk", "outlook.example",
                        "hotmail.fr", "yahoo.co.uk", "eu.outlook.com", "icloud.com", "live.co.uk", "btinternet.com"}) {
    EXPECT_TRUE(fm.is_free_mail(d)) << d;
  }
  for (const char* d : {"brightwire-utilities.example", "outlook.brightwire.example", "notgmail.com",
                        "gmail-contractors.co.uk", "live.example", ""}) {
    EXPECT_FALSE(fm.is_free_mail(d)) << d;
  }
}

TEST(FreeMailTest, ConfiguredPatternsReplaceTheDefaults) {
  FreeMailPolicy fm({"Shared-Host.example", "webmail.*", ""});
  EXPECT_TRUE(fm.is_free_mail("shared-host.example"));
  EXPECT_TRUE(fm.is_free_mail("mx.shared-host.example"));
  EXPECT_TRUE(fm.is_free_mail("webmail.org"));
  EXPECT_FALSE(fm.is_free_mail("gmail.com"));
  EXPECT_EQ(fm.patterns().size(), 2u);
}

}  // namespace
}  // namespace mailsift::contacts
