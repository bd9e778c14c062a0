#include "llm/anthropic_chat.h"

#include <map>

#include "llm/provider_util.h"
#include "net/sse.h"
#include "net/url.h"

namespace mailsift::llm {

namespace {

FinishReason map_finish(std::string_view reason) {
  if (reason == "max_tokens" || reason == "model_context_window_exceeded") return FinishReason::kLength;
  if (reason == "tool_use") return FinishReason::kToolCalls;
  if (reason == "refusal") return FinishReason::kContentFilter;
  return FinishReason::kStop;  // end_turn, stop_sequence, pause_turn
}

void add_usage(Usage& usage, const Json& u) {
  int64_t in = int_member(u, "input_tokens", -1);
  if (in >= 0) {
    usage.input_tokens = in + int_member(u, "cache_read_input_tokens") + int_member(u, "cache_creation_input_tokens");
  }
  int64_t out = int_member(u, "output_tokens", -1);
  if (out >= 0) usage.output_tokens = out;  // cumulative in message_delta
  usage.total_tokens = usage.input_tokens + usage.output_tokens;
}

Error stream_error(const Json& error) {
  std::string type = string_member(error, "type");
  std::string message = detail::short_text(string_member(error, "message"));
  Code code = Code::kUnavailable;
  if (type == "invalid_request_error" || type == "not_found_error") code = Code::kInvalidArgument;
  if (type == "authentication_error" || type == "permission_error") code = Code::kPermission;
  if (type == "request_too_large") code = Code::kTooLarge;
  std::string hint = type == "overloaded_error" ? "Anthropic is overloaded; try again shortly" : "";
  return Error{code, "Anthropic stream error " + type + ": " + message, hint};
}

Json content_json(const Part& p) {
  switch (p.kind) {
    case PartKind::kText:
      return {{"type", "text"}, {"text", p.text}};
    case PartKind::kToolCall:
      return {{"type", "tool_use"}, {"id", p.tool_call.id}, {"name", p.tool_call.name}, {"input", p.tool_call.input}};
    case PartKind::kToolResult: {
      Json r{{"type", "tool_result"}, {"tool_use_id", p.tool_result.id}, {"content", p.tool_result.output}};
      if (p.tool_result.is_error) r["is_error"] = true;
      return r;
    }
  }
  return {};
}

// Anthropic wants alternating user/assistant turns with non-empty content: tool results travel
// in user turns, neighbours of one role merge, empty text blocks are dropped.
Json messages_json(const std::vector<Message>& messages) {
  Json out = Json::array();
  for (const auto& m : messages) {
    if (m.role == Role::kSystem) continue;
    std::string role = m.role == Role::kAssistant ? "assistant" : "user";
    Json blocks = Json::array();
    for (const auto& p : m.parts) {
      if (p.kind == PartKind::kText && p.text.empty()) continue;
      blocks.push_back(content_json(p));
    }
    if (blocks.empty()) continue;
    if (!out.empty() && out.back()["role"] == role) {
      // Tool results must come first in a user turn.
      for (auto& b : blocks) out.back()["content"].push_back(std::move(b));
    } else {
      out.push_back({{"role", role}, {"content", std::move(blocks)}});
    }
  }
  return out;
}

class StreamAssembler {
 public:
  Result<bool> on_event(const net::SseEvent& event, const EventSink& sink) {
    if (event.type == "ping") return true;
    Json data = MAILSIFT_TRY(parse_json(event.data, "an Anthropic stream event"));
    std::string type = string_member(data, "type");
    if (type.empty()) type = event.type;
    if (type == "error") {
      const Json* e = member(data, "error");
      return fail(stream_error(e ? *e : data));
    }
    if (type == "message_start") {
      if (const Json* m = member(data, "message")) {
        response_.model = string_member(*m, "model");
        if (const Json* u = member(*m, "usage")) add_usage(response_.usage, *u);
      }
    } else if (type == "content_block_start") {
      int index = static_cast<int>(int_member(data, "index"));
      Block& b = blocks_[index];
      if (const Json* cb = member(data, "content_block")) {
        b.type = string_member(*cb, "type");
        b.id = string_member(*cb, "id");
        b.name = string_member(*cb, "name");
        std::string text = string_member(*cb, "text");
        if (!text.empty()) {
          b.text += text;
          if (!sink(StreamEvent::text_delta(std::move(text)))) return false;
        }
      }
    } else if (type == "content_block_delta") {
      int index = static_cast<int>(int_member(data, "index"));
      Block& b = blocks_[index];
      const Json* delta = member(data, "delta");
      if (!delta) return true;
      std::string dtype = string_member(*delta, "type");
      if (dtype == "text_delta") {
        if (b.type.empty()) b.type = "text";
        std::string text = string_member(*delta, "text");
        b.text += text;
        if (!text.empty() && !sink(StreamEvent::text_delta(std::move(text)))) return false;
      } else if (dtype == "input_json_delta") {
        b.json += string_member(*delta, "partial_json");
      }
    } else if (type == "content_block_stop") {
      int index = static_cast<int>(int_member(data, "index"));
      Block& b = blocks_[index];
      if (b.type == "tool_use" && !b.emitted) {
        b.emitted = true;
        if (!sink(StreamEvent::of_tool_call(ToolCall::from_text(b.id, b.name, b.json)))) return false;
      }
    } else if (type == "message_delta") {
      if (const Json* d = member(data, "delta")) {
        std::string reason = string_member(*d, "stop_reason");
        if (!reason.empty()) response_.raw_finish = reason;
      }
      if (const Json* u = member(data, "usage")) add_usage(response_.usage, *u);
    } else if (type == "message_stop") {
      stopped_ = true;
    }
    return true;  // unknown events are ignored
  }

