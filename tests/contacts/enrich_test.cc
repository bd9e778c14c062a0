#include "contacts/enrich.h"

#include "contacts/sqlite_contacts.h"
#include "contacts/sqlite_registry.h"
#include "store/sqlite_store.h"
#include "support/test_support.h"

namespace mailsift::contacts {
namespace {

using testing::TempDir;

Contractor contractor(const std::string& id, const std::string& name, std::vector<std::string> domains,
                      std::vector<std::string> emails) {
  Contractor c;
  c.id = id;
  c.name = name;
  c.email_domains = std::move(domains);
  c.contact_emails = std::move(emails);
  c.regions = {"North West"};
  Accreditation a;
  a.scheme = "NERS";
  a.certificate = "NERS-" + id;
  a.expires = parse_day("2030-01-01").value_or(0);
  c.accreditations.push_back(a);
  return c;
}

std::vector<DirectoryUser> staff() {
  return {
      {"HNS-U001",
       "Priya Raman",
       "Harrowgate Network Services Ltd",
       "Head of Operations",
       {"priya.raman@harrowgate-ns.example"}},
      {"HNS-U002",
       "Tom Ellery",
       "Harrowgate Network Services Ltd",
       "Operations Coordinator",
       {"tom.ellery@harrowgate-ns.example"}},
      {"HNS-U021",
       "Harrowgate Operations",
       "Harrowgate Network Services Ltd",
       "Shared mailbox",
       {"operations@harrowgate-ns.example"}},
      {"EXT-P001",
       "Diane Farrow",
       "Westshire County Council",
       "Permit Officer",
       {"diane.farrow@westshire-council.example"}},
  };
}

class EnrichTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteEmailStore::open((dir_.path() / "mailsift.db").string());
    ASSERT_OK(s);
    store_ = std::move(*s);
    registry_ = std::make_unique<SqliteRegistry>(store_->database());
    contacts_ = std::make_unique<SqliteContacts>(store_->database());
    directory_ = FileDirectory::from_users(staff());
    ASSERT_OK(registry_->upsert({
        contractor("CTR-0007", "Brightwire Utilities Ltd", {"brightwire-utilities.example"},
                   {"dean.hollis@brightwire-utilities.example"}),
        contractor("CTR-0063", "Michael Fenwick", {}, {"mike.fenwick@outlook.example"}),
        // Written straight to the registry (the importer would refuse a free-mail domain).
        contractor("CTR-0099", "Careless Ltd", {"outlook.example"}, {}),
        contractor("CTR-0101", "Shared One", {"shared.example"}, {}),
        contractor("CTR-0102", "Shared Two", {"shared.example"}, {}),
    }));
    enricher_ = std::make_unique<Enricher>(*store_, *contacts_, *registry_, directory_.get(), EnrichOptions{});
  }

  EmailId put(const std::string& from, const std::string& from_name, std::vector<std::string> to, UnixTime date,
              std::optional<Label> label = std::nullopt) {
    Email e;
    e.message_id = "m" + std::to_string(++n_) + "@test";
    e.subject = "Message " + std::to_string(n_);
    e.date = date;
    e.from = {{from_name, from}};
    for (const auto& t : to) e.to.push_back({"", t});
    e.text_body = "body";
    std::string raw = "Message-ID: <" + e.message_id + ">\n\nbody " + std::to_string(n_) + "\n";
    auto r = store_->put(e, raw, IngestMeta{"test", date});
    EXPECT_TRUE(testing::is_ok(r));
    if (label) {
      Classification c;
      c.label = *label;
      c.confidence = 0.9;
      c.decided_at = date;
      EXPECT_OK(store_->add_classification(r->id, c));
    }
    return r->id;
  }

  MessageLinks links_of(EmailId id) {
    auto r = enricher_->enrich(id);
    EXPECT_TRUE(testing::is_ok(r));
    auto m = contacts_->message_links(id);
    EXPECT_TRUE(testing::is_ok(m));
    EXPECT_TRUE(m->has_value());
    return m->value_or(MessageLinks{});
  }

