// End-to-end: the demo registry, directory and mailbox through the real `mailsift` binary.
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using nlohmann::json;
using testing::RunResult;

class ContactsCliTest : public ::testing::Test {
 protected:
  // One data directory for the suite: importing and ingesting the demo takes a few seconds.
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    demo_ = (testing::source_dir() / "demo").string();
    imported_ = run({"contractors", "import", demo_ + "/contractors.csv"});
    directory_ = run({"directory", "import", demo_ + "/directory.csv"});
    ingested_ = run({"ingest", "--json", demo_ + "/mailbox"});
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static RunResult run(const std::vector<std::string>& args) {
    // WordNet makes the embedding fit slow under sanitizers; it is not what is tested here.
    return testing::run_mailsift(args, dir_->str(), "", {"MAILSIFT_EMBEDDINGS_WORDNET_DIR=/nonexistent"});
  }
  static json run_json(const std::vector<std::string>& args) {
    RunResult r = run(args);
    EXPECT_EQ(r.status, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  static int64_t message_from(const std::string& text) {
    json rows = run_json({"list", "--from", text, "--json", "-n", "1"});
    return rows.empty() ? 0 : rows[0]["id"].get<int64_t>();
  }

  static testing::TempDir* dir_;
  static std::string demo_;
  static RunResult imported_, directory_, ingested_;
};

testing::TempDir* ContactsCliTest::dir_ = nullptr;
std::string ContactsCliTest::demo_;
RunResult ContactsCliTest::imported_, ContactsCliTest::directory_, ContactsCliTest::ingested_;

TEST_F(ContactsCliTest, DemoImportsRegistryAndDirectoryBeforeIngest) {
  EXPECT_EQ(imported_.status, 0) << imported_.err;
  EXPECT_NE(imported_.out.find("imported 144 contractors (144 new, 0 updated) with 300 accreditations"),
            std::string::npos)
      << imported_.out;
  EXPECT_EQ(directory_.status, 0) << directory_.err;
  EXPECT_NE(directory_.out.find("own organisation: Harrowgate Network Services Ltd (harrowgate-ns.example)"),
            std::string::npos)
      << directory_.out;
  EXPECT_EQ(ingested_.status, 0) << ingested_.err;
}

TEST_F(ContactsCliTest, SearchByRegionAliasSchemeAndScope) {
  json hits = run_json({"contractors", "search", "--region", "NW England", "--scheme", "ners", "--scope", "LV jointing",
                        "--status", "valid", "--json", "--as-of", "2026-12-04"});
  ASSERT_TRUE(hits.is_array());
  bool brightwire = false;
  for (const auto& h : hits) {
    brightwire = brightwire || h["id"] == "CTR-0007";
    bool nw = false;
    for (const auto& r : h["regions"]) nw = nw || r == "North West";
    EXPECT_TRUE(nw) << h["id"];
    EXPECT_FALSE(h["matching"].empty());
  }
  EXPECT_TRUE(brightwire);
  RunResult bad = run({"contractors", "search", "--region", "Atlantis"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("unknown region 'Atlantis'"), std::string::npos);
  EXPECT_EQ(run({"contractors", "search", "--status", "lapsed"}).status, 2);
}

TEST_F(ContactsCliTest, FreeMailSoleTraderLinksByListedAddress) {
  json c = run_json({"contacts", "show", "Mike.Fenwick@outlook.example", "--json"});
  EXPECT_EQ(c["links"]["contractor"]["id"], "CTR-0063");
  EXPECT_EQ(c["links"]["contractor"]["match"], "address");
  EXPECT_EQ(c["sent"], 1);
  EXPECT_EQ(c["by_direction"]["inbound"], 1);
  EXPECT_EQ(c["latest_emails"].size(), 1u);
}

TEST_F(ContactsCliTest, ShowPrintsTheSenderLinks) {
  int64_t phish = message_from("brightwlre");
  ASSERT_GT(phish, 0);
  json p = run_json({"show", std::to_string(phish), "--json"});
  EXPECT_TRUE(p["enrichment"]["links"]["contractor"].is_null()) << p["enrichment"];
  EXPECT_EQ(p["enrichment"]["direction"], "inbound");

  int64_t real = message_from("dean.hollis@brightwire-utilities");
  ASSERT_GT(real, 0);
  RunResult text = run({"show", std::to_string(real)});
  EXPECT_NE(text.out.find("Sender:     dean.hollis@brightwire-utilities.example: contractor CTR-0007 Brightwire "
                          "Utilities Ltd (by address)"),
            std::string::npos)
      << text.out;

  int64_t staff = message_from("priya.raman");
  ASSERT_GT(staff, 0);
  json s = run_json({"show", std::to_string(staff), "--json"});
  EXPECT_EQ(s["enrichment"]["links"]["directory"]["id"], "HNS-U001");
  EXPECT_NE(s["enrichment"]["direction"], "inbound");
}

TEST_F(ContactsCliTest, SearchFromContractor) {
  json hits = run_json({"search", "from:contractor:CTR-0007", "--json", "-n", "50"});
  ASSERT_EQ(hits.size(), 5u);
  for (const auto& h : hits) {
    EXPECT_NE(h["from"].get<std::string>().find("@brightwire-utilities.example>"), std::string::npos) << h["from"];
  }
  json mike = run_json({"search", "from:contractor:ctr-0063 meter", "--json"});
  ASSERT_EQ(mike.size(), 1u);
  EXPECT_EQ(mike[0]["from"], "Mike Fenwick <mike.fenwick@outlook.example>");
  RunResult unknown = run({"search", "from:contractor:CTR-9999"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("no contractor CTR-9999"), std::string::npos);
}

TEST_F(ContactsCliTest, ContractorShowListsExpiringAccreditationsAndLatestEmails) {
  json c = run_json({"contractors", "show", "ctr-0063", "--as-of", "2026-12-04", "--json"});
  EXPECT_EQ(c["id"], "CTR-0063");
  ASSERT_EQ(c["expiring_within_30_days"].size(), 1u);
  EXPECT_EQ(c["expiring_within_30_days"][0]["certificate"], "CHAS-613377");
  EXPECT_EQ(c["latest_emails"].size(), 1u);
  json b = run_json({"contractors", "show", "CTR-0007", "--json"});
  EXPECT_GE(b["latest_emails"].size(), 5u);
  EXPECT_EQ(run({"contractors", "show", "CTR-9999"}).status, 1);
}

TEST_F(ContactsCliTest, RejectedRowsAreReportedByLineAndNothingIsImported) {
  testing::TempDir tmp;
  auto bad = tmp.write("bad.csv",
                       "id,name,scheme,certificate,status,expires,regions\n"
                       "CTR-7001,New Ltd,NERS,N-7001,valid,2030-01-01,London\n"
                       "CTR-7002,Broken Ltd,NERS,N-7002,valid,2030-02-30,London\n"
                       "CTR-7003,Lost Ltd,NERS,N-7003,valid,2030-01-01,Narnia\n");
  RunResult r = run({"contractors", "import", bad.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.csv:3: (CTR-7002) expires:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.csv:4: (CTR-7003) unknown region 'Narnia'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
  EXPECT_EQ(run({"contractors", "show", "CTR-7001"}).status, 1);
  // With --skip-invalid the valid contractor goes in.
  RunResult partial = run({"contractors", "import", "--skip-invalid", "--json", bad.string()});
  EXPECT_EQ(partial.status, 0) << partial.err;
  json j = json::parse(partial.out);
  EXPECT_EQ(j["added"], 1);
  EXPECT_EQ(j["rejected"].size(), 2u);
  EXPECT_EQ(j["rejected"][0]["line"], 3);
  EXPECT_EQ(run({"contractors", "show", "CTR-7001"}).status, 0);
}

TEST_F(ContactsCliTest, EnrichRebuildsTheSameLinks) {
  json before = run_json({"contacts", "--json", "-n", "1000"});
  json e = run_json({"enrich", "--json"});
  EXPECT_EQ(e["messages"], 150);
  EXPECT_EQ(e["own_domains"], json::array({"harrowgate-ns.example"}));
  EXPECT_GE(e["messages_with_contractor"], 30);
  json after = run_json({"contacts", "--json", "-n", "1000"});
  EXPECT_EQ(before.size(), after.size());
  EXPECT_EQ(before, after);
}

TEST_F(ContactsCliTest, ListingsAndHelp) {
  json rows = run_json({"contacts", "brightwire", "--json"});
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) EXPECT_NE(r.dump().find("brightwire"), std::string::npos);
  json people = run_json({"directory", "list", "Raman", "--json"});
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0]["id"], "HNS-U001");
  for (std::vector<std::string> cmd : std::vector<std::vector<std::string>>{{"contractors", "import"},
                                                                            {"contractors", "search"},
                                                                            {"contractors", "show"},
                                                                            {"contacts"},
                                                                            {"contacts", "show"},
                                                                            {"directory", "import"},
                                                                            {"enrich"}}) {
    cmd.push_back("--help");
    RunResult h = run(cmd);
    EXPECT_EQ(h.status, 0);
    EXPECT_NE(h.out.find("Example"), std::string::npos) << cmd[0];
  }
}

}  // namespace
}  // namespace mailsift
