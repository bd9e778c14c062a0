// The OpenAI-compatible adapter against a local server speaking Chat Completions: plain and
// streamed replies, tool-call deltas split at awkward places, errors mid-stream, 429 with
// Retry-After, malformed JSON, and keys kept out of errors.
#include "llm/openai_chat.h"

#include <gtest/gtest.h>

#include "core/strings.h"
#include "llm/structured.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::FakeHttpServer;
using namespace std::chrono_literals;

const std::string kKey = "sk-test-0123456789abcdefSECRET";

std::string sse(const Json& j) {
  return "data: " + j.dump() + "\n\n";
}

Json chunk(Json delta, Json finish = nullptr) {
  return {
      {"id", "chatcmpl-9"},
      {"object", "chat.completion.chunk"},
      {"created", 1700000000},
      {"model", "gpt-test"},
      {"system_fingerprint", "fp_1"},
      {"choices",
       Json::array({{{"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}, {"finish_reason", finish}}})}};
}

Json tool_delta(int index, Json fields) {
  Json tc = std::move(fields);
  tc["index"] = index;
  return {{"tool_calls", Json::array({tc})}};
}

// Byte offset just after the first `skip` bytes of `needle` in `text`.
size_t inside(const std::string& text, const std::string& needle, size_t skip) {
  size_t p = text.find(needle);
  EXPECT_NE(p, std::string::npos) << needle;
  return p + skip;
}

class OpenAiChatTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChatModel> model(bool native = true) {
    OpenAiOptions o;
    o.base_url = server.url("/v1");
    o.model = "gpt-test";
    o.api_key = kKey;
    o.key_hint = "the key in OPENAI_API_KEY (llm.api_key_env)";
    o.native_structured_output = native;
    o.http.retry.initial_backoff = 1ms;
    o.http.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    return make_openai_chat_model(std::move(o));
  }

  void stream_reply(std::vector<std::string> pieces, size_t drop_after = static_cast<size_t>(-1)) {
    server.post("/v1/chat/completions", [pieces, drop_after](const httplib::Request&, httplib::Response& res) {
      FakeHttpServer::send_chunks(res, "text/event-stream", pieces, 3ms, drop_after);
    });
  }

  static ChatRequest question() {
    ChatRequest r;
    r.messages = {Message::system("Be brief."), Message::user("Weather in Zürich?")};
    r.tools = {
        ToolSpec{"get_weather", "Current weather",
                 Json::parse(R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})")}};
    return r;
  }

  FakeHttpServer server;
  std::vector<std::chrono::milliseconds> sleeps;
};

TEST_F(OpenAiChatTest, GenerateSendsTheDocumentedRequestAndParsesToolCalls) {
  server.post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test-2024",
      "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
        {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Z\u00fcrich\"}"}},
        {"id":"call_b","type":"function","function":{"name":"get_weather","arguments":""}}]},
        "logprobs":null,"finish_reason":"tool_calls"}],
      "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}})",
                    "application/json");
  });
  server.start();
  auto m = model();
  auto r = m->generate(question());
  ASSERT_OK(r);
  auto calls = r->tool_calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].id, "call_a");
  EXPECT_EQ(calls[0].input["city"], "Zürich");
  EXPECT_TRUE(calls[1].input_valid);
  EXPECT_EQ(calls[1].input, Json::object());
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
  EXPECT_EQ(r->usage.input_tokens, 82);
  EXPECT_EQ(r->usage.total_tokens, 99);
  EXPECT_EQ(r->model, "gpt-test-2024");

  auto req = server.requests().at(0);
  EXPECT_EQ(req.header("Authorization"), "Bearer " + kKey);
  EXPECT_EQ(req.header("Content-Type"), "application/json");
  Json body = Json::parse(req.body);
  EXPECT_EQ(body["model"], "gpt-test");
  EXPECT_EQ(body["messages"][0], Json::parse(R"({"role":"system","content":"Be brief."})"));
  EXPECT_EQ(body["messages"][1], Json::parse(R"({"role":"user","content":"Weather in Zürich?"})"));
  EXPECT_EQ(body["tools"][0]["type"], "function");
  EXPECT_EQ(body["tools"][0]["function"]["name"], "get_weather");
  EXPECT_EQ(body["tools"][0]["function"]["parameters"]["required"][0], "city");
  EXPECT_EQ(body["tool_choice"], "auto");
  EXPECT_FALSE(body.contains("stream"));
}