  std::string contractor_of(EmailId id) {
    auto m = links_of(id);
    return m.sender_links.contractor ? m.sender_links.contractor->id + "/" + m.sender_links.contractor->match : "-";
  }

  TempDir dir_;
  std::unique_ptr<SqliteEmailStore> store_;
  std::unique_ptr<SqliteRegistry> registry_;
  std::unique_ptr<SqliteContacts> contacts_;
  std::unique_ptr<FileDirectory> directory_;
  std::unique_ptr<Enricher> enricher_;
  int n_ = 0;
};

const char* kOps = "operations@harrowgate-ns.example";

TEST_F(EnrichTest, ContractorByListedAddressThenByDomain) {
  EXPECT_EQ(contractor_of(put("Dean.Hollis@brightwire-utilities.example", "Dean", {kOps}, 1000)), "CTR-0007/address");
  EXPECT_EQ(contractor_of(put("accounts@brightwire-utilities.example", "", {kOps}, 1000)), "CTR-0007/domain");
  EXPECT_EQ(contractor_of(put("ap@mail.brightwire-utilities.example", "", {kOps}, 1000)), "CTR-0007/domain");
}

TEST_F(EnrichTest, FreeMailSendersLinkOnlyByListedAddress) {
  EXPECT_EQ(contractor_of(put("mike.fenwick@outlook.example", "Mike Fenwick", {kOps}, 1000)), "CTR-0063/address");
  // Careless Ltd claims outlook.example as its domain: never used for a link.
  EXPECT_EQ(contractor_of(put("someone.else@outlook.example", "", {kOps}, 1000)), "-");
}

TEST_F(EnrichTest, LookAlikeAndAmbiguousDomainsDoNotLink) {
  EXPECT_EQ(contractor_of(put("dean.hollis@brightwlre-utilities.example", "Dean Hollis", {kOps}, 1000)), "-");
  EXPECT_EQ(contractor_of(put("x@shared.example", "", {kOps}, 1000)), "-");
  EXPECT_EQ(contractor_of(put("x@brightwire-utilities.example.evil", "", {kOps}, 1000)), "-");
}

TEST_F(EnrichTest, DirectoryLinksAndDirectionFromOwnDomains) {
  auto in = links_of(put("diane.farrow@westshire-council.example", "Diane Farrow", {kOps}, 1000));
  EXPECT_EQ(in.direction, Direction::kInbound);
  ASSERT_TRUE(in.sender_links.directory);
  EXPECT_EQ(in.sender_links.directory->id, "EXT-P001");
  EXPECT_FALSE(in.sender_links.own);

  auto out = links_of(
      put("priya.raman@harrowgate-ns.example", "Priya Raman", {"dean.hollis@brightwire-utilities.example"}, 2000));
  EXPECT_EQ(out.direction, Direction::kOutbound);
  EXPECT_TRUE(out.sender_links.own);
  ASSERT_TRUE(out.sender_links.directory);
  EXPECT_EQ(out.sender_links.directory->name, "Priya Raman");
  EXPECT_FALSE(out.sender_links.contractor);

  auto internal =
      links_of(put("priya.raman@harrowgate-ns.example", "Priya", {"tom.ellery@harrowgate-ns.example"}, 3000));
  EXPECT_EQ(internal.direction, Direction::kInternal);

  // Configured own domains win over the directory's.
  Enricher configured(*store_, *contacts_, *registry_, directory_.get(),
                      EnrichOptions{{"westshire-council.example"}, FreeMailPolicy::defaults()});
  auto own = configured.own_domains();
  ASSERT_OK(own);
  EXPECT_EQ(*own, std::vector<std::string>{"westshire-council.example"});
  auto d = enricher_->own_domains();
  ASSERT_OK(d);
  EXPECT_EQ(*d, std::vector<std::string>{"harrowgate-ns.example"});
}

