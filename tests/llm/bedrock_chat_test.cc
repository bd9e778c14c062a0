// The Bedrock adapter against a local server speaking Converse / ConverseStream: SigV4 checked
// on the server side, event-stream frames split across reads, exceptions mid-stream, HTTP errors.
#include "llm/bedrock_chat.h"

#include <gtest/gtest.h>

#include "aws/event_stream.h"
#include "aws/sigv4.h"
#include "core/strings.h"
#include "core/time.h"
#include "llm/structured.h"
#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::FakeHttpServer;
using mailsift::testing::RecordedRequest;
using namespace std::chrono_literals;

const aws::Credentials kCreds{"AKIDTESTEXAMPLE", "wJalrXUtnFEMI/SECRETKEY/bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzTOKEN",
                              "test"};
const std::string kModel = "anthropic.claude-3-haiku-20240307-v1:0";

std::string frame(const std::string& type, const Json& payload) {
  return aws::encode_event_message(
      {aws::EventHeader::string(":event-type", type), aws::EventHeader::string(":content-type", "application/json"),
       aws::EventHeader::string(":message-type", "event")},
      payload.dump());
}

std::string exception_frame(const std::string& type, const std::string& message) {
  return aws::encode_event_message(
      {aws::EventHeader::string(":exception-type", type), aws::EventHeader::string(":content-type", "application/json"),
       aws::EventHeader::string(":message-type", "exception")},
      Json{{"message", message}}.dump());
}

// Recomputes the SigV4 signature of what the server received, as AWS does.
::testing::AssertionResult signature_valid(const RecordedRequest& req) {
  std::string auth = req.header("Authorization");
  auto signed_at = auth.find("SignedHeaders=");
  auto sig_at = auth.find("Signature=");
  if (signed_at == std::string::npos || sig_at == std::string::npos)
    return ::testing::AssertionFailure() << "no SigV4 header";
  std::string names = auth.substr(signed_at + 14, auth.find(',', signed_at) - signed_at - 14);
  aws::SignableRequest s;
  s.method = req.method;
  s.path = req.target.substr(0, req.target.find('?'));
  s.body = req.body;
  for (const auto& name : split(names, ';')) s.headers.emplace_back(name, req.header(name));
  std::erase_if(s.headers, [](const auto& h) {
    return iequals(h.first, "x-amz-date") || iequals(h.first, "x-amz-security-token");
  });
  std::string date = req.header("X-Amz-Date");
  aws::SigningParams p;
  p.credentials = kCreds;
  p.region = "us-east-1";
  p.service = "bedrock";
  p.time = unix_from_civil(std::stoi(date.substr(0, 4)), std::stoul(date.substr(4, 2)), std::stoul(date.substr(6, 2))) +
           std::stoi(date.substr(9, 2)) * 3600 + std::stoi(date.substr(11, 2)) * 60 + std::stoi(date.substr(13, 2));
  auto sig = aws::sign_with_headers(s, p);
  if (!sig) return ::testing::AssertionFailure() << sig.error().message;
  std::string want = auth.substr(sig_at + 10);
  if (sig->signature != want) return ::testing::AssertionFailure() << "signature mismatch\n" << sig->canonical_request;
  return ::testing::AssertionSuccess();
}

class BedrockChatTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChatModel> model(bool native = false) {
    BedrockOptions o;
    o.region = "us-east-1";
    o.model_id = kModel;
    o.endpoint = server.url();
    o.credentials = aws::static_credentials(kCreds);
    o.native_structured_output = native;
    o.http.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    return make_bedrock_chat_model(std::move(o));
  }

  static ChatRequest question() {
    ChatRequest r;
    r.messages = {Message::system("Be brief."), Message::user("Weather in Zürich?")};
    r.tools = {ToolSpec{"get_weather", "Current weather",
                        Json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})")}};
    return r;
  }

  FakeHttpServer server;
  std::vector<std::chrono::milliseconds> sleeps;
};

