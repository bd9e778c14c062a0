// The Anthropic adapter against a local server speaking the Messages API and its SSE events.
#include "llm/anthropic_chat.h"

#include <gtest/gtest.h>

#include "llm/structured.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::FakeHttpServer;
using namespace std::chrono_literals;

const std::string kKey = "sk-ant-test-SECRET-987654321";

std::string event(const std::string& name, const Json& data) {
  return "event: " + name + "\ndata: " + data.dump() + "\n\n";
}

size_t inside(const std::string& text, const std::string& needle, size_t skip) {
  size_t p = text.find(needle);
  EXPECT_NE(p, std::string::npos) << needle;
  return p + skip;
}

// A complete streamed reply: text, then one tool call whose input arrives in fragments.
std::string tool_stream() {
  return event("message_start", Json::parse(R"({"type":"message_start","message":{"id":"msg_1","type":"message",
           "role":"assistant","content":[],"model":"claude-test","stop_reason":null,"stop_sequence":null,
           "usage":{"input_tokens":472,"output_tokens":2}}})")) +
         event("content_block_start",
               Json::parse(R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})")) +
         event("ping", Json::parse(R"({"type":"ping"})")) +
         event(
             "content_block_delta",
             Json::parse(
                 R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking M\u00fcnchen"}})")) +
         event("content_block_delta",
               Json::parse(
                   R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" \u2026"}})")) +
         event("content_block_stop", Json::parse(R"({"type":"content_block_stop","index":0})")) +
         event("content_block_start",
               Json::parse(R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use",
           "id":"toolu_01","name":"get_weather","input":{}}})")) +
         event(
             "content_block_delta",
             Json::parse(
                 R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}})")) +
         event(
             "content_block_delta",
             Json::parse(
                 R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"M\u00fc"}})")) +
         event(
             "content_block_delta",
             Json::parse(
                 R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"nchen\"}"}})")) +
         event("some_future_event", Json::parse(R"({"type":"some_future_event","x":1})")) +
         event("content_block_stop", Json::parse(R"({"type":"content_block_stop","index":1})")) +
         event(
             "message_delta",
             Json::parse(
                 R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}})")) +
         event("message_stop", Json::parse(R"({"type":"message_stop"})"));
}

class AnthropicChatTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChatModel> model() {
    AnthropicOptions o;
    o.base_url = server.url();
    o.model = "claude-test";
    o.api_key = kKey;
    o.key_hint = "the key in ANTHROPIC_API_KEY (llm.api_key_env)";
    o.http.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    return make_anthropic_chat_model(std::move(o));
  }

  static ChatRequest question() {
    ChatRequest r;
    r.messages = {Message::system("Be brief."), Message::user("Weather in München?")};
    r.tools = {ToolSpec{"get_weather", "Current weather",
                        Json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})")}};
    return r;
  }

  FakeHttpServer server;
  std::vector<std::chrono::milliseconds> sleeps;
};

TEST_F(AnthropicChatTest, GenerateSendsTheDocumentedRequest) {
  server.post("/v1/messages", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
      "content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Bern"}}],
      "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":20}})",
                    "application/json");
  });
  server.start();
  ChatRequest req = question();
  req.messages.push_back(Message::assistant_parts(
      {Part::of_tool_call(ToolCall::from_text("toolu_0", "get_weather", R"({"city":"Basel"})"))}));
  req.messages.push_back(Message::tool_results({ToolResult{"toolu_0", "get_weather", "rain", true}}));
  req.messages.push_back(Message::user("And now?"));
  req.tool_choice = {ToolChoiceMode::kRequired, ""};
  auto r = model()->generate(req);
  ASSERT_OK(r);
  EXPECT_EQ(r->text(), "Let me check.");
  ASSERT_EQ(r->tool_calls().size(), 1u);
  EXPECT_EQ(r->tool_calls()[0].input["city"], "Bern");
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
  EXPECT_EQ(r->usage.total_tokens, 30);

  auto sent = server.requests().at(0);
  EXPECT_EQ(sent.header("x-api-key"), kKey);
  EXPECT_EQ(sent.header("anthropic-version"), "2023-06-01");
  Json body = Json::parse(sent.body);
  EXPECT_EQ(body["system"], "Be brief.");
  EXPECT_EQ(body["max_tokens"], 1024);
  EXPECT_EQ(body["tools"][0]["input_schema"]["type"], "object");
  EXPECT_EQ(body["tool_choice"], Json::parse(R"({"type":"any"})"));
  const Json& msgs = body["messages"];
  ASSERT_EQ(msgs.size(), 3u);  // the tool result and the next question merge into one user turn
  EXPECT_EQ(msgs[1]["content"][0]["type"], "tool_use");
  EXPECT_EQ(msgs[2]["role"], "user");
  EXPECT_EQ(msgs[2]["content"][0],
            Json::parse(R"({"type":"tool_result","tool_use_id":"toolu_0","content":"rain","is_error":true})"));
  EXPECT_EQ(msgs[2]["content"][1]["text"], "And now?");
}