TEST_F(OpenAiChatTest, SendsToolResultsAndStructuredOutputFormat) {
  server.post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        R"({"choices":[{"index":0,"message":{"role":"assistant","content":"{\"ok\":true}"},"finish_reason":"stop"}]})",
        "application/json");
  });
  server.start();
  ChatRequest r = question();
  r.messages.push_back(Message::assistant_parts(
      {Part::of_tool_call(ToolCall::from_text("call_a", "get_weather", R"({"city":"Bern"})"))}));
  r.messages.push_back(Message::tool_results({ToolResult{"call_a", "get_weather", "sunny", false},
                                              ToolResult{"call_b", "get_weather", "no such city", true}}));
  r.tool_choice = {ToolChoiceMode::kTool, "get_weather"};
  r.response_format = ResponseFormat{"answer", "", Json::parse(R"({"type":"object"})")};
  r.max_tokens = 50;
  auto m = model();
  ASSERT_OK(m->generate(r));
  Json body = Json::parse(server.requests().at(0).body);
  const Json& msgs = body["messages"];
  ASSERT_EQ(msgs.size(), 5u);
  EXPECT_EQ(msgs[2]["role"], "assistant");
  EXPECT_TRUE(msgs[2]["content"].is_null());
  EXPECT_EQ(msgs[2]["tool_calls"][0]["function"]["arguments"], R"({"city":"Bern"})");
  EXPECT_EQ(msgs[3], Json::parse(R"({"role":"tool","tool_call_id":"call_a","content":"sunny"})"));
  EXPECT_EQ(msgs[4]["content"], "[error] no such city");
  EXPECT_EQ(body["tool_choice"], Json::parse(R"({"type":"function","function":{"name":"get_weather"}})"));
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
  EXPECT_EQ(body["response_format"]["json_schema"]["name"], "answer");
  EXPECT_EQ(body["max_tokens"], 50);
}

TEST_F(OpenAiChatTest, StreamsTextSplitInsideUtf8CharactersAndSseLines) {
  std::string body = sse(chunk({{"role", "assistant"}, {"content", ""}})) + sse(chunk({{"content", "Caf\u00e9 "}})) +
                     sse(chunk({{"content", "\u2615 \U0001F600 done"}})) + sse(chunk(Json::object(), "stop")) +
                     sse(Json{{"id", "chatcmpl-9"},
                              {"object", "chat.completion.chunk"},
                              {"choices", Json::array()},
                              {"usage", {{"prompt_tokens", 5}, {"completion_tokens", 7}, {"total_tokens", 12}}}}) +
                     "data: [DONE]\n\n";
  stream_reply(FakeHttpServer::split_at(
      body, {inside(body, "\u00e9", 1), inside(body, "data: {\"choices", 3), inside(body, "\u2615", 2),
             inside(body, "\U0001F600", 3), inside(body, "\n\ndata: [DONE]", 1), body.size() - 3}));
  server.start();
  auto m = model();
  std::string deltas;
  int delta_events = 0;
  auto r = m->stream(question(), [&](const StreamEvent& e) {
    EXPECT_EQ(e.type, EventType::kTextDelta);
    EXPECT_TRUE(is_valid_utf8(e.text)) << "a delta split a character";
    deltas += e.text;
    ++delta_events;
    return true;
  });
  ASSERT_OK(r);
  EXPECT_EQ(deltas, "Café ☕ 😀 done");
  EXPECT_EQ(r->text(), deltas);
  EXPECT_EQ(delta_events, 2);
  EXPECT_EQ(r->finish, FinishReason::kStop);
  EXPECT_EQ(r->usage.total_tokens, 12);
  Json sent = Json::parse(server.requests().at(0).body);
  EXPECT_EQ(sent["stream"], true);
  EXPECT_EQ(sent["stream_options"]["include_usage"], true);
}

