#include "llm/tool_loop.h"

#include <future>
#include <memory>

#include "core/strings.h"
#include "llm/json_schema.h"
#include "llm/untrusted.h"

namespace mailsift::llm {

namespace {

const Tool* find_tool(const std::vector<Tool>& tools, const std::string& name) {
  for (const auto& t : tools) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

ToolResult error_result(const ToolCall& call, std::string message) {
  return ToolResult{call.id, call.name, "Error: " + std::move(message), true};
}

// The state one worker thread shares with the loop; outlives whichever finishes last.
struct Slot {
  std::promise<ToolResult> promise;
  std::atomic<bool> timed_out{false};
};

std::string render_output(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return dump_json(value);
}

}  // namespace

std::string truncate_result(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t total = text.size();
  std::string out(utf8_prefix(text, max_bytes));
  out += "\n[truncated: showing " + std::to_string(out.size()) + " of " + std::to_string(total) + " bytes]";
  return out;
}

ToolRunner::ToolRunner(const std::vector<Tool>& tools, std::chrono::milliseconds timeout, size_t max_result_bytes,
                       const std::atomic<bool>* cancel)
    : tools_(tools), timeout_(timeout), max_result_bytes_(max_result_bytes), cancel_(cancel) {}

ToolRunner::~ToolRunner() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::vector<ToolResult> ToolRunner::run(const std::vector<ToolCall>& calls) {
  std::vector<std::optional<ToolResult>> ready(calls.size());
  std::vector<std::shared_ptr<Slot>> slots(calls.size());
  std::vector<std::future<ToolResult>> futures(calls.size());

  for (size_t i = 0; i < calls.size(); ++i) {
    const ToolCall& call = calls[i];
    const Tool* tool = find_tool(tools_, call.name);
    if (!tool || !tool->execute) {
      std::vector<std::string> names;
      for (const auto& t : tools_) names.push_back(t.name);
      ready[i] =
          error_result(call, "unknown tool \"" + call.name + "\"; the available tools are: " + join(names, ", "));
      continue;
    }
    if (!call.input_valid) {
      ready[i] = error_result(call, "invalid input: the arguments are not a valid JSON object; call " + call.name +
                                        " again with JSON arguments matching its schema");
      continue;
    }
    if (auto v = validate_json(tool->input_schema, call.input); !v) {
      ready[i] = error_result(call, "invalid input: " + v.error().message);
      continue;
    }
    auto slot = std::make_shared<Slot>();
    slots[i] = slot;
    futures[i] = slot->promise.get_future();
    threads_.emplace_back([slot, tool, call, cancel = cancel_, limit = max_result_bytes_] {
      ToolContext context{call.id, &slot->timed_out, cancel};
      ToolResult result{call.id, call.name, "", false};
      try {
        auto out = tool->execute(call.input, context);
        if (out) {
          result.output = render_output(*out);
        } else {
          result.is_error = true;
          result.output = "Error: " + out.error().message;
        }
      } catch (const std::exception& e) {
        result.is_error = true;
        result.output = std::string("Error: the tool failed: ") + e.what();
      } catch (...) {
        result.is_error = true;
        result.output = "Error: the tool failed";
      }
      if (!result.is_error && tool->output_is_untrusted)
        result.output = wrap_untrusted(result.output, "tool " + call.name);
      result.output = truncate_result(std::move(result.output), limit);
      slot->promise.set_value(std::move(result));
    });
  }

  auto deadline = std::chrono::steady_clock::now() + timeout_;
  std::vector<ToolResult> out;
  out.reserve(calls.size());
  for (size_t i = 0; i < calls.size(); ++i) {
    if (ready[i]) {
      out.push_back(std::move(*ready[i]));
      continue;
    }
    if (futures[i].wait_until(deadline) == std::future_status::ready) {
      out.push_back(futures[i].get());
    } else {
      slots[i]->timed_out = true;
      out.push_back(error_result(calls[i], "the tool timed out after " + std::to_string(timeout_.count()) + " ms"));
    }
  }
  return out;
}

namespace {

Result<TextResult> run_loop(ChatModel& model, const TextRequest& request, const EventSink* sink) {
  if (request.max_steps < 1) return fail(Code::kInvalidArgument, "max_steps must be at least 1");
  bool stopped = false;  // the sink asked to stop
  auto emit = [&](const StreamEvent& e) {
    if (!sink || stopped) return !stopped;
    if (!(*sink)(e)) stopped = true;
    return !stopped;
  };
  auto failed = [&](Error error) -> Result<TextResult> {
    if (stopped) return fail(Code::kCancelled, "cancelled");
    StreamEvent e;
    e.type = EventType::kError;
    e.error = error;
    emit(e);
    return fail(std::move(error));
  };

  ToolRunner runner(request.tools, request.tool_timeout, request.max_result_bytes, request.cancel);
  std::vector<ToolSpec> specs;
  for (const auto& t : request.tools) specs.push_back(t.spec());

  TextResult result;
  std::vector<Message> conversation = request.messages;
  {
    StreamEvent start;
    start.type = EventType::kStart;
    if (!emit(start)) return fail(Code::kCancelled, "cancelled");
  }
  for (int step = 1; step <= request.max_steps; ++step) {
    if (request.cancel && request.cancel->load()) return failed(Error{Code::kCancelled, "cancelled", ""});
    ChatRequest chat;
    chat.messages = conversation;
    chat.tools = specs;
    chat.tool_choice = request.tool_choice;
    chat.max_tokens = request.max_tokens;
    chat.temperature = request.temperature;
    chat.cancel = request.cancel;
    Result<ChatResponse> response = [&]() -> Result<ChatResponse> {
      if (!sink) return model.generate(chat);
      return model.stream(chat, [&](const StreamEvent& e) {
        StreamEvent forwarded = e;
        forwarded.step = step;
        return emit(forwarded);
      });
    }();
    if (!response) return failed(response.error());

    StepReport report;
    report.step = step;
    report.text = response->text();
    report.tool_calls = response->tool_calls();
    report.finish = response->finish;
    report.usage = response->usage;
    Message assistant = response->as_message();
    conversation.push_back(assistant);
    result.messages.push_back(std::move(assistant));

    if (!report.tool_calls.empty()) {
      report.tool_results = runner.run(report.tool_calls);
      for (const auto& r : report.tool_results) {
        StreamEvent e;
        e.type = EventType::kToolResult;
        e.step = step;
        e.tool_result = r;
        if (!emit(e)) return fail(Code::kCancelled, "cancelled");
      }
      Message results = Message::tool_results(report.tool_results);
      conversation.push_back(results);
      result.messages.push_back(std::move(results));
    }
    result.usage += report.usage;
    result.text = report.text;
    result.finish = report.finish;
    {
      StreamEvent e;
      e.type = EventType::kStepFinish;
      e.step = step;
      e.finish = report.finish;
      e.usage = report.usage;
      if (!emit(e)) return fail(Code::kCancelled, "cancelled");
    }
    if (request.on_step) request.on_step(report);
    bool more = !report.tool_calls.empty();
    result.steps.push_back(std::move(report));
    if (!more) break;
  }
  StreamEvent finish;
  finish.type = EventType::kFinish;
  finish.finish = result.finish;
  finish.usage = result.usage;
  if (!emit(finish)) return fail(Code::kCancelled, "cancelled");
  return result;
}

}  // namespace

Result<TextResult> generate_text(ChatModel& model, const TextRequest& request) {
  return run_loop(model, request, nullptr);
}

Result<TextResult> stream_text(ChatModel& model, const TextRequest& request, const EventSink& on_event) {
  return run_loop(model, request, &on_event);
}

}  // namespace mailsift::llm
