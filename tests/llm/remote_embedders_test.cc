// The remote embedders against local servers: OpenAI-compatible (float and base64), Ollama
// /api/embed, Bedrock Titan V2; batching, order, bounded concurrency, dimension checks.
#include "llm/remote_embedders.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "llm/json_util.h"
#include "net/encoding.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::FakeHttpServer;
using namespace std::chrono_literals;

// A deterministic vector for a text: [len, first byte, 0.5, ...].
Vector vector_for(const std::string& text, size_t dim) {
  Vector v(dim, 0.5f);
  v[0] = static_cast<float>(text.size());
  v[1] = text.empty() ? 0.f : static_cast<float>(static_cast<unsigned char>(text[0]));
  return v;
}

std::string base64_floats(const Vector& v) {
  std::string bytes(v.size() * 4, '\0');
  for (size_t i = 0; i < v.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &v[i], 4);
    for (int b = 0; b < 4; ++b) bytes[i * 4 + static_cast<size_t>(b)] = static_cast<char>((bits >> (8 * b)) & 0xFF);
  }
  return net::base64_encode(bytes);
}

std::vector<std::string> texts(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(std::string(i + 1, static_cast<char>('a' + i % 26)));
  return out;
}

class RemoteEmbedderTest : public ::testing::Test {
 protected:
  RemoteEmbedderOptions options(const std::string& provider) {
    RemoteEmbedderOptions o;
    o.provider = provider;
    o.base_url = server.url(provider == "openai" ? "/v1" : "");
    o.model = "embed-test";
    o.api_key = "sk-embed-SECRET-1234567890";
    o.dimension = 4;
    o.request_batch = 3;
    o.max_batch = 20;
    o.concurrency = 2;
    o.http.sleep = [](std::chrono::milliseconds) {};
    return o;
  }

  // An OpenAI-compatible endpoint that answers items in reverse order, tracking concurrency.
  void openai_endpoint(bool base64) {
    server.post("/v1/embeddings", [this, base64](const httplib::Request& req, httplib::Response& res) {
      int now = ++in_flight;
      int prev = peak.load();
      while (now > prev && !peak.compare_exchange_weak(prev, now)) {
      }
      std::this_thread::sleep_for(30ms);
      Json body = Json::parse(req.body);
      Json data = Json::array();
      const Json& input = body["input"];
      for (size_t i = input.size(); i-- > 0;) {
        Vector v = vector_for(input[i].get<std::string>(), 4);
        data.push_back(
            {{"object", "embedding"}, {"index", i}, {"embedding", base64 ? Json(base64_floats(v)) : Json(v)}});
      }
      --in_flight;
      res.set_content(Json{{"object", "list"},
                           {"data", data},
                           {"model", "embed-test"},
                           {"usage", {{"prompt_tokens", 8}, {"total_tokens", 8}}}}
                          .dump(),
                      "application/json");
    });
  }

  FakeHttpServer server;
  std::atomic<int> in_flight{0}, peak{0};
};

TEST_F(RemoteEmbedderTest, OpenAiBatchesKeepOrderAndBoundConcurrency) {
  openai_endpoint(false);
  server.start();
  auto e = make_openai_embedder(options("openai"));
  auto in = texts(10);
  auto out = e->embed(in, EmbedInput::kDocument);
  ASSERT_OK(out);
  ASSERT_EQ(out->size(), 10u);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ((*out)[i], vector_for(in[i], 4)) << i;
  EXPECT_EQ(server.request_count(), 4u);  // 3 + 3 + 3 + 1
  EXPECT_LE(peak.load(), 2);
  EXPECT_EQ(e->model_id(), "openai:embed-test");
  EXPECT_EQ(e->dimension(), 4u);
  EXPECT_TRUE(e->thread_safe());
  auto first = Json::parse(server.requests().at(0).body);
  EXPECT_EQ(first["model"], "embed-test");
  EXPECT_EQ(first["encoding_format"], "float");
  EXPECT_EQ(server.requests().at(0).header("Authorization"), "Bearer sk-embed-SECRET-1234567890");
}