TEST_F(EnrichTest, EveryAddressBecomesAContactWithNamesCountsAndSeenDates) {
  EmailId a = put("Dean.Hollis@brightwire-utilities.example", "Dean Hollis", {kOps}, 1000, Label::kBusiness);
  EmailId b = put("dean.hollis@brightwire-utilities.example", "D. Hollis", {kOps}, 5000, Label::kOperational);
  EmailId c = put("dean.hollis@brightwire-utilities.example", "Dean Hollis", {kOps}, 3000, Label::kBusiness);
  EmailId d = put("priya.raman@harrowgate-ns.example", "Priya", {"dean.hollis@brightwire-utilities.example"}, 4000);
  for (EmailId id : {a, b, c, d}) ASSERT_OK(enricher_->enrich(id));

  auto dean = contacts_->get("DEAN.HOLLIS@brightwire-utilities.example");
  ASSERT_OK(dean);
  ASSERT_TRUE(dean->has_value());
  const Contact& k = **dean;
  EXPECT_EQ(k.sent, 3);
  EXPECT_EQ(k.received, 1);
  EXPECT_EQ(k.first_seen, 1000);
  EXPECT_EQ(k.last_seen, 5000);
  ASSERT_EQ(k.names.size(), 2u);
  EXPECT_EQ(k.names[0].name, "Dean Hollis");
  EXPECT_EQ(k.names[0].count, 2);
  ASSERT_TRUE(k.links.contractor);
  EXPECT_EQ(k.links.contractor->name, "Brightwire Utilities Ltd");

  auto ops = contacts_->get(kOps);
  ASSERT_OK(ops);
  ASSERT_TRUE(ops->has_value());
  EXPECT_EQ((*ops)->received, 3);
  EXPECT_TRUE((*ops)->links.own);
  EXPECT_EQ((*ops)->links.directory->id, "HNS-U021");

  auto act = contacts_->activity("dean.hollis@brightwire-utilities.example", 10);
  ASSERT_OK(act);
  EXPECT_EQ(act->by_class,
            (std::vector<std::pair<std::string, int64_t>>{{"BUSINESS", 2}, {"OPERATIONAL", 1}, {"unclassified", 1}}));
  EXPECT_EQ(act->by_direction, (std::vector<std::pair<std::string, int64_t>>{{"inbound", 3}, {"outbound", 1}}));
  EXPECT_EQ(act->latest, (std::vector<EmailId>{b, d, c, a}));

  auto listed = contacts_->list(ContactQuery{.text = "hollis"});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  auto by_contractor = contacts_->list(ContactQuery{.contractor_id = "ctr-0007"});
  ASSERT_OK(by_contractor);
  EXPECT_EQ(by_contractor->size(), 1u);
  auto from_contractor = contacts_->messages_from_contractor("CTR-0007", 10);
  ASSERT_OK(from_contractor);
  EXPECT_EQ(*from_contractor, (std::vector<EmailId>{b, c, a}));
  auto from_domain = contacts_->messages_from({"brightwire-utilities.example"}, {}, 2);
  ASSERT_OK(from_domain);
  EXPECT_EQ(*from_domain, (std::vector<EmailId>{b, c}));
}

TEST_F(EnrichTest, EnrichingTwiceCountsOnce) {
  EmailId a = put("dean.hollis@brightwire-utilities.example", "Dean", {kOps}, 1000);
  auto first = enricher_->enrich(a);
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto again = enricher_->enrich(a);
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  auto dean = contacts_->get("dean.hollis@brightwire-utilities.example");
  EXPECT_EQ((*dean)->sent, 1);
  EXPECT_EQ((*dean)->names[0].count, 1);
}

