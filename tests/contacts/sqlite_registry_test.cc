#include "contacts/sqlite_registry.h"

#include "contacts/contractor_resolver.h"
#include "contacts/registry_import.h"
#include "store/sqlite_store.h"
#include "support/test_support.h"

namespace mailsift::contacts {
namespace {

using testing::TempDir;

Day day(const char* text) {
  return parse_day(text).value_or(0);
}

Contractor make(const std::string& id, const std::string& name, std::vector<std::string> regions,
                std::vector<Accreditation> accs, std::vector<std::string> domains = {}) {
  Contractor c;
  c.id = id;
  c.name = name;
  c.regions = std::move(regions);
  c.accreditations = std::move(accs);
  c.email_domains = std::move(domains);
  return c;
}

Accreditation acc(const std::string& scheme, const std::string& cert, std::vector<std::string> scopes,
                  const char* expires, RegistryStatus status = RegistryStatus::kValid) {
  Accreditation a;
  a.scheme = scheme;
  a.certificate = cert;
  a.scopes = std::move(scopes);
  a.expires = day(expires);
  a.status = status;
  return a;
}

class SqliteRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteEmailStore::open((dir_.path() / "mailsift.db").string());
    ASSERT_OK(s);
    store_ = std::move(*s);
    registry_ = std::make_unique<SqliteRegistry>(store_->database());
  }
  std::vector<std::string> ids(const ContractorQuery& q, const char* today = "2026-12-04") {
    auto r = registry_->search(q, day(today));
    EXPECT_TRUE(testing::is_ok(r));
    std::vector<std::string> out;
    if (r) {
      for (const auto& h : *r) out.push_back(h.contractor.id);
    }
    return out;
  }
  void load_sample() {
    std::vector<Contractor> cs = {
        make("CTR-1", "Alpha Jointing", {"North West"},
             {acc("NERS", "N-1", {"LV jointing", "cable laying"}, "2028-01-01"),
              acc("CHAS", "C-1", {"health and safety"}, "2026-12-20")},
             {"alpha.example"}),
        make("CTR-2", "Bravo Cables", {"North West", "Wales"},
             {acc("NERS", "N-2", {"HV jointing", "LV cable laying"}, "2028-01-01")}),
        make("CTR-3", "Charlie Gas", {"Scotland"},
             {acc("GIRS", "G-3", {"PE jointing", "gas mains laying"}, "2026-11-01"),
              acc("NERS", "N-3", {"LV jointers"}, "2028-01-01", RegistryStatus::kSuspended)}),
        make("CTR-4", "Delta Water", {"London"}, {acc("WIRS", "W-4", {"self-lay mains"}, "2027-06-01")}),
    };
    auto r = registry_->upsert(cs);
    ASSERT_OK(r);
    EXPECT_EQ(r->added, 4);
  }

  TempDir dir_;
  std::unique_ptr<SqliteEmailStore> store_;
  std::unique_ptr<SqliteRegistry> registry_;
};

TEST_F(SqliteRegistryTest, UpsertThenGetRoundTrips) {
  load_sample();
  auto c = registry_->get("ctr-1");  // ids compare case-insensitively
  ASSERT_OK(c);
  ASSERT_TRUE(c->has_value());
  EXPECT_EQ((*c)->name, "Alpha Jointing");
  ASSERT_EQ((*c)->accreditations.size(), 2u);
  EXPECT_EQ((*c)->accreditations[0].scopes, (std::vector<std::string>{"LV jointing", "cable laying"}));
  EXPECT_EQ(format_day((*c)->accreditations[1].expires), "2026-12-20");
  auto missing = registry_->get("CTR-404");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteRegistryTest, UpsertReplacesAccreditationsById) {
  load_sample();
  auto r = registry_->upsert({make("CTR-1", "Alpha Jointing Ltd", {"North East"},
                                   {acc("GIRS", "G-1", {"service connections"}, "2029-01-01")}, {"alpha2.example"})});
  ASSERT_OK(r);
  EXPECT_EQ(r->updated, 1);
  EXPECT_EQ(r->added, 0);
  auto c = registry_->get("CTR-1");
  ASSERT_OK(c);
  EXPECT_EQ((*c)->name, "Alpha Jointing Ltd");
  ASSERT_EQ((*c)->accreditations.size(), 1u);
  EXPECT_EQ(ids(ContractorQuery{.scope = "LV jointing"}), std::vector<std::string>{});  // old scopes gone from FTS
  ContractorQuery nw;
  nw.regions = {"North West"};
  EXPECT_EQ(ids(nw), std::vector<std::string>{"CTR-2"});
  EXPECT_TRUE(registry_->by_domain("alpha.example")->empty());
  EXPECT_EQ(*registry_->by_domain("alpha2.example"), std::vector<std::string>{"CTR-1"});
  EXPECT_EQ(*registry_->count(), 4);
}