TEST_F(RemoteEmbedderTest, OpenAiBase64Encoding) {
  openai_endpoint(true);
  server.start();
  auto o = options("openai");
  o.encoding_format = "base64";
  auto e = make_openai_embedder(o);
  auto in = texts(4);
  auto out = e->embed(in, EmbedInput::kQuery);
  ASSERT_OK(out);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ((*out)[i], vector_for(in[i], 4));
  EXPECT_EQ(Json::parse(server.requests().at(0).body)["encoding_format"], "base64");
}

TEST_F(RemoteEmbedderTest, RejectsMoreTextsThanMaxBatchAndWrongDimensions) {
  openai_endpoint(false);
  server.start();
  auto o = options("openai");
  auto e = make_openai_embedder(o);
  auto too_many = texts(21);
  auto r = e->embed(too_many, EmbedInput::kDocument);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
  o.dimension = 8;
  auto wrong = make_openai_embedder(o);
  auto w = wrong->embed(texts(1), EmbedInput::kDocument);
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().code, Code::kParse);
  EXPECT_NE(w.error().hint.find("embeddings.dimensions"), std::string::npos);
}

TEST_F(RemoteEmbedderTest, OllamaApiEmbed) {
  server.post("/api/embed", [](const httplib::Request& req, httplib::Response& res) {
    Json body = Json::parse(req.body);
    Json list = Json::array();
    for (const auto& t : body["input"]) list.push_back(vector_for(t.get<std::string>(), 4));
    res.set_content(Json{{"model", "embed-test"},
                         {"embeddings", list},
                         {"total_duration", 14143917},
                         {"load_duration", 1019500},
                         {"prompt_eval_count", 8}}
                        .dump(),
                    "application/json");
  });
  server.start();
  auto e = make_ollama_embedder(options("ollama"));
  auto in = texts(7);
  auto out = e->embed(in, EmbedInput::kDocument);
  ASSERT_OK(out);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ((*out)[i], vector_for(in[i], 4));
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(Json::parse(server.requests().at(0).body)["model"], "embed-test");
  EXPECT_EQ(e->model_id(), "ollama:embed-test");
}

TEST_F(RemoteEmbedderTest, BedrockTitanOneTextPerSignedCall) {
  server.post(R"(/model/([^/]+)/invoke)", [](const httplib::Request& req, httplib::Response& res) {
    Json body = Json::parse(req.body);
    res.set_content(
        Json{{"embedding", vector_for(body["inputText"].get<std::string>(), 4)}, {"inputTextTokenCount", 3}}.dump(),
        "application/json");
  });
  server.start();
  auto o = options("bedrock");
  o.model = "amazon.titan-embed-text-v2:0";
  o.region = "us-east-1";
  o.send_dimensions = true;
  o.credentials = aws::static_credentials({"AKIDTEST", "secretsecret", "", "test"});
  auto e = make_titan_embedder(o);
  auto in = texts(5);
  auto out = e->embed(in, EmbedInput::kDocument);
  ASSERT_OK(out);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ((*out)[i], vector_for(in[i], 4));
  ASSERT_EQ(server.request_count(), 5u);
  auto first = server.requests().at(0);
  EXPECT_EQ(first.target, "/model/amazon.titan-embed-text-v2%3A0/invoke");
  EXPECT_NE(first.header("Authorization").find("/us-east-1/bedrock/aws4_request"), std::string::npos);
  Json body = Json::parse(first.body);
  EXPECT_EQ(body["dimensions"], 4);
  EXPECT_EQ(body["normalize"], true);
}

TEST_F(RemoteEmbedderTest, ServerErrorsAreUnavailableAndKeysStayHidden) {
  server.post("/v1/embeddings", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 500;
    res.set_content("{\"error\":{\"message\":\"boom for " + req.get_header_value("Authorization") + "\"}}",
                    "application/json");
  });
  server.start();
  auto e = make_openai_embedder(options("openai"));
  auto r = e->embed(texts(2), EmbedInput::kDocument);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_EQ(r.error().to_string().find("SECRET"), std::string::npos) << r.error().to_string();
}

TEST(Base64FloatsTest, DecodesLittleEndianFloat32) {
  Vector v = {1.0f, -2.5f, 0.125f};
  auto out = decode_base64_floats(base64_floats(v));
  ASSERT_OK(out);
  EXPECT_EQ(*out, v);
  EXPECT_FALSE(decode_base64_floats("AAA=").has_value());  // 2 bytes: not a float
}

}  // namespace
}  // namespace mailsift::llm
