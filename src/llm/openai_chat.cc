#include "llm/openai_chat.h"

#include <map>

#include "llm/provider_util.h"
#include "net/sse.h"
#include "net/url.h"

namespace mailsift::llm {

namespace {

FinishReason map_finish(std::string_view reason) {
  if (reason == "length") return FinishReason::kLength;
  if (reason == "tool_calls" || reason == "function_call") return FinishReason::kToolCalls;
  if (reason == "content_filter") return FinishReason::kContentFilter;
  return FinishReason::kStop;
}

Usage parse_usage(const Json& u) {
  Usage usage;
  usage.input_tokens = int_member(u, "prompt_tokens");
  usage.output_tokens = int_member(u, "completion_tokens");
  usage.total_tokens = int_member(u, "total_tokens", usage.input_tokens + usage.output_tokens);
  return usage;
}

Json tool_choice_json(const ToolChoice& choice) {
  switch (choice.mode) {
    case ToolChoiceMode::kAuto:
      return "auto";
    case ToolChoiceMode::kNone:
      return "none";
    case ToolChoiceMode::kRequired:
      return "required";
    case ToolChoiceMode::kTool:
      return Json{{"type", "function"}, {"function", {{"name", choice.name}}}};
  }
  return "auto";
}

Json messages_json(const std::vector<Message>& messages) {
  Json out = Json::array();
  std::string system = detail::system_text(messages);
  if (!system.empty()) out.push_back({{"role", "system"}, {"content", system}});
  for (const auto& m : messages) {
    switch (m.role) {
      case Role::kSystem:
        break;
      case Role::kUser:
        out.push_back({{"role", "user"}, {"content", m.text()}});
        break;
      case Role::kAssistant: {
        Json msg{{"role", "assistant"}};
        std::string text = m.text();
        msg["content"] = text.empty() ? Json(nullptr) : Json(text);
        Json calls = Json::array();
        for (const auto& p : m.parts) {
          if (p.kind != PartKind::kToolCall) continue;
          calls.push_back({{"id", p.tool_call.id},
                           {"type", "function"},
                           {"function", {{"name", p.tool_call.name}, {"arguments", dump_json(p.tool_call.input)}}}});
        }
        if (!calls.empty()) msg["tool_calls"] = calls;
        out.push_back(std::move(msg));
        break;
      }
      case Role::kTool:
        for (const auto& p : m.parts) {
          if (p.kind != PartKind::kToolResult) continue;
          std::string content = p.tool_result.is_error ? "[error] " + p.tool_result.output : p.tool_result.output;
          out.push_back({{"role", "tool"}, {"tool_call_id", p.tool_result.id}, {"content", content}});
        }
        break;
    }
  }
  return out;
}

// Reassembles a streamed reply from its chunks.
class StreamAssembler {
 public:
  // Handles one SSE event; false when the sink asked to stop.
  Result<bool> on_event(const net::SseEvent& event, const EventSink& sink) {
    if (done_) return true;
    if (event.data == "[DONE]") {
      done_ = true;
      return flush_calls(sink);
    }
    Json chunk = MAILSIFT_TRY(parse_json(event.data, "a streamed chunk"));
    if (const Json* error = member(chunk, "error")) {
      std::string message = error->is_string() ? error->get<std::string>() : string_member(*error, "message");
      return fail(Code::kUnavailable, "the stream reported an error: " + detail::short_text(message));
    }
    if (std::string model = string_member(chunk, "model"); !model.empty()) response_.model = model;
    if (const Json* u = member(chunk, "usage"); u && u->is_object()) response_.usage = parse_usage(*u);
    const Json* choices = member(chunk, "choices");
    if (!choices || !choices->is_array()) return true;
    for (const auto& choice : *choices) {
      if (int_member(choice, "index", 0) != 0) continue;
      if (const Json* delta = member(choice, "delta")) {
        std::string text = string_member(*delta, "content");
        if (!text.empty()) {
          text_ += text;
          if (!sink(StreamEvent::text_delta(std::move(text)))) return false;
        }
        if (const Json* calls = member(*delta, "tool_calls"); calls && calls->is_array()) {
          int position = 0;
          for (const auto& tc : *calls) {
            int index = static_cast<int>(int_member(tc, "index", position++));
            Pending& p = pending_[index];
            if (std::string id = string_member(tc, "id"); !id.empty() && p.id.empty()) p.id = id;
            if (const Json* fn = member(tc, "function")) {
              if (std::string name = string_member(*fn, "name"); !name.empty() && p.name.empty()) p.name = name;
              if (const Json* args = member(*fn, "arguments")) {
                if (args->is_string()) {
                  p.arguments += args->get<std::string>();
                } else if (args->is_object()) {
                  p.arguments += dump_json(*args);
                }
              }
            }
          }
        }
      }
      if (const Json* reason = member(choice, "finish_reason"); reason && reason->is_string()) {
        response_.raw_finish = reason->get<std::string>();
        finished_ = true;
        if (!flush_calls(sink)) return false;
      }
    }
    return true;
  }