TEST_F(EnrichTest, EnrichAllRebuildsLinksAfterARegistryImport) {
  EmailId a = put("x@shared.example", "X", {kOps}, 1000);
  EmailId b = put("dean.hollis@brightwire-utilities.example", "Dean", {kOps}, 2000);
  ASSERT_OK(enricher_->enrich(a));
  ASSERT_OK(enricher_->enrich(b));
  EXPECT_EQ(contractor_of(a), "-");
  // The registry now gives shared.example to one contractor only.
  ASSERT_OK(registry_->upsert({contractor("CTR-0102", "Shared Two", {"other.example"}, {})}));
  Enricher fresh(*store_, *contacts_, *registry_, directory_.get(), EnrichOptions{});
  auto summary = fresh.enrich_all();
  ASSERT_OK(summary);
  EXPECT_EQ(summary->messages, 2);
  EXPECT_EQ(summary->stats.messages_with_contractor, 2);
  auto m = contacts_->message_links(a);
  ASSERT_TRUE(m->has_value());
  ASSERT_TRUE((*m)->sender_links.contractor);
  EXPECT_EQ((*m)->sender_links.contractor->id, "CTR-0101");
  auto dean = contacts_->get("dean.hollis@brightwire-utilities.example");
  EXPECT_EQ((*dean)->sent, 1);  // rebuilt, not added to
}

TEST_F(EnrichTest, UnknownMessageIsNotFound) {
  auto r = enricher_->enrich(999);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kNotFound);
}

TEST(DirectoryTest, ParsesCsvAndJsonAndReportsBadRows) {
  auto csv = parse_directory(
      "id,name,organisation,role,addresses\n"
      "U1,Ann,Org A,Boss,ann@a.example;ANN.B@a.example\n"
      "U2,,Org A,,b@a.example\n"
      "U1,Dup,Org A,,dup@a.example\n"
      "U3,Cy,Org B,,ann@a.example\n"
      "U4,Di,Org B,,\n"
      "U5,Ed,Org B,,not an address\n",
      FileFormat::kAuto);
  ASSERT_OK(csv);
  ASSERT_EQ(csv->users.size(), 1u);
  EXPECT_EQ(csv->users[0].addresses, (std::vector<std::string>{"ann@a.example", "ann.b@a.example"}));
  std::vector<int> lines;
  for (const auto& e : csv->errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7}));
  EXPECT_NE(csv->errors[2].reason.find("already on line 2"), std::string::npos);

  auto json = parse_directory(R"({"users": [
    {"id": "U1", "name": "Ann", "organisation": "Org A", "addresses": ["ann@a.example"]},
    {"id": "U2", "name": "Bo", "organisation": "Org A", "addresses": "bo@a.example;bo@b.example"},
    {"id": "U3", "name": "Cy", "organisation": "Org B", "addresses": ["cy@b.example"]}
  ]})",
                              FileFormat::kAuto);
  ASSERT_OK(json);
  ASSERT_EQ(json->users.size(), 3u);
  auto dir = FileDirectory::from_users(json->users);
  EXPECT_EQ(dir->own_organisation(), "Org A");
  auto own = dir->own_domains();
  ASSERT_OK(own);
  EXPECT_EQ(*own, (std::vector<std::string>{"a.example", "b.example"}));
  auto bo = dir->find_by_address("BO@b.example");
  ASSERT_OK(bo);
  ASSERT_TRUE(bo->has_value());
  EXPECT_EQ((*bo)->id, "U2");
}

TEST(DirectoryTest, TheDemoDirectoryOpensWithItsOwnOrganisation) {
  auto dir = FileDirectory::open((testing::source_dir() / "demo" / "directory.csv").string());
  ASSERT_OK(dir);
  EXPECT_EQ((*dir)->users().size(), 28u);
  EXPECT_EQ((*dir)->own_organisation(), "Harrowgate Network Services Ltd");
  auto own = (*dir)->own_domains();
  ASSERT_OK(own);
  EXPECT_EQ(*own, std::vector<std::string>{"harrowgate-ns.example"});
  auto missing = FileDirectory::open((testing::source_dir() / "demo" / "nope.csv").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Code::kIo);
}

}  // namespace
}  // namespace mailsift::contacts