TEST_F(AnthropicChatTest, StreamsTextAndToolInputSplitAcrossReads) {
  std::string body = tool_stream();
  server.post("/v1/messages", [body](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(
        res, "text/event-stream",
        FakeHttpServer::split_at(
            body,
            {inside(body, "M\u00fcnchen", 2), inside(body, "\u2026", 1), inside(body, "event: content_block_delta", 9),
             inside(body, "\"partial_json\":\"{", 5), inside(body, "\n\nevent: message_stop", 1)}),
        3ms);
  });
  server.start();
  std::string text;
  std::vector<ToolCall> calls;
  auto r = model()->stream(question(), [&](const StreamEvent& e) {
    if (e.type == EventType::kTextDelta) text += e.text;
    if (e.type == EventType::kToolCall) calls.push_back(e.tool_call);
    return true;
  });
  ASSERT_OK(r);
  EXPECT_EQ(text, "Checking München …");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].id, "toolu_01");
  EXPECT_EQ(calls[0].input, Json::parse(R"({"city":"München"})"));
  EXPECT_EQ(r->text(), text);
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
  EXPECT_EQ(r->usage.input_tokens, 472);
  EXPECT_EQ(r->usage.output_tokens, 89);
  EXPECT_EQ(Json::parse(server.requests().at(0).body)["stream"], true);
}

TEST_F(AnthropicChatTest, AnOverloadedErrorEventMidStreamFails) {
  std::string body =
      event("message_start",
            Json::parse(R"({"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":1}}})")) +
      event("content_block_delta",
            Json::parse(R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})")) +
      event("error", Json::parse(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
  server.post("/v1/messages", [body](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "text/event-stream", {body});
  });
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().message.find("overloaded_error"), std::string::npos);
  EXPECT_FALSE(r.error().hint.empty());
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(AnthropicChatTest, Http529OverloadedIsRetried) {
  std::atomic<int> calls{0};
  std::string body = tool_stream();
  server.post("/v1/messages", [&, body](const httplib::Request&, httplib::Response& res) {
    if (++calls < 3) {
      res.status = 529;
      res.set_content(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
                      "application/json");
      return;
    }
    FakeHttpServer::send_chunks(res, "text/event-stream", {body});
  });
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_OK(r);
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(sleeps.size(), 2u);
}

TEST_F(AnthropicChatTest, PersistentOverloadIsUnavailableWithAHint) {
  server.post("/v1/messages", [](const httplib::Request&, httplib::Response& res) {
    res.status = 529;
    res.set_content(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
                    "application/json");
  });
  server.start();
  auto r = model()->generate(question());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().message.find("overloaded_error: Overloaded"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().hint.find("overloaded"), std::string::npos);
}

TEST_F(AnthropicChatTest, AStreamWithoutMessageStopIsAnError) {
  std::string body =
      event("content_block_delta",
            Json::parse(R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})"));
  server.post("/v1/messages", [body](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "text/event-stream", {body});
  });
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
}

TEST_F(AnthropicChatTest, ABadKeyNeverShowsTheKey) {
  server.post("/v1/messages", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key )" +
                        req.get_header_value("x-api-key") + R"("}})",
                    "application/json");
  });
  server.start();
  auto r = model()->generate(question());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kPermission);
  EXPECT_EQ(r.error().to_string().find(kKey), std::string::npos) << r.error().to_string();
  EXPECT_NE(r.error().hint.find("ANTHROPIC_API_KEY"), std::string::npos);
}

TEST_F(AnthropicChatTest, GenerateObjectForcesAToolAndRepairsOnce) {
  std::atomic<int> calls{0};
  server.post("/v1/messages", [&](const httplib::Request&, httplib::Response& res) {
    Json input = ++calls == 1 ? Json::object() : Json{{"label", "BUSINESS"}};
    Json reply{{"id", "msg_x"},
               {"type", "message"},
               {"role", "assistant"},
               {"model", "claude-test"},
               {"content", Json::array({{{"type", "tool_use"},
                                         {"id", "toolu_" + std::to_string(calls.load())},
                                         {"name", "classification"},
                                         {"input", input}}})},
               {"stop_reason", "tool_use"},
               {"usage", {{"input_tokens", 20}, {"output_tokens", 5}}}};
    res.set_content(reply.dump(), "application/json");
  });
  server.start();
  auto m = model();
  ObjectRequest req;
  req.prompt = "Classify: invoice attached";
  req.name = "classification";
  req.schema = Json::parse(R"({"type":"object","properties":{"label":{"type":"string"}},"required":["label"]})");
  auto r = generate_object(*m, req);
  ASSERT_OK(r);
  EXPECT_EQ(r->value["label"], "BUSINESS");
  EXPECT_EQ(r->mode_used, StructuredMode::kTool);
  Json first = Json::parse(server.requests().at(0).body);
  EXPECT_EQ(first["tool_choice"], Json::parse(R"({"type":"tool","name":"classification"})"));
  Json second = Json::parse(server.requests().at(1).body);
  const Json& last = second["messages"].back();
  EXPECT_EQ(last["role"], "user");
  EXPECT_EQ(last["content"][0]["type"], "tool_result");
  EXPECT_EQ(last["content"][0]["tool_use_id"], "toolu_1");
  EXPECT_EQ(last["content"][0]["is_error"], true);
}

}  // namespace
}  // namespace mailsift::llm
