// ScriptedChatModel: an in-memory ChatModel for tests of code above the port (the tool loop,
// structured output, and later the chat command). Replies are queued in order; every request is
// recorded. stream() emits the reply's text in two deltas and each tool call, like a provider.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "llm/chat_model.h"

namespace mailsift::testing {

class ScriptedChatModel : public llm::ChatModel {
 public:
  using Reply = std::function<Result<llm::ChatResponse>(const llm::ChatRequest&)>;

  explicit ScriptedChatModel(bool native_structured_output = false) {
    info_ = {"scripted", "scripted-1", false, native_structured_output};
  }

  void push(llm::ChatResponse response) {
    push([response](const llm::ChatRequest&) -> Result<llm::ChatResponse> { return response; });
  }
  void push_error(Error error) {
    push([error](const llm::ChatRequest&) -> Result<llm::ChatResponse> { return fail(error); });
  }
  void push(Reply reply) {
    std::lock_guard<std::mutex> lock(mu_);
    replies_.push_back(std::move(reply));
  }

  // A reply with text only / with tool calls.
  static llm::ChatResponse text(std::string text, llm::Usage usage = {10, 5, 15}) {
    llm::ChatResponse r;
    r.content.push_back(llm::Part::of_text(std::move(text)));
    r.finish = llm::FinishReason::kStop;
    r.usage = usage;
    return r;
  }
  static llm::ChatResponse calls(std::vector<llm::ToolCall> calls, std::string text = {}) {
    llm::ChatResponse r;
    if (!text.empty()) r.content.push_back(llm::Part::of_text(std::move(text)));
    for (auto& c : calls) r.content.push_back(llm::Part::of_tool_call(std::move(c)));
    r.finish = llm::FinishReason::kToolCalls;
    r.usage = {20, 8, 28};
    return r;
  }
  static llm::ToolCall call(std::string id, std::string name, const std::string& arguments) {
    return llm::ToolCall::from_text(std::move(id), std::move(name), arguments);
  }

  Result<llm::ChatResponse> generate(const llm::ChatRequest& request) override { return next(request); }

  Result<llm::ChatResponse> stream(const llm::ChatRequest& request, const llm::EventSink& sink) override {
    auto r = next(request);
    if (!r) return r;
    for (const auto& p : r->content) {
      if (p.kind == llm::PartKind::kText) {
        size_t half = p.text.size() / 2;
        if (!sink(llm::StreamEvent::text_delta(p.text.substr(0, half)))) return fail(Code::kCancelled, "cancelled");
        if (!sink(llm::StreamEvent::text_delta(p.text.substr(half)))) return fail(Code::kCancelled, "cancelled");
      } else if (p.kind == llm::PartKind::kToolCall) {
        if (!sink(llm::StreamEvent::of_tool_call(p.tool_call))) return fail(Code::kCancelled, "cancelled");
      }
    }
    return r;
  }

  const llm::ModelInfo& info() const override { return info_; }

  std::vector<llm::ChatRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  size_t remaining() const {
    std::lock_guard<std::mutex> lock(mu_);
    return replies_.size();
  }

 private:
  Result<llm::ChatResponse> next(const llm::ChatRequest& request) {
    Reply reply;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      if (replies_.empty()) return fail(Code::kInternal, "ScriptedChatModel: no reply queued");
      reply = std::move(replies_.front());
      replies_.pop_front();
    }
    return reply(request);
  }

  llm::ModelInfo info_;
  mutable std::mutex mu_;
  std::deque<Reply> replies_;
  std::vector<llm::ChatRequest> requests_;
};

}  // namespace mailsift::testing
