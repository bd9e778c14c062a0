// Stream events: what a streaming call reports as it goes, and what `mailsift chat --json`
// prints, one JSON object per line.
//
// A ChatModel's stream() emits only kTextDelta and kToolCall (each call once, complete, when the
// model has finished it). The tool loop's stream_text() emits, in this order where they occur:
// kStart; per step kTextDelta..., kToolCall..., kToolResult..., kStepFinish; then kFinish, or
// kError as the last event instead.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "llm/message.h"

namespace mailsift::llm {

enum class EventType { kStart, kTextDelta, kToolCall, kToolResult, kStepFinish, kFinish, kError };
// "start", "text-delta", "tool-call", "tool-result", "step-finish", "finish", "error".
std::string_view event_type_name(EventType type);

// What one step of the tool loop did.
struct StepReport {
  int step = 0;  // 1-based
  std::string text;
  std::vector<ToolCall> tool_calls;
  std::vector<ToolResult> tool_results;
  FinishReason finish = FinishReason::kStop;
  Usage usage;
};

struct StreamEvent {
  EventType type = EventType::kTextDelta;
  int step = 0;                               // the tool loop's step (0 from a bare ChatModel)
  std::string text;                           // kTextDelta
  ToolCall tool_call;                         // kToolCall
  ToolResult tool_result;                     // kToolResult
  FinishReason finish = FinishReason::kStop;  // kStepFinish, kFinish
  Usage usage;                                // kStepFinish: the step's; kFinish: the total
  Error error;                                // kError

  static StreamEvent text_delta(std::string text, int step = 0);
  static StreamEvent of_tool_call(ToolCall call, int step = 0);
};

// Receives events in order. Return false to stop: the call then ends with kCancelled and the
// sink is not called again.
using EventSink = std::function<bool(const StreamEvent&)>;

// The event as one JSON object: {"type":"text-delta","step":1,"text":"..."},
// {"type":"tool-call","id":...,"name":...,"input":{...}}, {"type":"tool-result","id":...,
// "name":...,"output":"...","isError":false}, {"type":"step-finish","finishReason":"tool-calls",
// "usage":{...}}, {"type":"error","code":"unavailable","message":"...","hint":"..."}.
Json event_to_json(const StreamEvent& event);

}  // namespace mailsift::llm
