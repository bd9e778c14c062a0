// The tool loop: generate_text / stream_text call a model, run the tools it asks for, feed the
// results back, and repeat until the model answers without tool calls or max_steps is reached.
//
// Each step: call the model (streamed for stream_text); append its reply to the conversation;
// for each tool call, validate the input against the tool's schema, then run the calls of the
// step in parallel, each on its own thread with a timeout. An unknown tool, invalid input
// (malformed JSON or a schema violation), a tool error, an exception or a timeout each become an
// error result that the model sees (is_error = true), never a failure of the loop. Results are
// truncated to max_result_bytes; results of tools marked output_is_untrusted are wrapped with
// wrap_untrusted (untrusted.h). The tool results are appended and the next step begins. A step
// report (text, calls, results, finish reason, usage) goes to on_step and into the result.
//
// Timeouts: a tool that exceeds tool_timeout gets an error result and its ToolContext reports
// cancelled(); the loop goes on without it, but joins its thread before returning, so tools may
// safely borrow objects that outlive the call. A tool that ignores cancellation delays only the
// return of generate_text / stream_text, not the model's next step.
//
// stream_text events, in order: start; per step text-delta..., tool-call..., tool-result...,
// step-finish; then finish (or error, as the last event, when the loop fails).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "llm/chat_model.h"

namespace mailsift::llm {

struct ToolContext {
  std::string call_id;
  const std::atomic<bool>* timed_out = nullptr;       // set when the loop stopped waiting
  const std::atomic<bool>* request_cancel = nullptr;  // the caller's cancel flag, may be null
  bool cancelled() const { return (timed_out && timed_out->load()) || (request_cancel && request_cancel->load()); }
};

// Returns the result for the model (a JSON string is passed as text, anything else as JSON), or
// an error whose message the model sees. Called on a worker thread; may throw (caught).
using ToolFunction = std::function<Result<Json>(const Json& input, const ToolContext& context)>;

struct Tool {
  std::string name;
  std::string description;
  Json input_schema = Json{{"type", "object"}, {"properties", Json::object()}};
  ToolFunction execute;
  bool output_is_untrusted = false;  // wrap the output as data (email text)

  ToolSpec spec() const { return ToolSpec{name, description, input_schema}; }
};

struct TextRequest {
  std::vector<Message> messages;  // the conversation so far (system messages included)
  std::vector<Tool> tools;
  ToolChoice tool_choice;  // applies to every step: kRequired makes each step call a tool, up to max_steps
  int max_steps = 5;
  std::chrono::milliseconds tool_timeout{30'000};
  size_t max_result_bytes = 16'000;
  std::optional<int> max_tokens;
  std::optional<double> temperature;
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(const StepReport&)> on_step;  // optional
};

struct TextResult {
  std::string text;                           // the last step's text
  FinishReason finish = FinishReason::kStop;  // the last step's (kToolCalls when the cap was hit)
  Usage usage;                                // total
  std::vector<StepReport> steps;
  std::vector<Message> messages;  // what the loop appended: assistant replies and tool results
};

// Errors: the model's errors (kUnavailable, kPermission, ...), kCancelled, kInvalidArgument
// for max_steps < 1.
Result<TextResult> generate_text(ChatModel& model, const TextRequest& request);

// As generate_text, streaming events to on_event (false from it cancels: kCancelled, and no
// further events). On failure an error event is the last event.
Result<TextResult> stream_text(ChatModel& model, const TextRequest& request, const EventSink& on_event);

// Runs the tool calls of a step in parallel (used by the loop; exposed for tests and for
// callers that run tools themselves). Borrows `tools`; the destructor joins every thread it
// started, including those of calls that timed out.
class ToolRunner {
 public:
  ToolRunner(const std::vector<Tool>& tools, std::chrono::milliseconds timeout, size_t max_result_bytes,
             const std::atomic<bool>* cancel);
  ~ToolRunner();
  ToolRunner(const ToolRunner&) = delete;
  ToolRunner& operator=(const ToolRunner&) = delete;

  // One result per call, in call order.
  std::vector<ToolResult> run(const std::vector<ToolCall>& calls);

 private:
  const std::vector<Tool>& tools_;
  std::chrono::milliseconds timeout_;
  size_t max_result_bytes_;
  const std::atomic<bool>* cancel_;
  std::vector<std::thread> threads_;
};

// Cuts text to max_bytes on a UTF-8 boundary and says how much was cut.
std::string truncate_result(std::string text, size_t max_bytes);

}  // namespace mailsift::llm
