// End to end: `mailsift ingest` and `mailsift search --mode vector` with a remote embedder
// ([embeddings] provider = openai-compatible), against a fake server that speaks the
// OpenAI-compatible /v1/embeddings protocol. Its vectors are bags of words hashed into 16
// dimensions, so a query shares a direction with the messages that share its words.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "cli_runner.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using nlohmann::json;

constexpr size_t kDim = 16;

std::vector<float> bag_of_words(const std::string& text) {
  std::vector<float> v(kDim, 0.0f);
  std::string word;
  auto flush = [&]() {
    if (word.size() > 3) v[std::hash<std::string>{}(word) % kDim] += 1.0f;
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  float norm = 0;
  for (float x : v) norm += x * x;
  if (norm == 0) v[0] = 1.0f;
  return v;
}

class RemoteEmbeddingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.post("/v1/embeddings", [](const httplib::Request& req, httplib::Response& res) {
      json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.contains("input") || body.value("model", "") != "fake-embed") {
        res.status = 400;
        res.set_content(R"({"error":{"message":"bad request","type":"invalid_request_error"}})", "application/json");
        return;
      }
      json data = json::array();
      const json& input = body["input"];
      for (size_t i = 0; i < input.size(); ++i) {
        data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", bag_of_words(input[i].get<std::string>())}});
      }
      res.set_content(json{{"object", "list"}, {"data", data}, {"model", "fake-embed"},
                           {"usage", {{"prompt_tokens", 10}, {"total_tokens", 10}}}}
                          .dump(),
                      "application/json");
    });
    server_.start();
    input_.write("quote.eml",
                 "From: Ann <ann@brightwire.example>\nTo: ops@ops.example\nSubject: Quote for trenching\n"
                 "Message-ID: <q1@brightwire.example>\nDate: Tue, 04 Mar 2025 10:00:00 +0000\n\n"
                 "Trenching and cable laying quote attached, excavation included.\n");
    input_.write("alert.eml",
                 "From: monitor@grid.example\nTo: ops@ops.example\nSubject: Substation alarm\n"
                 "Message-ID: <a1@grid.example>\nDate: Wed, 05 Mar 2025 10:00:00 +0000\n\n"
                 "Transformer temperature alarm raised at substation twelve.\n");
  }

  testing::RunResult run(const std::vector<std::string>& args) {
    return testing::run_mailsift(args, data_.str(), "",
                                 {"MAILSIFT_EMBEDDINGS_PROVIDER=openai-compatible",
                                  "MAILSIFT_EMBEDDINGS_BASE_URL=" + server_.url("/v1"),
                                  "MAILSIFT_EMBEDDINGS_MODEL=fake-embed",
                                  "MAILSIFT_EMBEDDINGS_DIMENSIONS=" + std::to_string(kDim)});
  }

  testing::FakeHttpServer server_;
  testing::TempDir data_;
  testing::TempDir input_;
};

TEST_F(RemoteEmbeddingsTest, IngestEmbedsRemotelyAndVectorSearchUsesTheSameModel) {
  auto ingest = run({"ingest", "--json", input_.str()});
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  EXPECT_EQ(json::parse(ingest.out)["new"], 2);
  size_t after_ingest = server_.request_count();
  EXPECT_GE(after_ingest, 1u) << "ingest embedded nothing";

  auto hits = run({"search", "--mode", "vector", "--json", "trenching excavation quote"});
  ASSERT_EQ(hits.status, 0) << hits.err;
  json list = json::parse(hits.out);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0]["message_id"], "q1@brightwire.example");
  EXPECT_GT(server_.request_count(), after_ingest) << "the query was not embedded by the same model";

  // --refit only applies to the local model.
  auto refit = run({"reindex", "--refit"});
  EXPECT_EQ(refit.status, 2) << refit.err;
}

TEST_F(RemoteEmbeddingsTest, AnUnreachableEmbedderNeverLosesMail) {
  server_.stop();
  auto ingest = run({"ingest", "--json", input_.str()});
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  EXPECT_EQ(json::parse(ingest.out)["new"], 2);
  auto list = testing::run_mailsift({"list", "--json"}, data_.str());
  ASSERT_EQ(list.status, 0) << list.err;
  EXPECT_EQ(json::parse(list.out).size(), 2u);
}

}  // namespace
}  // namespace mailsift