TEST_F(BedrockChatTest, ConverseIsSignedWithTheModelIdEncodedInThePath) {
  server.post(R"(/model/([^/]+)/converse)", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"output":{"message":{"role":"assistant","content":[{"text":"Checking."},
      {"toolUse":{"toolUseId":"tooluse_abc","name":"get_weather","input":{"city":"Zürich"}}}]}},
      "stopReason":"tool_use","usage":{"inputTokens":30,"outputTokens":12,"totalTokens":42},"metrics":{"latencyMs":250}})",
                    "application/json");
  });
  server.start();
  ChatRequest req = question();
  req.messages.push_back(
      Message::assistant_parts({Part::of_tool_call(ToolCall::from_text("tu0", "get_weather", R"({"city":"Bern"})"))}));
  req.messages.push_back(Message::tool_results({ToolResult{"tu0", "get_weather", "no data", true}}));
  req.tool_choice = {ToolChoiceMode::kTool, "get_weather"};
  auto r = model()->generate(req);
  ASSERT_OK(r);
  EXPECT_EQ(r->text(), "Checking.");
  ASSERT_EQ(r->tool_calls().size(), 1u);
  EXPECT_EQ(r->tool_calls()[0].id, "tooluse_abc");
  EXPECT_EQ(r->tool_calls()[0].input["city"], "Zürich");
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
  EXPECT_EQ(r->usage.total_tokens, 42);

  auto sent = server.requests().at(0);
  EXPECT_EQ(sent.target, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
  EXPECT_EQ(sent.path, "/model/" + kModel + "/converse");
  EXPECT_EQ(sent.header("X-Amz-Security-Token"), kCreds.session_token);
  EXPECT_TRUE(signature_valid(sent));
  EXPECT_EQ(sent.body.find(kCreds.secret_access_key), std::string::npos);
  Json body = Json::parse(sent.body);
  EXPECT_EQ(body["system"], Json::parse(R"([{"text":"Be brief."}])"));
  EXPECT_EQ(body["inferenceConfig"]["maxTokens"], 1024);
  EXPECT_EQ(body["toolConfig"]["tools"][0]["toolSpec"]["inputSchema"]["json"]["type"], "object");
  EXPECT_EQ(body["toolConfig"]["toolChoice"], Json::parse(R"({"tool":{"name":"get_weather"}})"));
  const Json& msgs = body["messages"];
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[1]["content"][0]["toolUse"]["toolUseId"], "tu0");
  EXPECT_EQ(msgs[2]["role"], "user");
  EXPECT_EQ(msgs[2]["content"][0]["toolResult"],
            Json::parse(R"({"toolUseId":"tu0","content":[{"text":"no data"}],"status":"error"})"));
}

TEST_F(BedrockChatTest, NativeStructuredOutputSendsOutputConfig) {
  server.post(R"(/model/([^/]+)/converse)", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        R"({"output":{"message":{"role":"assistant","content":[{"text":"{\"a\":1}"}]}},"stopReason":"end_turn",
      "usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}})",
        "application/json");
  });
  server.start();
  ChatRequest req;
  req.messages = {Message::user("give me a")};
  req.response_format = ResponseFormat{"thing", "a thing", Json::parse(R"({"type":"object"})")};
  ASSERT_OK(model(true)->generate(req));
  Json body = Json::parse(server.requests().at(0).body);
  const Json& format = body["outputConfig"]["textFormat"];
  EXPECT_EQ(format["type"], "json_schema");
  EXPECT_EQ(format["structure"]["jsonSchema"]["schema"], R"({"type":"object"})");  // a JSON string
  EXPECT_EQ(format["structure"]["jsonSchema"]["name"], "thing");
  EXPECT_FALSE(body.contains("toolConfig"));
}