TEST_F(SqliteRegistryTest, SearchByRegionSchemeScopeAndStatus) {
  load_sample();
  ContractorQuery q;
  q.regions = {"North West"};
  EXPECT_EQ(ids(q), (std::vector<std::string>{"CTR-1", "CTR-2"}));
  q.scheme = "NERS";
  q.scope = "LV jointing";
  // Every word in one scope: Bravo's "HV jointing" + "LV cable laying" does not count.
  EXPECT_EQ(ids(q), std::vector<std::string>{"CTR-1"});
  ContractorQuery stems;
  stems.scope = "jointer";  // porter: jointers / jointing / joint
  EXPECT_EQ(ids(stems), std::vector<std::string>{"CTR-3"});
  stems.scope = "joint";
  EXPECT_EQ(ids(stems), (std::vector<std::string>{"CTR-1", "CTR-2", "CTR-3"}));
  ContractorQuery two_terms;
  two_terms.scope = "LV jointing, cable laying";
  EXPECT_EQ(ids(two_terms), std::vector<std::string>{"CTR-1"});
  ContractorQuery expiring;
  expiring.status = StatusFilter::kExpiring;
  auto hits = registry_->search(expiring, day("2026-12-04"));
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].contractor.id, "CTR-1");
  EXPECT_EQ((*hits)[0].matching, std::vector<size_t>{1});  // the CHAS accreditation
  ContractorQuery expired;
  expired.status = StatusFilter::kExpired;
  EXPECT_EQ(ids(expired), std::vector<std::string>{"CTR-3"});
  // The same query a year earlier: nothing had expired yet.
  EXPECT_EQ(ids(expired, "2025-12-04"), std::vector<std::string>{});
  // Status and scheme must hold for the same accreditation: Charlie's NERS is suspended.
  ContractorQuery valid_ners;
  valid_ners.scheme = "NERS";
  valid_ners.status = StatusFilter::kValid;
  EXPECT_EQ(ids(valid_ners), (std::vector<std::string>{"CTR-1", "CTR-2"}));
  ContractorQuery by_name;
  by_name.name = "DELTA";
  EXPECT_EQ(ids(by_name), std::vector<std::string>{"CTR-4"});
}