TEST_F(OpenAiChatTest, ReassemblesInterleavedToolCallDeltasByIndex) {
  std::string body =
      sse(chunk({{"role", "assistant"}, {"content", nullptr}})) +
      sse(chunk(tool_delta(
          0, {{"id", "call_1"}, {"type", "function"}, {"function", {{"name", "get_weather"}, {"arguments", ""}}}}))) +
      sse(chunk(tool_delta(0, {{"function", {{"arguments", "{\"ci"}}}}))) +
      sse(chunk(tool_delta(1, {{"id", "call_2"},
                               {"type", "function"},
                               {"function", {{"name", "get_weather"}, {"arguments", "{\"city\":"}}}}))) +
      sse(chunk(tool_delta(0, {{"function", {{"arguments", "ty\":\"Z\u00fcr"}}}}))) +
      sse(chunk(tool_delta(1, {{"function", {{"arguments", "\"Gen\u00e8ve\"}"}}}}))) +
      sse(chunk(tool_delta(0, {{"function", {{"arguments", "ich\"}"}}}}))) + sse(chunk(Json::object(), "tool_calls")) +
      "data: [DONE]\n\n";
  stream_reply(
      FakeHttpServer::split_at(body, {inside(body, "\u00fc", 1), inside(body, "\u00e8", 1),
                                      inside(body, "\"tool_calls\":[{\"function\"", 9), inside(body, "data: {", 2)}));
  server.start();
  auto m = model();
  std::vector<ToolCall> seen;
  auto r = m->stream(question(), [&](const StreamEvent& e) {
    if (e.type == EventType::kToolCall) seen.push_back(e.tool_call);
    return true;
  });
  ASSERT_OK(r);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].id, "call_1");
  EXPECT_EQ(seen[0].input, Json::parse(R"({"city":"Zürich"})"));
  EXPECT_EQ(seen[1].id, "call_2");
  EXPECT_EQ(seen[1].input, Json::parse(R"({"city":"Genève"})"));
  EXPECT_EQ(r->tool_calls().size(), 2u);
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
}

TEST_F(OpenAiChatTest, MalformedArgumentsFromTheModelAreKeptForTheToolLoop) {
  std::string body =
      sse(chunk(tool_delta(
          0, {{"id", "call_x"}, {"function", {{"name", "get_weather"}, {"arguments", "{\"city\": \"Bern"}}}}))) +
      sse(chunk(Json::object(), "tool_calls")) + "data: [DONE]\n\n";
  stream_reply({body});
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_OK(r);
  auto calls = r->tool_calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_FALSE(calls[0].input_valid);
  EXPECT_EQ(calls[0].input_text, "{\"city\": \"Bern");
}

TEST_F(OpenAiChatTest, AnErrorChunkMidStreamFailsTheCall) {
  std::string body = sse(chunk({{"content", "partial "}})) +
                     "data: {\"error\":{\"message\":\"upstream model crashed\",\"type\":\"server_error\"}}\n\n";
  stream_reply({body});
  server.start();
  std::string got;
  auto r = model()->stream(question(), [&](const StreamEvent& e) {
    got += e.text;
    return true;
  });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().message.find("upstream model crashed"), std::string::npos);
  EXPECT_EQ(got, "partial ");
  EXPECT_EQ(server.request_count(), 1u);  // bytes were delivered: never retried
}

TEST_F(OpenAiChatTest, MalformedChunkJsonIsAParseError) {
  stream_reply({"data: {\"choices\":[{\"delta\":{\"content\":\"x\"}\n\n"});
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kParse);
}

TEST_F(OpenAiChatTest, AStreamThatStopsEarlyIsAnError) {
  stream_reply({sse(chunk({{"content", "Hel"}}))});  // ends cleanly, but without finish_reason or [DONE]
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
}

