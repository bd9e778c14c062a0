#include "llm/message.h"

namespace mailsift::llm {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kSystem:
      return "system";
    case Role::kUser:
      return "user";
    case Role::kAssistant:
      return "assistant";
    case Role::kTool:
      return "tool";
  }
  return "user";
}

std::string_view finish_reason_name(FinishReason reason) {
  switch (reason) {
    case FinishReason::kStop:
      return "stop";
    case FinishReason::kLength:
      return "length";
    case FinishReason::kToolCalls:
      return "tool-calls";
    case FinishReason::kContentFilter:
      return "content-filter";
    case FinishReason::kError:
      return "error";
  }
  return "error";
}

ToolCall ToolCall::from_text(std::string id, std::string name, std::string arguments) {
  ToolCall call;
  call.id = std::move(id);
  call.name = std::move(name);
  call.input_text = std::move(arguments);
  std::string_view t = call.input_text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\n' || t.front() == '\t' || t.front() == '\r'))
    t.remove_prefix(1);
  if (t.empty()) {
    call.input = Json::object();
    return call;
  }
  Json parsed = Json::parse(t.begin(), t.end(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    call.input_valid = false;
    call.input = Json::object();
  } else {
    call.input = std::move(parsed);
  }
  return call;
}

Part Part::of_text(std::string text) {
  Part p;
  p.kind = PartKind::kText;
  p.text = std::move(text);
  return p;
}

Part Part::of_tool_call(ToolCall call) {
  Part p;
  p.kind = PartKind::kToolCall;
  p.tool_call = std::move(call);
  return p;
}

Part Part::of_tool_result(ToolResult result) {
  Part p;
  p.kind = PartKind::kToolResult;
  p.tool_result = std::move(result);
  return p;
}

Message Message::system(std::string text) {
  return {Role::kSystem, {Part::of_text(std::move(text))}};
}
Message Message::user(std::string text) {
  return {Role::kUser, {Part::of_text(std::move(text))}};
}
Message Message::assistant(std::string text) {
  return {Role::kAssistant, {Part::of_text(std::move(text))}};
}
Message Message::assistant_parts(std::vector<Part> parts) {
  return {Role::kAssistant, std::move(parts)};
}

Message Message::tool_results(const std::vector<ToolResult>& results) {
  Message m{Role::kTool, {}};
  for (const auto& r : results) m.parts.push_back(Part::of_tool_result(r));
  return m;
}

std::string Message::text() const {
  std::string out;
  for (const auto& p : parts) {
    if (p.kind == PartKind::kText) out += p.text;
  }
  return out;
}

Usage& Usage::operator+=(const Usage& other) {
  input_tokens += other.input_tokens;
  output_tokens += other.output_tokens;
  total_tokens += other.total_tokens;
  return *this;
}

std::string ChatResponse::text() const {
  std::string out;
  for (const auto& p : content) {
    if (p.kind == PartKind::kText) out += p.text;
  }
  return out;
}

std::vector<ToolCall> ChatResponse::tool_calls() const {
  std::vector<ToolCall> out;
  for (const auto& p : content) {
    if (p.kind == PartKind::kToolCall) out.push_back(p.tool_call);
  }
  return out;
}

Message ChatResponse::as_message() const {
  return Message::assistant_parts(content);
}

}  // namespace mailsift::llm
