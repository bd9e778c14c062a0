#include "llm/events.h"

namespace mailsift::llm {

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::kStart:
      return "start";
    case EventType::kTextDelta:
      return "text-delta";
    case EventType::kToolCall:
      return "tool-call";
    case EventType::kToolResult:
      return "tool-result";
    case EventType::kStepFinish:
      return "step-finish";
    case EventType::kFinish:
      return "finish";
    case EventType::kError:
      return "error";
  }
  return "error";
}

StreamEvent StreamEvent::text_delta(std::string text, int step) {
  StreamEvent e;
  e.type = EventType::kTextDelta;
  e.text = std::move(text);
  e.step = step;
  return e;
}

StreamEvent StreamEvent::of_tool_call(ToolCall call, int step) {
  StreamEvent e;
  e.type = EventType::kToolCall;
  e.tool_call = std::move(call);
  e.step = step;
  return e;
}

namespace {
Json usage_json(const Usage& u) {
  return Json{{"inputTokens", u.input_tokens}, {"outputTokens", u.output_tokens}, {"totalTokens", u.total_tokens}};
}
}  // namespace

Json event_to_json(const StreamEvent& e) {
  Json j{{"type", std::string(event_type_name(e.type))}};
  if (e.step > 0) j["step"] = e.step;
  switch (e.type) {
    case EventType::kStart:
      break;
    case EventType::kTextDelta:
      j["text"] = e.text;
      break;
    case EventType::kToolCall:
      j["id"] = e.tool_call.id;
      j["name"] = e.tool_call.name;
      if (e.tool_call.input_valid) {
        j["input"] = e.tool_call.input;
      } else {
        j["inputText"] = e.tool_call.input_text;
      }
      break;
    case EventType::kToolResult:
      j["id"] = e.tool_result.id;
      j["name"] = e.tool_result.name;
      j["output"] = e.tool_result.output;
      j["isError"] = e.tool_result.is_error;
      break;
    case EventType::kStepFinish:
    case EventType::kFinish:
      j["finishReason"] = std::string(finish_reason_name(e.finish));
      j["usage"] = usage_json(e.usage);
      break;
    case EventType::kError:
      j["code"] = std::string(code_name(e.error.code));
      j["message"] = e.error.message;
      if (!e.error.hint.empty()) j["hint"] = e.error.hint;
      break;
  }
  return j;
}

}  // namespace mailsift::llm
