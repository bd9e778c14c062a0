#include "chat/fake_providers.h"

#include <gtest/gtest.h>

#include "aws/credentials.h"
#include "aws/event_stream.h"
#include "llm/anthropic_chat.h"
#include "llm/bedrock_chat.h"
#include "llm/openai_chat.h"

namespace mailsift::testing {

namespace {

using nlohmann::json;

const aws::Credentials kCreds{"AKIDCHATTEST", "chat/SECRET/KEY/0123456789abcdef", "", "test"};

// The first character boundary at or after `at` (a JSON string carries whole characters; the
// transport's chunks are what cut inside them).
size_t boundary(const std::string& text, size_t at) {
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// The answer's text in three deltas.
std::vector<std::string> deltas_of(const std::string& text) {
  size_t a = boundary(text, text.size() / 3), b = boundary(text, 2 * text.size() / 3);
  return {text.substr(0, a), text.substr(a, b - a), text.substr(b)};
}

// Tool-call arguments in two fragments.
std::vector<std::string> halves_of(const std::string& text) {
  size_t half = boundary(text, text.size() / 2);
  return {text.substr(0, half), text.substr(half)};
}

std::string call_id(size_t turn) { return "call_" + std::to_string(turn); }

// ---- OpenAI-compatible Chat Completions, stream=true ----

std::string openai_data(const json& delta, const json& finish) {
  json chunk = {{"id", "chatcmpl-1"},
                {"object", "chat.completion.chunk"},
                {"created", 1700000000},
                {"model", "chat-test"},
                {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
  return "data: " + chunk.dump() + "\n\n";
}

std::string openai_reply(const Turn& t, size_t turn) {
  std::string body = openai_data({{"role", "assistant"}, {"content", ""}}, nullptr);
  if (!t.tool.empty()) {
    body += openai_data({{"tool_calls", json::array({{{"index", 0},
                                                       {"id", call_id(turn)},
                                                       {"type", "function"},
                                                       {"function", {{"name", t.tool}, {"arguments", ""}}}}})}},
                        nullptr);
    for (const auto& piece : halves_of(t.arguments)) {
      body += openai_data({{"tool_calls", json::array({{{"index", 0}, {"function", {{"arguments", piece}}}}})}},
                          nullptr);
    }
    body += openai_data(json::object(), "tool_calls");
  } else {
    for (const auto& d : deltas_of(t.text)) body += openai_data({{"content", d}}, nullptr);
    body += openai_data(json::object(), "stop");
  }
  json usage = {{"id", "chatcmpl-1"},
                {"object", "chat.completion.chunk"},
                {"model", "chat-test"},
                {"choices", json::array()},
                {"usage", {{"prompt_tokens", 100}, {"completion_tokens", 20}, {"total_tokens", 120}}}};
  body += "data: " + usage.dump() + "\n\n";
  return body + "data: [DONE]\n\n";
}

// ---- Anthropic Messages, stream=true ----

std::string anthropic_event(const std::string& name, const json& data) {
  return "event: " + name + "\ndata: " + data.dump() + "\n\n";
}

std::string anthropic_reply(const Turn& t, size_t turn) {
  std::string body = anthropic_event(
      "message_start", {{"type", "message_start"},
                        {"message",
                         {{"id", "msg_" + std::to_string(turn)},
                          {"type", "message"},
                          {"role", "assistant"},
                          {"content", json::array()},
                          {"model", "claude-test"},
                          {"stop_reason", nullptr},
                          {"stop_sequence", nullptr},
                          {"usage", {{"input_tokens", 100}, {"output_tokens", 1}}}}}});
  body += anthropic_event("ping", {{"type", "ping"}});
  std::string stop;
  if (!t.tool.empty()) {
    body += anthropic_event("content_block_start",
                            {{"type", "content_block_start"},
                             {"index", 0},
                             {"content_block",
                              {{"type", "tool_use"}, {"id", "toolu_" + std::to_string(turn)}, {"name", t.tool},
                               {"input", json::object()}}}});
    for (const auto& piece : halves_of(t.arguments)) {
      body += anthropic_event("content_block_delta",
                              {{"type", "content_block_delta"},
                               {"index", 0},
                               {"delta", {{"type", "input_json_delta"}, {"partial_json", piece}}}});
    }
    body += anthropic_event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}});
    stop = "tool_use";
  } else {
    body += anthropic_event("content_block_start", {{"type", "content_block_start"},
                                                    {"index", 0},
                                                    {"content_block", {{"type", "text"}, {"text", ""}}}});
    for (const auto& d : deltas_of(t.text)) {
      body += anthropic_event("content_block_delta", {{"type", "content_block_delta"},
                                                      {"index", 0},
                                                      {"delta", {{"type", "text_delta"}, {"text", d}}}});
    }
    body += anthropic_event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}});
    stop = "end_turn";
  }
  body += anthropic_event("message_delta", {{"type", "message_delta"},
                                            {"delta", {{"stop_reason", stop}, {"stop_sequence", nullptr}}},
                                            {"usage", {{"output_tokens", 20}}}});
  return body + anthropic_event("message_stop", {{"type", "message_stop"}});
}