  bool stopped() const { return stopped_; }

  Result<ChatResponse> finish(const EventSink& sink) {
    ChatResponse out = std::move(response_);
    for (auto& [index, b] : blocks_) {
      if (b.type == "tool_use") {
        ToolCall call = ToolCall::from_text(b.id.empty() ? detail::make_call_id() : b.id, b.name, b.json);
        if (!b.emitted && !sink(StreamEvent::of_tool_call(call))) return fail(Code::kCancelled, "cancelled");
        out.content.push_back(Part::of_tool_call(std::move(call)));
      } else if (!b.text.empty()) {
        out.content.push_back(Part::of_text(std::move(b.text)));
      }
    }
    out.finish = map_finish(out.raw_finish);
    return out;
  }

 private:
  struct Block {
    std::string type, id, name, text, json;
    bool emitted = false;
  };
  ChatResponse response_;
  std::map<int, Block> blocks_;
  bool stopped_ = false;
};

class AnthropicChatModel final : public ChatModel {
 public:
  explicit AnthropicChatModel(AnthropicOptions options) : options_(std::move(options)), client_(options_.http) {
    info_ = {"anthropic", options_.model, false, false};
  }

  const ModelInfo& info() const override { return info_; }

  Result<ChatResponse> generate(const ChatRequest& request) override {
    net::HttpRequest http = build(request, false);
    auto res = MAILSIFT_TRY(client_.send(http));
    if (!res.ok()) return fail(error_for(http, res));
    try {
      Json body = MAILSIFT_TRY(parse_json(res.body, "Anthropic response"));
      return parse_response(body);
    } catch (const Json::exception&) {
      return fail(Code::kParse, "Anthropic response has an unexpected shape");
    }
  }

