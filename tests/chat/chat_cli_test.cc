// End-to-end: `mailsift chat` on the real binary and a small ingested mailbox — offline one-shot
// answers as text and as NDJSON events, questions piped on stdin, the contractor listing after
// `contractors import`, and answers from each fake provider (OpenAI-compatible, Anthropic,
// Bedrock) with keys kept out of the output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "chat/fake_providers.h"
#include "cli/cli_runner.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using nlohmann::json;
using testing::run_mailsift;
using testing::ScriptedProvider;
using testing::TempDir;
using testing::Turn;
using testing::Wire;

constexpr const char* kInvoice =
    "From: Brightwire Accounts <accounts@brightwire.example>\nTo: ops@harrowgate-ns.example\n"
    "Subject: Invoice BWU-4471\nDate: Tue, 14 Nov 2023 09:00:00 +0000\nMessage-ID: <inv1@brightwire.example>\n\n"
    "Please find our invoice BWU-4471 for LV jointing at Farrant Street, GBP 12,400.00, due in 30 days.\n";
constexpr const char* kReminder =
    "From: Brightwire Accounts <accounts@brightwire.example>\nTo: ops@harrowgate-ns.example\n"
    "Subject: Invoice BWU-4471 outstanding\nDate: Thu, 28 Dec 2023 09:00:00 +0000\n"
    "Message-ID: <inv2@brightwire.example>\nIn-Reply-To: <inv1@brightwire.example>\n\n"
    "Our invoice BWU-4471 is now 14 days overdue and remains unpaid. Please arrange payment this week.\n";
constexpr const char* kStorm =
    "From: Met Alerts <alerts@weather.example>\nTo: ops@harrowgate-ns.example\n"
    "Subject: Yellow weather warning: wind\nDate: Fri, 17 Nov 2023 18:00:00 +0000\nMessage-ID: <w1@weather.example>\n\n"
    "Strong winds and heavy rain are expected across the region tonight.\n";
constexpr const char* kContractors =
    "id,name,trading_names,email_domains,contact_emails,phone,address,regions,scheme,certificate,scopes,status,"
    "issued,expires,notes\n"
    "CTR-0007,Brightwire Utilities Ltd,,brightwire.example,accounts@brightwire.example,0161 496 0000,"
    "\"1 Mill Lane, Salford\",North West,NERS,NERS-0007-C,LV jointing; cable laying,valid,2024-01-01,2035-06-30,\n"
    "CTR-0020,Cymru Jointing Cyf,,cymru-jointing.example,,029 2018 0000,Cardiff,Wales,NERS,NERS-0020-C,"
    "LV jointing,valid,2024-01-01,2035-06-30,\n"
    "CTR-0030,Pennine Cabling Ltd,,pennine-cabling.example,,0113 496 0000,Leeds,North West,NERS,NERS-0030-C,"
    "HV jointing,valid,2024-01-01,2035-06-30,\n";

class ChatCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mail_.write("mail/invoice.eml", kInvoice);
    mail_.write("mail/reminder.eml", kReminder);
    mail_.write("mail/storm.eml", kStorm);
    mail_.write("contractors.csv", kContractors);
    // The local search model without WordNet: fitted in a moment rather than a minute.
    data_.write("config.toml", "[embeddings]\nwordnet_dir = \"\"\n");
    auto r = run({"ingest", (mail_.path() / "mail").string()});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  testing::RunResult run(const std::vector<std::string>& args, const std::string& input = "",
                         const std::vector<std::string>& env = {}) {
    return run_mailsift(args, data_.str(), input, env);
  }
  // NDJSON lines, each a JSON object.
  static std::vector<json> events(const std::string& out) {
    std::vector<json> lines;
    size_t start = 0;
    while (start < out.size()) {
      size_t nl = out.find('\n', start);
      std::string line = out.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      start = nl == std::string::npos ? out.size() : nl + 1;
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      EXPECT_TRUE(j.is_object()) << line;
      lines.push_back(j);
    }
    return lines;
  }
  static std::string text_of(const std::vector<json>& evs) {
    std::string out;
    for (const auto& e : evs) {
      if (e["type"] == "text-delta") out += e["text"].get<std::string>();
    }
    return out;
  }
  int64_t id_of(const std::string& subject) {
    auto r = run({"list", "--json"});
    json rows = json::parse(r.out, nullptr, false);
    for (const auto& row : rows) {
      if (row["subject"] == subject) return row["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no message " << subject << "\n" << r.out;
    return 0;
  }

  TempDir data_, mail_;
};

TEST_F(ChatCliTest, OfflineJsonPrintsTheStreamEventsAsNdjson) {
  auto r = run({"chat", "-q", "Has invoice BWU-4471 been paid?", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto evs = events(r.out);
  ASSERT_GE(evs.size(), 6u) << r.out;
  EXPECT_EQ(evs.front()["type"], "start");
  EXPECT_EQ(evs.front()["offline"], true);
  EXPECT_EQ(evs.front()["provider"], "offline");
  EXPECT_EQ(evs[1]["type"], "tool-call");
  EXPECT_EQ(evs[1]["name"], "searchEmails");
  EXPECT_EQ(evs[1]["input"]["query"], "Has invoice BWU-4471 been paid?");
  EXPECT_EQ(evs[2]["type"], "tool-result");
  const json& finish = evs.back();
  EXPECT_EQ(finish["type"], "finish");
  const int64_t invoice = id_of("Invoice BWU-4471"), reminder = id_of("Invoice BWU-4471 outstanding");
  std::vector<int64_t> cited = finish["citations"].get<std::vector<int64_t>>();
  EXPECT_NE(std::find(cited.begin(), cited.end(), invoice), cited.end()) << r.out;
  EXPECT_NE(std::find(cited.begin(), cited.end(), reminder), cited.end()) << r.out;
  std::string text = text_of(evs);
  EXPECT_NE(text.find("[email:" + std::to_string(reminder) + "]"), std::string::npos) << text;
  EXPECT_NE(text.find("No language model is configured"), std::string::npos);
  // The best match first (hybrid search may list the weather warning further down).
  size_t first = text.find("[email:");
  ASSERT_NE(first, std::string::npos);
  std::string first_cited = text.substr(first, text.find(']', first) + 1 - first);
  EXPECT_TRUE(first_cited == "[email:" + std::to_string(invoice) + "]" ||
              first_cited == "[email:" + std::to_string(reminder) + "]")
      << text;
}

TEST_F(ChatCliTest, OfflineTextAnswerAndToolLinesOnStderr) {
  auto r = run({"chat", "-q", "invoice BWU-4471 overdue"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("Best matching emails:\n")) << r.out;
  EXPECT_NE(r.out.find("Invoice BWU-4471 outstanding"), std::string::npos);
  EXPECT_NE(r.out.find("No language model is configured"), std::string::npos);
  EXPECT_NE(r.err.find("→ searchEmails"), std::string::npos) << r.err;
}

TEST_F(ChatCliTest, QuestionsPipedOnStdinAreAnsweredOnePerLine) {
  auto r = run({"chat", "--json"}, "invoice BWU-4471\n\nweather warning\n");
  ASSERT_EQ(r.status, 0) << r.err;
  int finishes = 0;
  for (const auto& e : events(r.out)) finishes += e["type"] == "finish";
  EXPECT_EQ(finishes, 2);
}

TEST_F(ChatCliTest, AnEmptyQuestionIsAnError) {
  auto r = run({"chat", "-q", "   "});
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("empty"), std::string::npos) << r.err;
}

TEST_F(ChatCliTest, OfflineContractorQuestionsListTheRegistrysContractors) {
  auto imported = run({"contractors", "import", (mail_.path() / "contractors.csv").string()});
  ASSERT_EQ(imported.status, 0) << imported.err;
  auto r = run({"chat", "-q", "which NERS contractors in the North West do LV jointing?"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("Contractors in the registry matching NERS · North West · \"LV jointing\"")) << r.out;
  EXPECT_NE(r.out.find("[contractor:CTR-0007] Brightwire Utilities Ltd"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("CTR-0020"), std::string::npos);  // Wales
  EXPECT_EQ(r.out.find("CTR-0030"), std::string::npos);  // HV only
  EXPECT_NE(r.err.find("→ searchContractors"), std::string::npos) << r.err;

  auto j = run({"chat", "-q", "which NERS contractors in the North West do LV jointing?", "--json"});
  ASSERT_EQ(j.status, 0) << j.err;
  bool called = false;
  for (const auto& e : events(j.out)) {
    if (e["type"] == "tool-call" && e["name"] == "searchContractors") {
      called = true;
      EXPECT_EQ(e["input"]["scheme"], "NERS");
      EXPECT_EQ(e["input"]["region"], "North West");
    }
  }
  EXPECT_TRUE(called) << j.out;
}

struct ProviderCase {
  Wire wire;
  std::vector<std::string> args;  // besides --base-url
  std::vector<std::string> env;
  std::string secret;             // must not appear in any output
  std::string base_path;          // appended to the server URL
};

class ChatCliProviderTest : public ChatCliTest, public ::testing::WithParamInterface<Wire> {
 protected:
  ProviderCase provider_case() const {
    switch (GetParam()) {
      case Wire::kOpenAi:
        return {Wire::kOpenAi, {"--provider", "vllm", "--model", "chat-test"}, {}, "", "/v1"};
      case Wire::kAnthropic:
        return {Wire::kAnthropic,
                {"--provider", "anthropic", "--model", "claude-test"},
                {"ANTHROPIC_API_KEY=sk-ant-CLI-SECRET-4242"},
                "sk-ant-CLI-SECRET-4242",
                ""};
      case Wire::kBedrock:
        return {Wire::kBedrock,
                {"--provider", "bedrock", "--model", "anthropic.claude-3-haiku-20240307-v1:0"},
                {"AWS_ACCESS_KEY_ID=AKIDCLITEST", "AWS_SECRET_ACCESS_KEY=cli/SECRET/aws/9999", "AWS_REGION=eu-west-2"},
                "cli/SECRET/aws/9999",
                ""};
    }
    return {};
  }
};

TEST_P(ChatCliProviderTest, AnswersWithTheModelCitingTheEmailsItRead) {
  const int64_t reminder = id_of("Invoice BWU-4471 outstanding");
  const std::string answer = "No: BWU-4471 is 14 days overdue and unpaid [email:" + std::to_string(reminder) + "].";
  ScriptedProvider provider(GetParam(), {Turn::call("searchEmails", R"({"query":"BWU-4471"})"),
                                         Turn::call("getEmail", "{\"id\":" + std::to_string(reminder) + "}"),
                                         Turn::answer(answer)});
  ProviderCase pc = provider_case();
  std::vector<std::string> args = {"chat", "-q", "Has BWU-4471 been paid?", "--json", "--base-url",
                                   provider.url(pc.base_path)};
  args.insert(args.end(), pc.args.begin(), pc.args.end());
  auto r = run(args, "", pc.env);
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  auto evs = events(r.out);
  ASSERT_FALSE(evs.empty());
  EXPECT_EQ(evs.front()["type"], "start");
  EXPECT_EQ(evs.front()["offline"], false);
  EXPECT_EQ(text_of(evs), answer);
  EXPECT_EQ(evs.back()["type"], "finish");
  EXPECT_EQ(evs.back()["citations"], json::array({reminder}));
  std::vector<std::string> calls;
  for (const auto& e : evs) {
    if (e["type"] == "tool-call") calls.push_back(e["name"]);
  }
  EXPECT_EQ(calls, (std::vector<std::string>{"searchEmails", "getEmail"}));
  EXPECT_EQ(provider.requests().size(), 3u);
  if (!pc.secret.empty()) {
    EXPECT_EQ(r.out.find(pc.secret), std::string::npos);
    EXPECT_EQ(r.err.find(pc.secret), std::string::npos);
  }

  // The same as text: the answer, then the cited emails.
  ScriptedProvider again(GetParam(), {Turn::call("searchEmails", R"({"query":"BWU-4471"})"),
                                      Turn::call("getEmail", "{\"id\":" + std::to_string(reminder) + "}"),
                                      Turn::answer(answer)});
  args = {"chat", "-q", "Has BWU-4471 been paid?", "--base-url", again.url(pc.base_path)};
  args.insert(args.end(), pc.args.begin(), pc.args.end());
  auto t = run(args, "", pc.env);
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(t.out.starts_with(answer)) << t.out;
  EXPECT_NE(t.out.find("Cited emails: " + std::to_string(reminder)), std::string::npos) << t.out;
  EXPECT_NE(t.err.find("→ getEmail {\"id\":" + std::to_string(reminder) + "}"), std::string::npos) << t.err;
}

INSTANTIATE_TEST_SUITE_P(Providers, ChatCliProviderTest,
                         ::testing::Values(Wire::kOpenAi, Wire::kAnthropic, Wire::kBedrock),
                         [](const ::testing::TestParamInfo<Wire>& info) { return testing::wire_name(info.param); });

}  // namespace
}  // namespace mailsift