// ---- Bedrock ConverseStream, application/vnd.amazon.eventstream ----

std::string bedrock_frame(const std::string& type, const json& payload) {
  return aws::encode_event_message(
      {aws::EventHeader::string(":event-type", type), aws::EventHeader::string(":content-type", "application/json"),
       aws::EventHeader::string(":message-type", "event")},
      payload.dump());
}

std::string bedrock_reply(const Turn& t, size_t turn) {
  std::string body = bedrock_frame("messageStart", {{"role", "assistant"}, {"p", "abcd"}});
  std::string stop;
  if (!t.tool.empty()) {
    body += bedrock_frame("contentBlockStart",
                          {{"contentBlockIndex", 0},
                           {"start", {{"toolUse", {{"toolUseId", "tooluse_" + std::to_string(turn)}, {"name", t.tool}}}}},
                           {"p", "ab"}});
    for (const auto& piece : halves_of(t.arguments)) {
      body += bedrock_frame("contentBlockDelta",
                            {{"contentBlockIndex", 0}, {"delta", {{"toolUse", {{"input", piece}}}}}, {"p", "abc"}});
    }
    stop = "tool_use";
  } else {
    for (const auto& d : deltas_of(t.text)) {
      body += bedrock_frame("contentBlockDelta", {{"contentBlockIndex", 0}, {"delta", {{"text", d}}}, {"p", "a"}});
    }
    stop = "end_turn";
  }
  body += bedrock_frame("contentBlockStop", {{"contentBlockIndex", 0}, {"p", "abcdef"}});
  body += bedrock_frame("messageStop", {{"stopReason", stop}, {"p", "ab"}});
  return body + bedrock_frame("metadata", {{"usage", {{"inputTokens", 100}, {"outputTokens", 20}, {"totalTokens", 120}}},
                                           {"metrics", {{"latencyMs", 50}}},
                                           {"p", "abc"}});
}

size_t tool_results_in(Wire wire, const json& body) { return sent_tool_results(wire, body).size(); }

}  // namespace

std::string wire_name(Wire wire) {
  switch (wire) {
    case Wire::kOpenAi:
      return "OpenAiCompatible";
    case Wire::kAnthropic:
      return "Anthropic";
    case Wire::kBedrock:
      return "Bedrock";
  }
  return "?";
}

ScriptedProvider::ScriptedProvider(Wire wire, std::vector<Turn> turns) : wire_(wire), turns_(std::move(turns)) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      res.status = 400;
      res.set_content(R"({"error":{"message":"malformed JSON"}})", "application/json");
      return;
    }
    size_t turn = tool_results_in(wire_, body);
    if (turn >= turns_.size()) {
      ADD_FAILURE() << "the chat asked for turn " << turn << " of a script of " << turns_.size();
      res.status = 500;
      res.set_content(R"({"error":{"message":"script exhausted"}})", "application/json");
      return;
    }
    FakeHttpServer::send_chunks(res, content_type(), chunks(reply_body(turn)), gap_);
  };
  switch (wire_) {
    case Wire::kOpenAi:
      server_.post("/v1/chat/completions", handler);
      break;
    case Wire::kAnthropic:
      server_.post("/v1/messages", handler);
      break;
    case Wire::kBedrock:
      server_.post(R"(/model/([^/]+)/converse-stream)", handler);
      break;
  }
  server_.start();
}

ScriptedProvider::~ScriptedProvider() { server_.stop(); }

std::string ScriptedProvider::reply_body(size_t turn) const {
  switch (wire_) {
    case Wire::kOpenAi:
      return openai_reply(turns_[turn], turn);
    case Wire::kAnthropic:
      return anthropic_reply(turns_[turn], turn);
    case Wire::kBedrock:
      return bedrock_reply(turns_[turn], turn);
  }
  return {};
}

