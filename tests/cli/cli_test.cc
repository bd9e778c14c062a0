// End-to-end tests of the `mailsift` command: real binary, real data directory.
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using nlohmann::json;
using testing::run_mailsift;
using testing::TempDir;

class CliTest : public ::testing::Test {
 protected:
  testing::RunResult run(const std::vector<std::string>& args, const std::string& input = "") {
    return run_mailsift(args, data_.str(), input);
  }
  json run_json(const std::vector<std::string>& args) {
    auto r = run(args);
    EXPECT_EQ(r.status, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  std::string demo() const { return (testing::source_dir() / "demo" / "mailbox").string(); }

  TempDir data_;
  TempDir input_;
};

TEST_F(CliTest, HelpTeachesWithExamples) {
  auto top = run({"--help"});
  EXPECT_EQ(top.status, 0);
  EXPECT_NE(top.out.find("ingest"), std::string::npos);
  for (const char* cmd : {"ingest", "list", "show", "thread", "stats", "quarantine"}) {
    auto r = run({cmd, "--help"});
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Example"), std::string::npos) << cmd;
  }
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run({}).status, 2);
  EXPECT_EQ(run({"frobnicate"}).status, 2);
  EXPECT_EQ(run({"list", "--limit", "many"}).status, 2);
  auto bad_date = run({"list", "--since", "last tuesday"});
  EXPECT_EQ(bad_date.status, 2);
  EXPECT_NE(bad_date.err.find("hint"), std::string::npos);
}

TEST_F(CliTest, FailuresExitWithOneAndSayWhy) {
  auto r = run({"list"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("mailsift ingest"), std::string::npos);
  EXPECT_EQ(run({"ingest", "/no/such/path"}).status, 1);
}

TEST_F(CliTest, IngestListShowThreadStats) {
  input_.write("a.eml",
               "From: Ann <ann@brightwire.example>\nTo: ops@harrowgate.example\nSubject: Quote 12\n"
               "Date: Tue, 04 Mar 2025 10:15:00 +0000\nMessage-ID: <q12@brightwire.example>\n\nPlease find the quote.\n");
  input_.write("b.eml",
               "From: Ops <ops@harrowgate.example>\nTo: ann@brightwire.example\nSubject: Re: Quote 12\n"
               "Date: Wed, 05 Mar 2025 09:00:00 +0000\nMessage-ID: <r12@harrowgate.example>\n"
               "In-Reply-To: <q12@brightwire.example>\nReferences: <q12@brightwire.example>\n\nThanks.\n");
  input_.write("junk.bin", std::string("\x7f" "ELF\x02\x01\x01\x00", 8));
  auto summary = run_json({"ingest", "--json", input_.str()});
  EXPECT_EQ(summary["new"], 2);
  EXPECT_EQ(summary["duplicates"], 0);
  EXPECT_EQ(summary["quarantined"], 0);
  EXPECT_EQ(summary["failed"], 0);
  ASSERT_EQ(summary["skipped"].size(), 1u);
  EXPECT_TRUE(summary.contains("seconds"));

  auto again = run_json({"ingest", "--json", input_.str()});
  EXPECT_EQ(again["new"], 0);
  EXPECT_EQ(again["duplicates"], 2);

  auto list = run_json({"list", "--json"});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["subject"], "Re: Quote 12");
  int64_t id = list[1]["id"];
  auto from = run_json({"list", "--json", "--from", "brightwire"});
  EXPECT_EQ(from.size(), 1u);
  auto range = run_json({"list", "--json", "--since", "2025-03-05", "--until", "2025-03-05"});
  EXPECT_EQ(range.size(), 1u);

  auto show = run({"show", std::to_string(id)});
  EXPECT_EQ(show.status, 0);
  EXPECT_NE(show.out.find("Please find the quote."), std::string::npos);
  // Classified at ingest by the local classifier, which says who decided.
  EXPECT_NE(show.out.find("Class:"), std::string::npos);
  EXPECT_EQ(show.out.find("unclassified"), std::string::npos);
  EXPECT_NE(show.out.find("by "), std::string::npos);
  auto show_json = run_json({"show", "--json", std::to_string(id)});
  EXPECT_EQ(show_json["message_id"], "q12@brightwire.example");
  auto raw = run({"show", "--raw", std::to_string(id)});
  EXPECT_EQ(raw.out, testing::read_file(input_.path() / "a.eml"));
  EXPECT_EQ(run({"show", "999"}).status, 1);

  auto thread = run_json({"thread", "--json", std::to_string(id)});
  EXPECT_EQ(thread.size(), 2u);
  auto by_mid = run_json({"thread", "--json", "<r12@harrowgate.example>"});
  EXPECT_EQ(by_mid.size(), 2u);

  auto stats = run_json({"stats", "--json"});
  EXPECT_EQ(stats["messages"], 2);
  EXPECT_EQ(stats["threads"], 1);
}

TEST_F(CliTest, StdinMessageIsIngested) {
  auto r = run({"ingest", "--json", "-"}, "From: x@y.example\nSubject: piped\nMessage-ID: <p@y>\n\nhi\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["new"], 1);
  auto garbage = run({"ingest", "--json", "-"}, std::string("\x01\x02\x03\x04garbage", 11));
  EXPECT_EQ(garbage.status, 0) << garbage.err;
  EXPECT_EQ(json::parse(garbage.out)["quarantined"], 1);
  auto q = run_json({"quarantine", "--json"});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_TRUE(q[0]["raw_kept"].get<bool>());
}

TEST_F(CliTest, DemoMailboxIngestsCleanly) {
  auto summary = run_json({"ingest", "--json", demo()});
  EXPECT_GE(summary["new"].get<int>(), 140);
  EXPECT_EQ(summary["failed"], 0);
  EXPECT_EQ(summary["quarantined"], 0);
  auto again = run_json({"ingest", "--json", demo()});
  EXPECT_EQ(again["new"], 0);
}

}  // namespace
}  // namespace mailsift
