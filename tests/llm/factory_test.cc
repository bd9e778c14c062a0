// Building models and embedders from configuration, and keeping keys out of everything the
// user sees.
#include "llm/factory.h"

#include <gtest/gtest.h>

#include "llm/offline.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::FakeHttpServer;
using mailsift::testing::TempDir;

const std::string kKey = "sk-live-FACTORY-SECRET-42";

TEST(FactoryTest, OfflineIsTheDefault) {
  Config c;
  auto m = make_chat_model(c, net::empty_env());
  ASSERT_OK(m);
  EXPECT_TRUE((*m)->offline());
  EXPECT_EQ((*m)->info().provider, "offline");
  auto r = (*m)->generate(ChatRequest{});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().hint.find("llm.provider"), std::string::npos);
  EXPECT_NE(std::string(offline_notice()).find("docs/CONFIGURATION.md"), std::string::npos);
}

TEST(FactoryTest, BuildsEachProvider) {
  auto env = net::env_from_map({{"OPENAI_API_KEY", kKey},
                                {"ANTHROPIC_API_KEY", kKey},
                                {"AWS_ACCESS_KEY_ID", "AKID"},
                                {"AWS_SECRET_ACCESS_KEY", "s"},
                                {"AWS_REGION", "eu-central-1"}});
  for (auto [provider, label] :
       std::vector<std::pair<std::string, std::string>>{{"openai", "openai"},
                                                        {"ollama", "ollama"},
                                                        {"llama.cpp", "llamacpp"},
                                                        {"vllm", "vllm"},
                                                        {"openai-compatible", "openai-compatible"},
                                                        {"anthropic", "anthropic"},
                                                        {"bedrock", "bedrock"}}) {
    Config c;
    c.set("llm.provider", provider);
    c.set("llm.model", "m1");
    if (provider == "openai-compatible") c.set("llm.base_url", "http://127.0.0.1:1/v1");
    auto m = make_chat_model(c, env);
    ASSERT_OK(m) << provider;
    EXPECT_EQ((*m)->info().provider, label);
    EXPECT_FALSE((*m)->offline());
    EXPECT_EQ((*m)->info().model, "m1");
  }
}

TEST(FactoryTest, ExplainsConfigurationMistakesWithoutSecrets) {
  Config c;
  c.set("llm.provider", "gemini");
  auto unknown = make_chat_model(c, net::empty_env());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, Code::kInvalidArgument);
  EXPECT_NE(unknown.error().hint.find("anthropic"), std::string::npos);

  c.set("llm.provider", "openai");
  auto no_model = make_chat_model(c, net::empty_env());
  ASSERT_FALSE(no_model.has_value());
  EXPECT_NE(no_model.error().hint.find("MAILSIFT_LLM_MODEL"), std::string::npos);

  c.set("llm.model", "gpt-4o-mini");
  auto no_key = make_chat_model(c, net::empty_env());
  ASSERT_FALSE(no_key.has_value());
  EXPECT_EQ(no_key.error().code, Code::kPermission);
  EXPECT_NE(no_key.error().message.find("OPENAI_API_KEY"), std::string::npos);

  c.set("llm.api_key_env", "TEAM_OPENAI_KEY");
  auto renamed = make_chat_model(c, net::env_from_map({{"OPENAI_API_KEY", kKey}}));
  ASSERT_FALSE(renamed.has_value());
  EXPECT_NE(renamed.error().message.find("TEAM_OPENAI_KEY"), std::string::npos);
  EXPECT_EQ(renamed.error().to_string().find(kKey), std::string::npos);

  Config b;
  b.set("llm.provider", "bedrock");
  b.set("llm.model", "anthropic.claude-3-haiku-20240307-v1:0");
  auto no_aws = make_chat_model(b, net::env_from_map({{"HOME", "/nonexistent"}, {"AWS_REGION", "us-east-1"}}));
  ASSERT_FALSE(no_aws.has_value());
  EXPECT_EQ(no_aws.error().code, Code::kPermission);
}

TEST(FactoryTest, LocalModelsNeedNoKeyUnlessOneIsNamed) {
  Config c;
  c.set("llm.provider", "vllm");
  c.set("llm.model", "Qwen/Qwen2.5-7B-Instruct");
  ASSERT_OK(make_chat_model(c, net::empty_env()));
  c.set("llm.api_key_env", "VLLM_KEY");
  EXPECT_FALSE(make_chat_model(c, net::empty_env()).has_value());
  ASSERT_OK(make_chat_model(c, net::env_from_map({{"VLLM_KEY", "token"}})));
}