TEST_F(OpenAiChatTest, RetriesA429WithRetryAfter) {
  std::atomic<int> calls{0};
  server.post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content(R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})",
                      "application/json");
      return;
    }
    FakeHttpServer::send_chunks(res, "text/event-stream",
                                {sse(chunk({{"content", "ok"}}, "stop")), "data: [DONE]\n\n"});
  });
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_OK(r);
  EXPECT_EQ(r->text(), "ok");
  EXPECT_EQ(calls.load(), 2);
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_EQ(sleeps[0], 1000ms);
}

TEST_F(OpenAiChatTest, PersistentRateLimitsBecomeUnavailableWithTheProviderMessage) {
  server.post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_content(R"({"error":{"message":"Rate limit reached","type":"requests"}})", "application/json");
  });
  server.start();
  auto r = model()->generate(question());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().message.find("Rate limit reached"), std::string::npos);
  EXPECT_NE(r.error().message.find("after 3 attempts"), std::string::npos) << r.error().message;
}

TEST_F(OpenAiChatTest, ARejectedKeyIsAPermissionErrorThatNeverShowsTheKey) {
  server.post("/v1/chat/completions", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 401;
    std::string key = req.get_header_value("Authorization").substr(7);
    res.set_content(
        R"({"error":{"message":"Incorrect API key provided: )" + key + R"(.","type":"invalid_request_error"}})",
        "application/json");
  });
  server.start();
  auto r = model()->generate(question());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kPermission);
  EXPECT_EQ(r.error().to_string().find(kKey), std::string::npos) << r.error().to_string();
  EXPECT_NE(r.error().hint.find("OPENAI_API_KEY"), std::string::npos);
  StreamEvent e;
  e.type = EventType::kError;
  e.error = r.error();
  EXPECT_EQ(dump_json(event_to_json(e)).find(kKey), std::string::npos);
}

TEST_F(OpenAiChatTest, ASinkReturningFalseCancelsTheStream) {
  std::vector<std::string> pieces;
  for (int i = 0; i < 20; ++i) pieces.push_back(sse(chunk({{"content", "word "}})));
  pieces.push_back(sse(chunk(Json::object(), "stop")));
  stream_reply(pieces);
  server.start();
  int n = 0;
  auto r = model()->stream(question(), [&](const StreamEvent&) { return ++n < 3; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kCancelled);
  EXPECT_EQ(n, 3);
}

TEST_F(OpenAiChatTest, GenerateObjectUsesJsonSchemaOutputAndRepairsOnce) {
  std::atomic<int> calls{0};
  server.post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    std::string content = ++calls == 1 ? R"({"label":"SPAM"})" : R"({"label":"NOISE"})";
    Json reply{
        {"choices",
         Json::array(
             {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}})},
        {"usage", {{"prompt_tokens", 10}, {"completion_tokens", 4}, {"total_tokens", 14}}}};
    res.set_content(reply.dump(), "application/json");
  });
  server.start();
  auto m = model();
  ObjectRequest req;
  req.prompt = "Classify: weekly newsletter";
  req.name = "classification";
  req.schema =
      Json::parse(R"({"type":"object","properties":{"label":{"enum":["BUSINESS","NOISE"]}},"required":["label"]})");
  auto r = generate_object(*m, req);
  ASSERT_OK(r);
  EXPECT_EQ(r->value["label"], "NOISE");
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(r->usage.total_tokens, 28);
  Json second = Json::parse(server.requests().at(1).body);
  EXPECT_EQ(second["response_format"]["json_schema"]["name"], "classification");
  const Json& msgs = second["messages"];
  EXPECT_EQ(msgs[msgs.size() - 2]["content"], R"({"label":"SPAM"})");
  EXPECT_NE(msgs.back()["content"].get<std::string>().find("must be one of"), std::string::npos);
}

}  // namespace
}  // namespace mailsift::llm