std::string converse_stream() {
  return frame("messageStart", Json::parse(R"({"p":"abcdefgh","role":"assistant"})")) +
         frame("contentBlockDelta",
               Json::parse(R"({"contentBlockIndex":0,"delta":{"text":"Z\u00fcrich: "},"p":"abc"})")) +
         frame("contentBlockDelta",
               Json::parse(R"({"contentBlockIndex":0,"delta":{"text":"checking \u2026"},"p":"abcdefghijk"})")) +
         frame("contentBlockStop", Json::parse(R"({"contentBlockIndex":0,"p":"ab"})")) +
         frame(
             "contentBlockStart",
             Json::parse(
                 R"({"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather"}},"p":"a"})")) +
         frame(
             "contentBlockDelta",
             Json::parse(R"({"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"city\":\"Z\u00fc"}},"p":"abcd"})")) +
         frame("contentBlockDelta",
               Json::parse(R"({"contentBlockIndex":1,"delta":{"toolUse":{"input":"rich\"}"}},"p":"abcd"})")) +
         frame("contentBlockStop", Json::parse(R"({"contentBlockIndex":1,"p":"abc"})")) +
         frame("messageStop", Json::parse(R"({"p":"abcdef","stopReason":"tool_use"})")) +
         frame(
             "metadata",
             Json::parse(
                 R"({"metrics":{"latencyMs":300},"p":"ab","usage":{"inputTokens":40,"outputTokens":20,"totalTokens":60}})"));
}

TEST_F(BedrockChatTest, ConverseStreamDecodesFramesSplitAcrossReads) {
  std::string body = converse_stream();
  std::vector<size_t> cuts = {3, 9, 14, 40};  // inside the first prelude, its CRC, its headers
  size_t ue = body.find("\xC3\xBC");
  cuts.push_back(ue + 1);  // inside a UTF-8 character of the payload
  cuts.push_back(body.find("contentBlockStart") + 5);
  cuts.push_back(body.size() - 2);  // inside the last message CRC
  for (size_t i = 100; i < body.size(); i += 97) cuts.push_back(i);
  server.post(R"(/model/([^/]+)/converse-stream)", [&](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "application/vnd.amazon.eventstream", FakeHttpServer::split_at(body, cuts), 2ms);
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
  EXPECT_EQ(text, "Zürich: checking …");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].id, "tooluse_1");
  EXPECT_EQ(calls[0].input, Json::parse(R"({"city":"Zürich"})"));
  EXPECT_EQ(r->finish, FinishReason::kToolCalls);
  EXPECT_EQ(r->usage.total_tokens, 60);
  auto sent = server.requests().at(0);
  EXPECT_EQ(sent.target, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
  EXPECT_TRUE(signature_valid(sent));
}

TEST_F(BedrockChatTest, AnExceptionFrameMidStreamIsAnError) {
  std::string body = frame("messageStart", Json::parse(R"({"role":"assistant"})")) +
                     frame("contentBlockDelta", Json::parse(R"({"contentBlockIndex":0,"delta":{"text":"Hel"}})")) +
                     exception_frame("throttlingException", "Too many tokens, please wait before trying again.");
  server.post(R"(/model/([^/]+)/converse-stream)", [body](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "application/vnd.amazon.eventstream", FakeHttpServer::split_every(body, 50));
  });
  server.start();
  std::string text;
  auto r = model()->stream(question(), [&](const StreamEvent& e) {
    text += e.text;
    return true;
  });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().message.find("throttlingException: Too many tokens"), std::string::npos) << r.error().message;
  EXPECT_EQ(text, "Hel");
  EXPECT_EQ(server.request_count(), 1u);
}

TEST_F(BedrockChatTest, ACorruptFrameIsAParseError) {
  std::string body = frame("messageStart", Json::parse(R"({"role":"assistant"})"));
  body[body.size() - 10] ^= 0x20;  // flip a payload bit: the message CRC no longer matches
  server.post(R"(/model/([^/]+)/converse-stream)", [body](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "application/vnd.amazon.eventstream", {body});
  });
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kParse);
  EXPECT_NE(r.error().message.find("message checksum mismatch"), std::string::npos);
}

TEST_F(BedrockChatTest, AStreamCutInsideAFrameIsAnError) {
  std::string body = converse_stream();
  body.resize(body.size() - 7);
  server.post(R"(/model/([^/]+)/converse-stream)", [body](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "application/vnd.amazon.eventstream", {body});
  });
  server.start();
  auto r = model()->stream(question(), [](const StreamEvent&) { return true; });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
}