  Result<ChatResponse> stream(const ChatRequest& request, const EventSink& on_event) override {
    net::HttpRequest http = build(request, true);
    net::SseParser parser;
    StreamAssembler assembler;
    auto consume = [&](std::string_view chunk) -> Result<bool> {
      auto events = MAILSIFT_TRY(parser.feed(chunk));
      for (const auto& e : events) {
        if (!MAILSIFT_TRY(assembler.on_event(e, on_event))) return false;
      }
      return true;
    };
    Result<net::HttpResponse> res = detail::run_stream(client_, http, consume, "Anthropic stream");
    if (!res) return fail(res.error());
    if (!res->ok()) return fail(error_for(http, *res));
    if (auto last = parser.finish()) {
      auto r = assembler.on_event(*last, on_event);
      if (!r) return fail(r.error());
    }
    if (!assembler.stopped()) return fail(Code::kUnavailable, "Anthropic stream ended before message_stop");
    return assembler.finish(on_event);
  }

 private:
  Error error_for(const net::HttpRequest& http, const net::HttpResponse& res) const {
    Error e = detail::http_error("Anthropic", http, res, detail::error_message_from_body(res.body), options_.key_hint);
    if (res.status == 529) e.hint = "Anthropic is overloaded; try again shortly";
    return e;
  }

  net::HttpRequest build(const ChatRequest& request, bool stream) const {
    Json body{{"model", options_.model},
              {"max_tokens", request.max_tokens.value_or(options_.default_max_tokens)},
              {"messages", messages_json(request.messages)}};
    std::string system = detail::system_text(request.messages);
    if (!system.empty()) body["system"] = system;
    if (!request.tools.empty()) {
      Json tools = Json::array();
      for (const auto& t : request.tools) {
        tools.push_back({{"name", t.name}, {"description", t.description}, {"input_schema", t.input_schema}});
      }
      body["tools"] = tools;
      switch (request.tool_choice.mode) {
        case ToolChoiceMode::kAuto:
          body["tool_choice"] = {{"type", "auto"}};
          break;
        case ToolChoiceMode::kNone:
          body["tool_choice"] = {{"type", "none"}};
          break;
        case ToolChoiceMode::kRequired:
          body["tool_choice"] = {{"type", "any"}};
          break;
        case ToolChoiceMode::kTool:
          body["tool_choice"] = {{"type", "tool"}, {"name", request.tool_choice.name}};
          break;
      }
    }
    if (request.temperature) body["temperature"] = *request.temperature;
    if (stream) body["stream"] = true;
    net::HttpRequest http;
    http.method = "POST";
    http.url = net::join_url(options_.base_url, "/v1/messages");
    http.headers = {{"Content-Type", "application/json"},
                    {"anthropic-version", options_.version},
                    {"Accept", stream ? "text/event-stream" : "application/json"}};
    if (!options_.api_key.empty()) http.headers.emplace_back("x-api-key", options_.api_key);
    http.body = dump_json(body);
    http.cancel = request.cancel;
    return http;
  }

  Result<ChatResponse> parse_response(const Json& body) const {
    ChatResponse out;
    out.model = string_member(body, "model");
    if (const Json* u = member(body, "usage")) add_usage(out.usage, *u);
    const Json* content = member(body, "content");
    if (!content || !content->is_array()) return fail(Code::kParse, "Anthropic response has no content");
    for (const auto& block : *content) {
      std::string type = string_member(block, "type");
      if (type == "text") {
        out.content.push_back(Part::of_text(string_member(block, "text")));
      } else if (type == "tool_use") {
        ToolCall call;
        call.id = string_member(block, "id");
        call.name = string_member(block, "name");
        const Json* input = member(block, "input");
        call.input = (input && input->is_object()) ? *input : Json::object();
        call.input_valid = input == nullptr || input->is_object();
        call.input_text = input ? dump_json(*input) : "{}";
        out.content.push_back(Part::of_tool_call(std::move(call)));
      }
    }
    out.raw_finish = string_member(body, "stop_reason");
    out.finish = map_finish(out.raw_finish);
    return out;
  }

  AnthropicOptions options_;
  net::HttpClient client_;
  ModelInfo info_;
};

}  // namespace

std::unique_ptr<ChatModel> make_anthropic_chat_model(AnthropicOptions options) {
  return std::make_unique<AnthropicChatModel>(std::move(options));
}

}  // namespace mailsift::llm
