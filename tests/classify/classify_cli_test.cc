// End-to-end: the classification commands on the real binary and a real data directory —
// classes and reasons at ingest, label, rules, classify, train, eval classify, and the cascade
// against a fake OpenAI-compatible server (fallbacks, then --retry-fallbacks).
#include <atomic>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using nlohmann::json;
using testing::FakeHttpServer;
using testing::run_mailsift;
using testing::TempDir;

constexpr const char* kBounce =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example>\nTo: ops@kestrel.example\n"
    "Subject: Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied\nMessage-ID: <b1@mx.example>\n"
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
    "--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
    "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
    "Final-Recipient: rfc822; x@y.example\nAction: failed\nStatus: 5.1.1\n--b--\n";
constexpr const char* kNewsletter =
    "From: PPE Direct <offers@ppe-direct.example>\nTo: ops@kestrel.example\nMessage-ID: <n1@ppe-direct.example>\n"
    "Subject: Spring sale: 30% off hi-vis\nList-Unsubscribe: <https://ppe-direct.example/u>\nPrecedence: bulk\n\n"
    "Our biggest sale of the year. Exclusive discount on boots and gloves. Unsubscribe any time.\n";
constexpr const char* kRequest =
    "From: Sioned Price <sioned.price@partner.example>\nTo: Operations <ops@kestrel.example>\n"
    "Cc: Tom Ellery <tom.ellery@kestrel.example>\nSubject: RE: Quote for jointing at Mill Lane\n"
    "Message-ID: <r1@partner.example>\nIn-Reply-To: <q1@kestrel.example>\nX-Mailer: Microsoft Outlook 16.0\n\n"
    "Hi Tom,\n\nCould you confirm the revised quote and the site access times for next week?\n"
    "We need the permit reference before the crew can start.\n\nRegards,\nSioned\n";

class ClassifyCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mail_.write("mail/bounce.eml", kBounce);
    mail_.write("mail/newsletter.eml", kNewsletter);
    mail_.write("mail/request.eml", kRequest);
    mail_.write("labels.tsv",
                "path\tlabel\treason\nmail/bounce.eml\tOPERATIONAL\tx\nmail/newsletter.eml\tNOISE\tx\n"
                "mail/request.eml\tBUSINESS\tx\n");
  }
  testing::RunResult run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    return run_mailsift(args, data_.str(), "", env);
  }
  json run_json(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    auto r = run(args, env);
    EXPECT_EQ(r.status, 0) << r.err << r.out;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  // Message id by subject prefix.
  int64_t id_of(const std::string& subject) {
    for (const auto& row : run_json({"list", "--json"})) {
      if (row["subject"].get<std::string>().starts_with(subject)) return row["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no message " << subject;
    return 0;
  }
  json classification(int64_t id) { return run_json({"show", std::to_string(id), "--json"})["classification"]; }

  TempDir data_, mail_;
};

TEST_F(ClassifyCliTest, IngestClassifiesWithReasonsAndShowPrintsThem) {
  ASSERT_EQ(run({"ingest", (mail_.path() / "mail").string()}).status, 0);
  const int64_t bounce = id_of("Undelivered"), news = id_of("Spring sale"), req = id_of("RE: Quote");
  EXPECT_EQ(classification(bounce)["class"], "OPERATIONAL");
  EXPECT_EQ(classification(news)["class"], "NOISE");
  json c = classification(req);
  EXPECT_EQ(c["class"], "BUSINESS");
  EXPECT_EQ(c["decided_by"], "model");
  EXPECT_FALSE(c["reasons"].empty());
  auto text = run({"show", std::to_string(req)});
  EXPECT_NE(text.out.find("Class:      BUSINESS"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Because:"), std::string::npos);
}

// A sender the contractor registry lists is a known contact: evidence towards work mail, named
// among the reasons (read when the classifier is built, so an import before the ingest counts).
TEST_F(ClassifyCliTest, ARegisteredContractorIsAKnownContact) {
  mail_.write("registry.csv",
              "id,name,email_domains,contact_emails,regions,scheme,certificate,scopes,status,issued,expires\n"
              "CTR-9001,Partner Jointing Ltd,partner.example,sioned.price@partner.example,North West,NERS,"
              "NERS-1-E,LV jointing,valid,2025-01-01,2028-01-01\n");
  ASSERT_EQ(run({"contractors", "import", (mail_.path() / "registry.csv").string()}).status, 0);
  ASSERT_EQ(run({"ingest", (mail_.path() / "mail").string()}).status, 0);
  auto reasons = classification(id_of("RE: Quote"))["reasons"].dump();
  EXPECT_NE(reasons.find("contact"), std::string::npos) << reasons;
  // The newsletter's sender is no contractor: no such evidence.
  auto news = classification(id_of("Spring sale"))["reasons"].dump();
  EXPECT_EQ(news.find("contact"), std::string::npos) << news;
  // classify.known_contacts = false turns it off.
  ASSERT_EQ(run({"classify", "--all"}, {"MAILSIFT_CLASSIFY_KNOWN_CONTACTS=false"}).status, 0);
  reasons = classification(id_of("RE: Quote"))["reasons"].dump();
  EXPECT_EQ(reasons.find("contact"), std::string::npos) << reasons;
}

TEST_F(ClassifyCliTest, LabelRulesClassifyAndTrain) {
  ASSERT_EQ(run({"ingest", (mail_.path() / "mail").string()}).status, 0);
  const int64_t news = id_of("Spring sale"), req = id_of("RE: Quote");

  // A human verdict wins, and survives reclassification.
  auto labelled = run_json({"label", std::to_string(news), "BUSINESS", "--json"});
  EXPECT_EQ(labelled[0]["class"], "BUSINESS");
  json summary = run_json({"classify", "--all", "--json"});
  EXPECT_EQ(summary["human_kept"], 1);
  EXPECT_EQ(summary["classified"], 2);
  EXPECT_EQ(classification(news)["decided_by"], "human");
  EXPECT_EQ(run({"label", std::to_string(news), "SPAM"}).status, 2);

  // A sender rule decides before the model.
  json rule = run_json({"rules", "add", "@partner.example", "deny", "--json"});
  EXPECT_EQ(rule["class"], "NOISE");
  EXPECT_EQ(run_json({"rules", "list", "--json"}).size(), 1u);
  run_json({"classify", std::to_string(req), "--json"});
  json c = classification(req);
  EXPECT_EQ(c["class"], "NOISE");
  EXPECT_EQ(c["decided_by"], "rules");
  ASSERT_EQ(run({"rules", "remove", std::to_string(rule["id"].get<int64_t>())}).status, 0);
  EXPECT_EQ(run({"rules", "remove", "99"}).status, 1);
  EXPECT_EQ(run({"rules", "add", "not a sender", "NOISE"}).status, 2);

  // train learns from the human label; the data directory's model is used from then on.
  const std::string shipped_model = c["model"].get<std::string>();
  json trained = run_json({"train", "--json"});
  EXPECT_GT(trained["examples"].get<int64_t>(), 1000);
  run_json({"classify", std::to_string(req), "--json"});
  json after = classification(req);
  EXPECT_EQ(after["decided_by"], "model");
  EXPECT_EQ(after["model"], "local:" + trained["model"].get<std::string>());
  EXPECT_EQ(run({"train", "--reset"}).status, 0);
}

TEST_F(ClassifyCliTest, TrainWithoutHumanLabelsSaysWhatToDo) {
  ASSERT_EQ(run({"ingest", (mail_.path() / "mail").string()}).status, 0);
  auto r = run({"train"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("mailsift label"), std::string::npos);
}

TEST_F(ClassifyCliTest, EvalClassifyPrintsMetricsAsJson) {
  json j = run_json({"eval", "classify", (mail_.path() / "labels.tsv").string(), "--json", "--mode", "local"});
  for (const char* key : {"accuracy", "macro_f1", "per_class", "confusion", "llm_share"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["messages"], 3);
  EXPECT_DOUBLE_EQ(j["accuracy"].get<double>(), 1.0);
  EXPECT_EQ(j["confusion"]["NOISE"]["NOISE"], 1);
  EXPECT_DOUBLE_EQ(j["llm_share"].get<double>(), 0.0);
  auto text = run({"eval", "classify", (mail_.path() / "labels.tsv").string()});
  EXPECT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("macro-F1"), std::string::npos);
  EXPECT_EQ(run({"eval", "classify", "/no/such/labels.tsv"}).status, 1);
}

// An OpenAI-compatible server that answers the classification schema, or nonsense.
class FakeLlm {
 public:
  FakeLlm() {
    server.post("/v1/chat/completions", [this](const httplib::Request&, httplib::Response& res) {
      const std::string content =
          broken ? "I think it is probably fine" : R"({"classification":"BUSINESS","reason":"fake model says so"})";
      json body = {{"id", "c1"},
                   {"object", "chat.completion"},
                   {"created", 1},
                   {"model", "fake-1"},
                   {"choices", json::array({{{"index", 0},
                                             {"message", {{"role", "assistant"}, {"content", content}}},
                                             {"finish_reason", "stop"}}})},
                   {"usage", {{"prompt_tokens", 120}, {"completion_tokens", 12}, {"total_tokens", 132}}}};
      res.set_content(body.dump(), "application/json");
    });
    server.start();
  }
  std::vector<std::string> env(double threshold) const {
    return {"MAILSIFT_LLM_PROVIDER=openai-compatible", "MAILSIFT_LLM_MODEL=fake-1",
            "MAILSIFT_LLM_BASE_URL=" + server.url("/v1"), "MAILSIFT_LLM_MAX_ATTEMPTS=1",
            "MAILSIFT_CLASSIFY_THRESHOLD=" + std::to_string(threshold)};
  }
  FakeHttpServer server;
  std::atomic<bool> broken{false};
};

TEST_F(ClassifyCliTest, CascadeReportsTheLlmShare) {
  FakeLlm llm;
  json j = run_json({"eval", "classify", (mail_.path() / "labels.tsv").string(), "--json"}, llm.env(1.0));
  EXPECT_EQ(j["mode"], "cascade");
  EXPECT_DOUBLE_EQ(j["llm_share"].get<double>(), 1.0);  // threshold 1: every message is "unsure"
  EXPECT_EQ(j["llm"]["calls"], 3);
  EXPECT_EQ(j["llm"]["input_tokens"], 360);
  EXPECT_EQ(llm.server.request_count(), 3u);
  json local = run_json({"eval", "classify", (mail_.path() / "labels.tsv").string(), "--json", "--mode", "local"},
                        llm.env(1.0));
  EXPECT_DOUBLE_EQ(local["llm_share"].get<double>(), 0.0);
}

TEST_F(ClassifyCliTest, LlmFailuresFallBackAndAreRetried) {
  FakeLlm llm;
  llm.broken = true;
  auto ingest = run({"ingest", (mail_.path() / "mail").string()}, llm.env(1.0));
  ASSERT_EQ(ingest.status, 0) << ingest.err;  // the mail is stored whatever the LLM does
  const int64_t req = id_of("RE: Quote");
  json c = classification(req);
  EXPECT_TRUE(c["fallback"].get<bool>());
  EXPECT_EQ(c["decided_by"], "model");

  llm.broken = false;
  json retried = run_json({"classify", "--retry-fallbacks", "--json"}, llm.env(1.0));
  EXPECT_EQ(retried["classified"], 3);
  EXPECT_EQ(retried["fallbacks"], 0);
  json after = classification(req);
  EXPECT_EQ(after["decided_by"], "llm");
  EXPECT_FALSE(after["fallback"].get<bool>());
  EXPECT_EQ(run_json({"classify", "--retry-fallbacks", "--json"}, llm.env(1.0))["classified"], 0);
}

}  // namespace
}  // namespace mailsift