TEST_F(BedrockChatTest, ThrottlingIsRetriedThenReportedWithItsType) {
  server.post(R"(/model/([^/]+)/converse)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
    res.set_content(R"({"message":"Too many requests, please wait before trying again."})", "application/json");
  });
  server.start();
  auto r = model()->generate(question());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
  EXPECT_NE(r.error().message.find("ThrottlingException: Too many requests"), std::string::npos) << r.error().message;
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(sleeps.size(), 2u);
}

TEST_F(BedrockChatTest, AccessDeniedIsAPermissionErrorWithoutSecrets) {
  server.post(R"(/model/([^/]+)/converse)", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 403;
    res.set_header("x-amzn-ErrorType",
                   "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/");
    res.set_content(R"({"message":"denied for )" + req.get_header_value("Authorization") + " " +
                        req.get_header_value("X-Amz-Security-Token") + R"("})",
                    "application/json");
  });
  server.start();
  auto r = model()->generate(question());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kPermission);
  std::string all = r.error().to_string();
  EXPECT_EQ(all.find(kCreds.session_token), std::string::npos) << all;
  EXPECT_EQ(all.find("Signature="), std::string::npos) << all;
  EXPECT_EQ(all.find(kCreds.secret_access_key), std::string::npos);
}

TEST_F(BedrockChatTest, GenerateObjectForcesAToolAndRepairsOnce) {
  std::atomic<int> calls{0};
  server.post(R"(/model/([^/]+)/converse)", [&](const httplib::Request&, httplib::Response& res) {
    Json input = ++calls == 1 ? Json{{"label", 7}} : Json{{"label", "OPERATIONAL"}};
    Json reply{{"output",
                {{"message",
                  {{"role", "assistant"},
                   {"content", Json::array({{{"toolUse",
                                              {{"toolUseId", "tu" + std::to_string(calls.load())},
                                               {"name", "classification"},
                                               {"input", input}}}}})}}}}},
               {"stopReason", "tool_use"},
               {"usage", {{"inputTokens", 9}, {"outputTokens", 3}, {"totalTokens", 12}}}};
    res.set_content(reply.dump(), "application/json");
  });
  server.start();
  auto m = model();
  ObjectRequest req;
  req.prompt = "Classify: server down";
  req.name = "classification";
  req.schema = Json::parse(R"({"type":"object","properties":{"label":{"type":"string"}},"required":["label"]})");
  auto r = generate_object(*m, req);
  ASSERT_OK(r);
  EXPECT_EQ(r->value["label"], "OPERATIONAL");
  EXPECT_EQ(r->usage.total_tokens, 24);
  Json second = Json::parse(server.requests().at(1).body);
  EXPECT_EQ(second["toolConfig"]["toolChoice"], Json::parse(R"({"tool":{"name":"classification"}})"));
  const Json& last = second["messages"].back();
  EXPECT_EQ(last["content"][0]["toolResult"]["toolUseId"], "tu1");
  EXPECT_EQ(last["content"][0]["toolResult"]["status"], "error");
  for (const auto& sent : server.requests()) EXPECT_TRUE(signature_valid(sent));
}

TEST(BedrockExceptionTest, MapsExceptionTypesToCodes) {
  EXPECT_EQ(bedrock_exception_error("validationException", "bad").code, Code::kInvalidArgument);
  EXPECT_EQ(bedrock_exception_error("modelStreamErrorException", "x").code, Code::kUnavailable);
  EXPECT_EQ(bedrock_exception_error("internalServerException", "x").code, Code::kUnavailable);
  EXPECT_EQ(bedrock_exception_error("serviceUnavailableException", "x").code, Code::kUnavailable);
  EXPECT_EQ(bedrock_exception_error("AccessDeniedException", "x").code, Code::kPermission);
}

}  // namespace
}  // namespace mailsift::llm