std::string ScriptedProvider::content_type() const {
  return wire_ == Wire::kBedrock ? "application/vnd.amazon.eventstream" : "text/event-stream";
}

std::vector<std::string> ScriptedProvider::chunks(const std::string& body) const {
  // Odd sizes, so that cuts fall inside SSE lines, JSON strings and event-stream preludes.
  return FakeHttpServer::split_every(body, wire_ == Wire::kBedrock ? 53 : 41);
}

std::unique_ptr<llm::ChatModel> ScriptedProvider::model() {
  switch (wire_) {
    case Wire::kOpenAi: {
      llm::OpenAiOptions o;
      o.provider = "vllm";
      o.base_url = server_.url("/v1");
      o.model = "chat-test";
      return llm::make_openai_chat_model(std::move(o));
    }
    case Wire::kAnthropic: {
      llm::AnthropicOptions o;
      o.base_url = server_.url();
      o.model = "claude-test";
      o.api_key = "sk-ant-chat-test";
      return llm::make_anthropic_chat_model(std::move(o));
    }
    case Wire::kBedrock: {
      llm::BedrockOptions o;
      o.region = "eu-west-2";
      o.model_id = "anthropic.claude-3-haiku-20240307-v1:0";
      o.endpoint = server_.url();
      o.credentials = aws::static_credentials(kCreds);
      return llm::make_bedrock_chat_model(std::move(o));
    }
  }
  return nullptr;
}

std::vector<nlohmann::json> ScriptedProvider::requests() const {
  std::vector<json> out;
  for (const auto& r : server_.requests()) out.push_back(json::parse(r.body, nullptr, false));
  return out;
}

std::string sent_system_prompt(Wire wire, const nlohmann::json& body) {
  switch (wire) {
    case Wire::kOpenAi:
      for (const auto& m : body.value("messages", json::array())) {
        if (m.value("role", "") == "system" && m["content"].is_string()) return m["content"];
      }
      return "";
    case Wire::kAnthropic:
      if (body.contains("system") && body["system"].is_string()) return body["system"];
      if (body.contains("system") && body["system"].is_array()) {
        std::string out;
        for (const auto& b : body["system"]) out += b.value("text", "");
        return out;
      }
      return "";
    case Wire::kBedrock: {
      std::string out;
      for (const auto& b : body.value("system", json::array())) out += b.value("text", "");
      return out;
    }
  }
  return "";
}

std::vector<std::string> sent_tool_names(Wire wire, const nlohmann::json& body) {
  std::vector<std::string> out;
  switch (wire) {
    case Wire::kOpenAi:
      for (const auto& t : body.value("tools", json::array())) out.push_back(t["function"]["name"]);
      break;
    case Wire::kAnthropic:
      for (const auto& t : body.value("tools", json::array())) out.push_back(t["name"]);
      break;
    case Wire::kBedrock:
      if (body.contains("toolConfig")) {
        for (const auto& t : body["toolConfig"].value("tools", json::array())) out.push_back(t["toolSpec"]["name"]);
      }
      break;
  }
  return out;
}

std::vector<SentResult> sent_tool_results(Wire wire, const nlohmann::json& body) {
  std::vector<SentResult> out;
  for (const auto& m : body.value("messages", json::array())) {
    if (wire == Wire::kOpenAi) {
      if (m.value("role", "") != "tool") continue;
      std::string content = m["content"].is_string() ? m["content"].get<std::string>() : m["content"].dump();
      // Chat Completions has no error flag: the adapter marks an error result in its text.
      out.push_back({m.value("tool_call_id", ""), content, content.starts_with("[error]")});
      continue;
    }
    if (!m.contains("content") || !m["content"].is_array()) continue;
    for (const auto& block : m["content"]) {
      if (wire == Wire::kAnthropic && block.value("type", "") == "tool_result") {
        std::string content;
        if (block["content"].is_string()) {
          content = block["content"];
        } else {
          for (const auto& c : block["content"]) content += c.value("text", "");
        }
        out.push_back({block.value("tool_use_id", ""), content, block.value("is_error", false)});
      } else if (wire == Wire::kBedrock && block.contains("toolResult")) {
        const json& r = block["toolResult"];
        std::string content;
        for (const auto& c : r.value("content", json::array())) content += c.value("text", "");
        out.push_back({r.value("toolUseId", ""), content, r.value("status", "") == "error"});
      }
    }
  }
  return out;
}

}  // namespace mailsift::testing