TEST_F(SqliteRegistryTest, ScopeTextNeverReachesFts5AsSyntax) {
  load_sample();
  for (const char* text : {"\"LV", "LV*", "NEAR(LV jointing)", "scope:LV", "-jointing", "LV AND OR NOT"}) {
    ContractorQuery q;
    q.scope = text;
    EXPECT_OK(registry_->search(q, day("2026-12-04"))) << text;
  }
  ContractorQuery q;
  q.scope = "!!! ---";
  auto r = registry_->search(q, day("2026-12-04"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
}

TEST_F(SqliteRegistryTest, DemoRegistryExpiryCountsMatchTheReadme) {
  std::string text = testing::read_file(testing::source_dir() / "demo" / "contractors.csv");
  auto parsed = parse_registry(text, FileFormat::kCsv, FreeMailPolicy::defaults());
  ASSERT_OK(parsed);
  ASSERT_OK(registry_->upsert(parsed->contractors));
  const Day today = day("2026-12-04");
  auto count_accs = [&](StatusFilter f) {
    ContractorQuery q;
    q.status = f;
    q.limit = -1;
    size_t n = 0;
    auto hits = registry_->search(q, today);
    EXPECT_TRUE(testing::is_ok(hits));
    for (const auto& h : hits.value_or(std::vector<ContractorHit>{})) n += h.matching.size();
    return n;
  };
  EXPECT_EQ(count_accs(StatusFilter::kExpired), 20u);
  EXPECT_EQ(count_accs(StatusFilter::kExpiring), 14u);  // 15 by date, one of them suspended
  EXPECT_EQ(count_accs(StatusFilter::kSuspended), 14u);
  EXPECT_EQ(count_accs(StatusFilter::kWithdrawn), 13u);
  ContractorQuery wales;
  wales.regions = {"Wales"};
  wales.scheme = "NERS";
  wales.scope = "HV jointing";
  auto hits = registry_->search(wales, today);
  ASSERT_OK(hits);
  bool pennant = false;
  for (const auto& h : *hits) pennant = pennant || h.contractor.id == "CTR-0019";
  EXPECT_TRUE(pennant);
}

TEST_F(SqliteRegistryTest, UpsertIsAllOrNothing) {
  load_sample();
  // The second contractor's write fails half-way; the first must not stay behind.
  ASSERT_OK(
      store_->database().exec("CREATE TRIGGER test_boom BEFORE INSERT ON accreditations WHEN new.certificate = 'BOOM'"
                              " BEGIN SELECT RAISE(ABORT, 'boom'); END;"));
  auto r = registry_->upsert({make("CTR-9", "New Ltd", {"London"}, {acc("NERS", "N-9", {}, "2030-01-01")}),
                              make("CTR-1", "Alpha Renamed", {"London"}, {acc("NERS", "BOOM", {}, "2030-01-01")})});
  ASSERT_FALSE(r);
  auto c = registry_->get("CTR-9");
  ASSERT_OK(c);
  EXPECT_FALSE(c->has_value());
  auto alpha = registry_->get("CTR-1");
  ASSERT_OK(alpha);
  EXPECT_EQ((*alpha)->name, "Alpha Jointing");
  EXPECT_EQ((*alpha)->accreditations.size(), 2u);
}

TEST_F(SqliteRegistryTest, ResolverGivesAddressesAndDomainsForFromContractor) {
  Contractor fenwick = make("CTR-0063", "Michael Fenwick", {"East Midlands"}, {acc("NERS", "N-63", {}, "2030-01-01")});
  fenwick.contact_emails = {"mike.fenwick@outlook.example"};
  Contractor careless =
      make("CTR-0099", "Careless", {"London"}, {acc("NERS", "N-99", {}, "2030-01-01")}, {"outlook.example"});
  Contractor nothing = make("CTR-0100", "Nothing", {"London"}, {acc("NERS", "N-100", {}, "2030-01-01")});
  ASSERT_OK(registry_->upsert({fenwick, careless, nothing}));
  load_sample();
  ContractorResolver resolver((dir_.path() / "mailsift.db").string(), FreeMailPolicy::defaults());
  auto alpha = resolver.resolve(" ctr-1 ");
  ASSERT_OK(alpha);
  EXPECT_EQ(alpha->id, "CTR-1");
  EXPECT_EQ(alpha->domains, std::vector<std::string>{"alpha.example"});
  auto mike = resolver.resolve("CTR-0063");
  ASSERT_OK(mike);
  EXPECT_EQ(mike->addresses, std::vector<std::string>{"mike.fenwick@outlook.example"});
  EXPECT_TRUE(mike->domains.empty());
  for (const char* bad : {"CTR-0099", "CTR-0100", "CTR-404", ""}) {
    auto r = resolver.resolve(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Code::kInvalidArgument);
  }
}

}  // namespace
}  // namespace mailsift::contacts