  bool done() const { return done_; }
  bool finished() const { return finished_; }

  Result<ChatResponse> finish(const EventSink& sink) {
    if (!flush_calls(sink)) return fail(Code::kCancelled, "cancelled");
    ChatResponse out = std::move(response_);
    if (!text_.empty()) out.content.insert(out.content.begin(), Part::of_text(std::move(text_)));
    out.finish = map_finish(out.raw_finish);
    if (!out.tool_calls().empty() && out.finish == FinishReason::kStop) out.finish = FinishReason::kToolCalls;
    return out;
  }

 private:
  struct Pending {
    std::string id, name, arguments;
  };

  bool flush_calls(const EventSink& sink) {
    for (auto& [index, p] : pending_) {
      ToolCall call = ToolCall::from_text(p.id.empty() ? detail::make_call_id() : p.id, p.name, p.arguments);
      response_.content.push_back(Part::of_tool_call(call));
      if (!sink(StreamEvent::of_tool_call(std::move(call)))) {
        pending_.clear();
        return false;
      }
    }
    pending_.clear();
    return true;
  }

  ChatResponse response_;
  std::string text_;
  std::map<int, Pending> pending_;
  bool done_ = false;
  bool finished_ = false;
};

class OpenAiChatModel final : public ChatModel {
 public:
  explicit OpenAiChatModel(OpenAiOptions options) : options_(std::move(options)), client_(options_.http) {
    info_ = {options_.provider, options_.model, false, options_.native_structured_output};
  }

  const ModelInfo& info() const override { return info_; }

  Result<ChatResponse> generate(const ChatRequest& request) override {
    net::HttpRequest http = build(request, false);
    auto res = MAILSIFT_TRY(client_.send(http));
    if (!res.ok()) return fail(error_for(http, res));
    try {
      Json body = MAILSIFT_TRY(parse_json(res.body, provider_label() + " response"));
      return parse_response(body);
    } catch (const Json::exception&) {
      return fail(Code::kParse, provider_label() + " response has an unexpected shape");
    }
  }

  Result<ChatResponse> stream(const ChatRequest& request, const EventSink& on_event) override {
    net::HttpRequest http = build(request, true);
    net::SseParser parser;
    StreamAssembler assembler;
    auto consume = [&](std::string_view chunk) -> Result<bool> {
      auto events = MAILSIFT_TRY(parser.feed(chunk));
      for (const auto& e : events) {
        bool go_on = MAILSIFT_TRY(assembler.on_event(e, on_event));
        if (!go_on) return false;
      }
      return true;
    };
    Result<net::HttpResponse> res = detail::run_stream(client_, http, consume, provider_label() + " stream");
    if (!res) return fail(res.error());
    if (!res->ok()) return fail(error_for(http, *res));
    if (auto last = parser.finish()) {
      auto r = assembler.on_event(*last, on_event);
      if (!r) return fail(r.error());
      if (!*r) return fail(Code::kCancelled, "cancelled");
    }
    if (!assembler.done() && !assembler.finished()) {
      return fail(Code::kUnavailable, provider_label() + " stream ended before the reply was complete");
    }
    return assembler.finish(on_event);
  }