TEST(FactoryTest, KeysNeverReachErrorsLogsOrJsonOutput) {
  FakeHttpServer server;
  server.post("/v1/chat/completions", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 429;  // retried: a log line per retry
    res.set_content("{\"error\":{\"message\":\"slow down, " + req.get_header_value("Authorization") + "\"}}",
                    "application/json");
  });
  server.start();
  Config c;
  c.set("llm.provider", "openai");
  c.set("llm.model", "gpt-test");
  c.set("llm.base_url", server.url("/v1"));
  c.set("llm.max_attempts", "2");
  std::vector<std::string> log;
  auto m = make_chat_model(c, net::env_from_map({{"OPENAI_API_KEY", kKey}}), [&](net::HttpOptions& o) {
    o.sleep = [](std::chrono::milliseconds) {};
    o.log = [&](std::string_view line) { log.emplace_back(line); };
  });
  ASSERT_OK(m);
  ChatRequest req;
  req.messages = {Message::user("hi")};
  std::vector<std::string> json_lines;
  auto r = (*m)->stream(req, [&](const StreamEvent& e) {
    json_lines.push_back(dump_json(event_to_json(e)));
    return true;
  });
  ASSERT_FALSE(r.has_value());
  StreamEvent error;
  error.type = EventType::kError;
  error.error = r.error();
  json_lines.push_back(dump_json(event_to_json(error)));
  EXPECT_EQ(server.request_count(), 2u);
  ASSERT_FALSE(log.empty());
  for (const auto& line : log) EXPECT_EQ(line.find(kKey), std::string::npos) << line;
  for (const auto& line : json_lines) EXPECT_EQ(line.find(kKey), std::string::npos) << line;
  EXPECT_EQ(r.error().to_string().find(kKey), std::string::npos) << r.error().to_string();
  EXPECT_NE(r.error().message.find("slow down"), std::string::npos);
}

TEST(FactoryTest, EmbeddersFromConfig) {
  Config c;
  auto local = make_remote_embedder(c, net::empty_env());
  ASSERT_OK(local);
  EXPECT_EQ(*local, nullptr);

  c.set("embeddings.provider", "ollama");
  c.set("embeddings.model", "nomic-embed-text:latest");
  auto ollama = make_remote_embedder(c, net::empty_env());
  ASSERT_OK(ollama);
  EXPECT_EQ((*ollama)->dimension(), 768u);
  EXPECT_EQ((*ollama)->model_id(), "ollama:nomic-embed-text:latest");

  c.set("embeddings.model", "my-custom-embedder");
  auto unknown = make_remote_embedder(c, net::empty_env());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().hint.find("embeddings.dimensions"), std::string::npos);
  c.set("embeddings.dimensions", "384");
  c.set("embeddings.max_batch", "100");
  auto custom = make_remote_embedder(c, net::empty_env());
  ASSERT_OK(custom);
  EXPECT_EQ((*custom)->dimension(), 384u);
  EXPECT_EQ((*custom)->max_batch(), 100u);

  Config t;
  t.set("embeddings.provider", "bedrock");
  t.set("embeddings.model", "amazon.titan-embed-text-v2:0");
  t.set("embeddings.region", "us-west-2");
  auto titan = make_remote_embedder(t, net::env_from_map({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "B"}}));
  ASSERT_OK(titan);
  EXPECT_EQ((*titan)->dimension(), 1024u);
}

TEST(FactoryTest, LoopSettings) {
  Config c;
  auto d = loop_settings(c);
  ASSERT_OK(d);
  EXPECT_EQ(d->max_steps, 5);
  c.set("chat.max_steps", "8");
  c.set("chat.tool_timeout_ms", "1500");
  auto s = loop_settings(c);
  ASSERT_OK(s);
  EXPECT_EQ(s->max_steps, 8);
  EXPECT_EQ(s->tool_timeout.count(), 1500);
  c.set("chat.max_steps", "0");
  EXPECT_FALSE(loop_settings(c).has_value());
}

}  // namespace
}  // namespace mailsift::llm
