// A multi-step conversation over the wire: the question leads the model (a local server
// speaking OpenAI-compatible streaming) to call searchEmails, then getEmail, then stream an
// answer citing the email id. This is the shape `mailsift chat` runs on top of the llm layer.
#include <gtest/gtest.h>

#include "llm/openai_chat.h"
#include "llm/tool_loop.h"
#include "llm/untrusted.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::FakeHttpServer;

std::string sse(const Json& j) {
  return "data: " + j.dump() + "\n\n";
}
Json chunk(Json delta, Json finish = nullptr) {
  return {{"id", "c"},
          {"object", "chat.completion.chunk"},
          {"model", "local"},
          {"choices", Json::array({{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finish}}})}};
}
std::vector<std::string> tool_call_reply(const std::string& id, const std::string& name, const std::string& args) {
  std::string body = sse(chunk({{"tool_calls", Json::array({{{"index", 0},
                                                             {"id", id},
                                                             {"type", "function"},
                                                             {"function", {{"name", name}, {"arguments", ""}}}}})}})) +
                     sse(chunk({{"tool_calls", Json::array({{{"index", 0}, {"function", {{"arguments", args}}}}})}})) +
                     sse(chunk(Json::object(), "tool_calls")) + "data: [DONE]\n\n";
  return FakeHttpServer::split_every(body, 37);
}

TEST(ChatFlowTest, SearchThenReadThenAnswerCitingTheEmail) {
  FakeHttpServer server;
  server.post("/v1/chat/completions", [](const httplib::Request& req, httplib::Response& res) {
    Json body = Json::parse(req.body);
    int tool_messages = 0;
    for (const auto& m : body["messages"]) tool_messages += m["role"] == "tool";
    if (tool_messages == 0) {
      FakeHttpServer::send_chunks(res, "text/event-stream",
                                  tool_call_reply("call_s", "searchEmails", R"({"query":"Acme invoice"})"));
    } else if (tool_messages == 1) {
      FakeHttpServer::send_chunks(res, "text/event-stream", tool_call_reply("call_g", "getEmail", R"({"id":42})"));
    } else {
      std::string text = sse(chunk({{"content", "Acme's invoice INV-7 is due on "}})) +
                         sse(chunk({{"content", "31 March [email:42]."}})) + sse(chunk(Json::object(), "stop")) +
                         "data: [DONE]\n\n";
      FakeHttpServer::send_chunks(res, "text/event-stream", FakeHttpServer::split_every(text, 23));
    }
  });
  server.start();

  OpenAiOptions o;
  o.provider = "ollama";
  o.base_url = server.url("/v1");
  o.model = "local";
  auto model = make_openai_chat_model(o);

  Tool search{
      "searchEmails", "Search stored emails.",
      Json::parse(R"({"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer","minimum":1}},
                              "required":["query"],"additionalProperties":false})"),
      [](const Json& input, const ToolContext&) -> Result<Json> {
        EXPECT_EQ(input["query"], "Acme invoice");
        return Json{{"hits", {{{"id", 42}, {"subject", "Invoice INV-7"}, {"snippet", "Please find attached"}}}}};
      },
      true};
  Tool get_email{"getEmail", "Read one email.",
                 Json::parse(R"({"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]})"),
                 [](const Json& input, const ToolContext&) -> Result<Json> {
                   EXPECT_EQ(input["id"], 42);
                   return Json("Subject: Invoice INV-7\n\nDear customer, invoice INV-7 is due on 31 March.");
                 },
                 true};
  TextRequest req;
  req.messages = {Message::system("Answer from the user's email. Cite emails as [email:ID].\n\n" +
                                  std::string(kUntrustedDataPolicy)),
                  Message::user("When is the Acme invoice due?")};
  req.tools = {search, get_email};

  std::vector<std::string> types;
  std::string answer;
  auto r = stream_text(*model, req, [&](const StreamEvent& e) {
    types.emplace_back(event_type_name(e.type));
    if (e.type == EventType::kTextDelta) answer += e.text;
    return true;
  });
  ASSERT_OK(r);
  EXPECT_EQ(answer, "Acme's invoice INV-7 is due on 31 March [email:42].");
  EXPECT_EQ(r->text, answer);
  EXPECT_EQ(r->steps.size(), 3u);
  std::vector<std::string> want = {"start",      "tool-call",   "tool-result", "step-finish",
                                   "tool-call",  "tool-result", "step-finish", "text-delta",
                                   "text-delta", "step-finish", "finish"};
  EXPECT_EQ(types, want);

  // The last request carried both tool results, the email text delimited as data.
  auto sent = server.requests();
  ASSERT_EQ(sent.size(), 3u);
  Json last = Json::parse(sent[2].body);
  const Json& msgs = last["messages"];
  std::string email_result = msgs[msgs.size() - 1]["content"];
  EXPECT_TRUE(email_result.starts_with("<untrusted-data source=\"tool getEmail\"")) << email_result;
  EXPECT_NE(email_result.find("due on 31 March"), std::string::npos);
  EXPECT_EQ(msgs[msgs.size() - 1]["tool_call_id"], "call_g");
  EXPECT_EQ(msgs[msgs.size() - 2]["tool_calls"][0]["function"]["name"], "getEmail");
}

}  // namespace
}  // namespace mailsift::llm