 private:
  std::string provider_label() const { return options_.provider == "openai" ? "OpenAI" : options_.provider; }

  Error error_for(const net::HttpRequest& http, const net::HttpResponse& res) const {
    return detail::http_error(provider_label(), http, res, detail::error_message_from_body(res.body),
                              options_.key_hint);
  }

  net::HttpRequest build(const ChatRequest& request, bool stream) const {
    Json body{{"model", options_.model}, {"messages", messages_json(request.messages)}};
    if (!request.tools.empty()) {
      Json tools = Json::array();
      for (const auto& t : request.tools) {
        tools.push_back(
            {{"type", "function"},
             {"function", {{"name", t.name}, {"description", t.description}, {"parameters", t.input_schema}}}});
      }
      body["tools"] = tools;
      body["tool_choice"] = tool_choice_json(request.tool_choice);
    }
    int max_tokens = request.max_tokens.value_or(options_.default_max_tokens);
    if (max_tokens > 0) body[options_.max_tokens_field] = max_tokens;
    if (request.temperature) body["temperature"] = *request.temperature;
    if (request.response_format) {
      Json schema{{"name", request.response_format->name}, {"schema", request.response_format->schema}};
      if (!request.response_format->description.empty()) schema["description"] = request.response_format->description;
      body["response_format"] = {{"type", "json_schema"}, {"json_schema", schema}};
    }
    if (stream) {
      body["stream"] = true;
      if (options_.stream_usage) body["stream_options"] = {{"include_usage", true}};
    }
    net::HttpRequest http;
    http.method = "POST";
    http.url = net::join_url(options_.base_url, "/chat/completions");
    http.headers = {{"Content-Type", "application/json"},
                    {"Accept", stream ? "text/event-stream" : "application/json"}};
    if (!options_.api_key.empty()) http.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
    http.body = dump_json(body);
    http.cancel = request.cancel;
    return http;
  }

  Result<ChatResponse> parse_response(const Json& body) const {
    ChatResponse out;
    out.model = string_member(body, "model");
    if (const Json* u = member(body, "usage"); u && u->is_object()) out.usage = parse_usage(*u);
    const Json* choices = member(body, "choices");
    if (!choices || !choices->is_array() || choices->empty()) {
      return fail(Code::kParse, provider_label() + " response has no choices");
    }
    const Json& choice = (*choices)[0];
    const Json* message = member(choice, "message");
    if (!message) return fail(Code::kParse, provider_label() + " response has no message");
    std::string text = string_member(*message, "content");
    if (!text.empty()) out.content.push_back(Part::of_text(std::move(text)));
    if (const Json* calls = member(*message, "tool_calls"); calls && calls->is_array()) {
      for (const auto& tc : *calls) {
        const Json* fn = member(tc, "function");
        if (!fn) continue;
        std::string args;
        if (const Json* a = member(*fn, "arguments")) args = a->is_string() ? a->get<std::string>() : dump_json(*a);
        std::string id = string_member(tc, "id");
        out.content.push_back(Part::of_tool_call(
            ToolCall::from_text(id.empty() ? detail::make_call_id() : id, string_member(*fn, "name"), args)));
      }
    }
    out.raw_finish = string_member(choice, "finish_reason");
    out.finish = map_finish(out.raw_finish);
    if (!out.tool_calls().empty() && out.finish == FinishReason::kStop) out.finish = FinishReason::kToolCalls;
    return out;
  }

  OpenAiOptions options_;
  net::HttpClient client_;
  ModelInfo info_;
};

}  // namespace

std::unique_ptr<ChatModel> make_openai_chat_model(OpenAiOptions options) {
  return std::make_unique<OpenAiChatModel>(std::move(options));
}

}  // namespace mailsift::llm
