#include "llm/bedrock_chat.h"

#include <map>

#include "aws/event_stream.h"
#include "aws/sigv4.h"
#include "core/strings.h"
#include "core/time.h"
#include "llm/provider_util.h"
#include "net/encoding.h"
#include "net/url.h"

namespace mailsift::llm {

namespace {

FinishReason map_finish(std::string_view reason) {
  if (reason == "tool_use") return FinishReason::kToolCalls;
  if (reason == "max_tokens" || reason == "model_context_window_exceeded") return FinishReason::kLength;
  if (reason == "guardrail_intervened" || reason == "content_filtered") return FinishReason::kContentFilter;
  if (reason == "malformed_model_output" || reason == "malformed_tool_use") return FinishReason::kError;
  return FinishReason::kStop;  // end_turn, stop_sequence
}

Usage parse_usage(const Json& u) {
  Usage usage;
  usage.input_tokens = int_member(u, "inputTokens");
  usage.output_tokens = int_member(u, "outputTokens");
  usage.total_tokens = int_member(u, "totalTokens", usage.input_tokens + usage.output_tokens);
  return usage;
}

Json block_json(const Part& p) {
  switch (p.kind) {
    case PartKind::kText:
      return {{"text", p.text}};
    case PartKind::kToolCall:
      return {{"toolUse", {{"toolUseId", p.tool_call.id}, {"name", p.tool_call.name}, {"input", p.tool_call.input}}}};
    case PartKind::kToolResult:
      return {
          {"toolResult",
           {{"toolUseId", p.tool_result.id},
            {"content",
             Json::array({{{"text", p.tool_result.output.empty() ? std::string("(empty)") : p.tool_result.output}}})},
            {"status", p.tool_result.is_error ? "error" : "success"}}}};
  }
  return {};
}

// Converse wants alternating user/assistant turns; tool results travel in user turns.
Json messages_json(const std::vector<Message>& messages, bool* has_tool_blocks) {
  Json out = Json::array();
  for (const auto& m : messages) {
    if (m.role == Role::kSystem) continue;
    std::string role = m.role == Role::kAssistant ? "assistant" : "user";
    Json blocks = Json::array();
    for (const auto& p : m.parts) {
      if (p.kind == PartKind::kText && p.text.empty()) continue;
      if (p.kind != PartKind::kText) *has_tool_blocks = true;
      blocks.push_back(block_json(p));
    }
    if (blocks.empty()) continue;
    if (!out.empty() && out.back()["role"] == role) {
      for (auto& b : blocks) out.back()["content"].push_back(std::move(b));
    } else {
      out.push_back({{"role", role}, {"content", std::move(blocks)}});
    }
  }
  return out;
}

// Reassembles a ConverseStream reply from its event-stream messages.
class StreamAssembler {
 public:
  Result<bool> on_message(const aws::EventMessage& m, const EventSink& sink) {
    std::string kind = m.string_header(":message-type");
    if (kind == "exception") {
      Json payload = Json::parse(m.payload, nullptr, false);
      std::string message = payload.is_discarded() ? detail::short_text(m.payload) : string_member(payload, "message");
      return fail(bedrock_exception_error(m.string_header(":exception-type"), message));
    }
    if (kind == "error") {
      return fail(bedrock_exception_error(m.string_header(":error-code"), m.string_header(":error-message")));
    }
    std::string type = m.string_header(":event-type");
    Json data = MAILSIFT_TRY(parse_json(m.payload, "a Bedrock stream event"));
    if (type == "contentBlockStart") {
      Block& b = blocks_[static_cast<int>(int_member(data, "contentBlockIndex"))];
      if (const Json* start = member(data, "start")) {
        if (const Json* tu = member(*start, "toolUse")) {
          b.tool = true;
          b.id = string_member(*tu, "toolUseId");
          b.name = string_member(*tu, "name");
        }
      }
    } else if (type == "contentBlockDelta") {
      Block& b = blocks_[static_cast<int>(int_member(data, "contentBlockIndex"))];
      const Json* delta = member(data, "delta");
      if (!delta) return true;
      if (const Json* text = member(*delta, "text"); text && text->is_string()) {
        std::string t = text->get<std::string>();
        b.text += t;
        if (!t.empty() && !sink(StreamEvent::text_delta(std::move(t)))) return false;
      } else if (const Json* tu = member(*delta, "toolUse")) {
        b.tool = true;
        b.json += string_member(*tu, "input");
      }
    } else if (type == "contentBlockStop") {
      Block& b = blocks_[static_cast<int>(int_member(data, "contentBlockIndex"))];
      if (b.tool && !b.emitted) {
        b.emitted = true;
        if (!sink(StreamEvent::of_tool_call(ToolCall::from_text(b.id, b.name, b.json)))) return false;
      }
    } else if (type == "messageStop") {
      response_.raw_finish = string_member(data, "stopReason");
      stopped_ = true;
    } else if (type == "metadata") {
      if (const Json* u = member(data, "usage")) response_.usage = parse_usage(*u);
    }
    return true;  // messageStart and unknown events carry nothing we need
  }

  bool stopped() const { return stopped_; }

  Result<ChatResponse> finish(const EventSink& sink) {
    ChatResponse out = std::move(response_);
    for (auto& [index, b] : blocks_) {
      if (b.tool) {
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
    bool tool = false;
    bool emitted = false;
    std::string id, name, text, json;
  };
  ChatResponse response_;
  std::map<int, Block> blocks_;
  bool stopped_ = false;
};

class BedrockChatModel final : public ChatModel {
 public:
  explicit BedrockChatModel(BedrockOptions options) : options_(std::move(options)), client_(options_.http) {
    if (options_.endpoint.empty()) options_.endpoint = "https://bedrock-runtime." + options_.region + ".amazonaws.com";
    info_ = {"bedrock", options_.model_id, false, options_.native_structured_output};
  }

  const ModelInfo& info() const override { return info_; }

  Result<ChatResponse> generate(const ChatRequest& request) override {
    net::HttpRequest http = MAILSIFT_TRY(build(request, false));
    auto res = MAILSIFT_TRY(client_.send(http));
    if (!res.ok()) return fail(error_for(http, res));
    try {
      Json body = MAILSIFT_TRY(parse_json(res.body, "Bedrock response"));
      return parse_response(body);
    } catch (const Json::exception&) {
      return fail(Code::kParse, "Bedrock response has an unexpected shape");
    }
  }

  Result<ChatResponse> stream(const ChatRequest& request, const EventSink& on_event) override {
    net::HttpRequest http = MAILSIFT_TRY(build(request, true));
    aws::EventStreamDecoder decoder;
    StreamAssembler assembler;
    auto consume = [&](std::string_view chunk) -> Result<bool> {
      auto messages = MAILSIFT_TRY(decoder.feed(chunk));
      for (const auto& m : messages) {
        if (!MAILSIFT_TRY(assembler.on_message(m, on_event))) return false;
      }
      return true;
    };
    Result<net::HttpResponse> res = detail::run_stream(client_, http, consume, "Bedrock stream");
    if (!res) return fail(res.error());
    if (!res->ok()) return fail(error_for(http, *res));
    if (!decoder.idle()) return fail(Code::kUnavailable, "Bedrock stream ended inside an event-stream frame");
    if (!assembler.stopped()) return fail(Code::kUnavailable, "Bedrock stream ended before messageStop");
    return assembler.finish(on_event);
  }

 private:
  Error error_for(const net::HttpRequest& http, const net::HttpResponse& res) const {
    std::string message = detail::error_message_from_body(res.body);
    if (const std::string* type = res.header("x-amzn-ErrorType")) {
      std::string name = type->substr(0, type->find(':'));
      Error e = detail::http_error("Bedrock", http, res, name + ": " + message,
                                   "the AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID)");
      if (name == "ResourceNotFoundException" || name == "AccessDeniedException") {
        e.hint = "check llm.model and that the model is enabled for this account in " + options_.region;
      }
      return e;
    }
    return detail::http_error("Bedrock", http, res, message, "the AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID)");
  }

  Result<net::HttpRequest> build(const ChatRequest& request, bool stream) const {
    bool has_tool_blocks = false;
    Json body{{"messages", messages_json(request.messages, &has_tool_blocks)}};
    std::string system = detail::system_text(request.messages);
    if (!system.empty()) body["system"] = Json::array({{{"text", system}}});
    Json inference{{"maxTokens", request.max_tokens.value_or(options_.default_max_tokens)}};
    if (request.temperature) inference["temperature"] = *request.temperature;
    body["inferenceConfig"] = inference;
    bool send_tools = !request.tools.empty() && (request.tool_choice.mode != ToolChoiceMode::kNone || has_tool_blocks);
    if (send_tools) {
      Json tools = Json::array();
      for (const auto& t : request.tools) {
        Json spec{{"name", t.name}, {"description", t.description}, {"inputSchema", {{"json", t.input_schema}}}};
        tools.push_back({{"toolSpec", std::move(spec)}});
      }
      Json config{{"tools", tools}};
      // Converse has no "none"; with tool blocks in the history toolConfig is required, so send auto.
      if (request.tool_choice.mode == ToolChoiceMode::kRequired) config["toolChoice"] = {{"any", Json::object()}};
      if (request.tool_choice.mode == ToolChoiceMode::kTool)
        config["toolChoice"] = {{"tool", {{"name", request.tool_choice.name}}}};
      if (request.tool_choice.mode == ToolChoiceMode::kAuto) config["toolChoice"] = {{"auto", Json::object()}};
      body["toolConfig"] = config;
    }
    if (request.response_format) {
      Json schema{{"schema", dump_json(request.response_format->schema)}, {"name", request.response_format->name}};
      if (!request.response_format->description.empty()) schema["description"] = request.response_format->description;
      body["outputConfig"] = {{"textFormat", {{"type", "json_schema"}, {"structure", {{"jsonSchema", schema}}}}}};
    }
    net::HttpRequest http;
    http.method = "POST";
    http.url = net::join_url(options_.endpoint, "/model/" + net::percent_encode(options_.model_id) +
                                                    (stream ? "/converse-stream" : "/converse"));
    http.headers = {{"Content-Type", "application/json"},
                    {"Accept", stream ? "application/vnd.amazon.eventstream" : "application/json"}};
    http.body = dump_json(body);
    http.cancel = request.cancel;
    if (!options_.credentials) return fail(Code::kPermission, "no AWS credentials provider configured");
    aws::SigningParams params;
    params.credentials = MAILSIFT_TRY(options_.credentials());
    params.region = options_.region;
    params.service = "bedrock";
    params.time = now_unix();
    MAILSIFT_TRY_VOID(aws::sign_request(http, params));
    return http;
  }

  Result<ChatResponse> parse_response(const Json& body) const {
    ChatResponse out;
    out.model = options_.model_id;
    if (const Json* u = member(body, "usage")) out.usage = parse_usage(*u);
    const Json* output = member(body, "output");
    const Json* message = output ? member(*output, "message") : nullptr;
    const Json* content = message ? member(*message, "content") : nullptr;
    if (!content || !content->is_array()) return fail(Code::kParse, "Bedrock response has no output.message.content");
    for (const auto& block : *content) {
      if (const Json* text = member(block, "text"); text && text->is_string()) {
        out.content.push_back(Part::of_text(text->get<std::string>()));
      } else if (const Json* tu = member(block, "toolUse")) {
        ToolCall call;
        call.id = string_member(*tu, "toolUseId");
        call.name = string_member(*tu, "name");
        const Json* input = member(*tu, "input");
        call.input_valid = input == nullptr || input->is_object();
        call.input = call.input_valid && input ? *input : Json::object();
        call.input_text = input ? dump_json(*input) : "{}";
        out.content.push_back(Part::of_tool_call(std::move(call)));
      }
    }
    out.raw_finish = string_member(body, "stopReason");
    out.finish = map_finish(out.raw_finish);
    return out;
  }

  BedrockOptions options_;
  net::HttpClient client_;
  ModelInfo info_;
};

}  // namespace

Error bedrock_exception_error(std::string_view type, std::string_view message) {
  std::string t = to_lower(type);
  Code code = Code::kUnavailable;
  std::string hint;
  if (icontains(t, "validation")) code = Code::kInvalidArgument;
  if (icontains(t, "accessdenied") || icontains(t, "unrecognizedclient")) code = Code::kPermission;
  if (icontains(t, "throttling")) hint = "Bedrock is throttling; wait and try again, or raise the account's quota";
  if (icontains(t, "serviceunavailable") || icontains(t, "internalserver") || icontains(t, "modelstreamerror")) {
    hint = "Bedrock failed; try again";
  }
  return Error{code, "Bedrock " + std::string(type.empty() ? "error" : type) + ": " + detail::short_text(message),
               hint};
}

std::unique_ptr<ChatModel> make_bedrock_chat_model(BedrockOptions options) {
  return std::make_unique<BedrockChatModel>(std::move(options));
}

}  // namespace mailsift::llm
