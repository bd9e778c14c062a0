// ChatModel: the port every language-model provider implements (DESIGN.md).
//
// generate() returns a whole reply; stream() reports text deltas and completed tool calls to a
// sink as they arrive and returns the same assembled reply at the end. Adapters: OpenAI-
// compatible Chat Completions (OpenAI, Ollama /v1, llama.cpp server, vLLM), Anthropic Messages,
// Bedrock Converse/ConverseStream, and the offline model, which generates nothing: callers check
// info().offline first and answer without a model (the chat command lists search results with
// offline_notice()).
//
// Errors (both methods): kUnavailable (network, timeouts, 429/5xx/overloaded after retries, an
// error or exception in the middle of a stream), kPermission (a rejected key, 401/403),
// kInvalidArgument (a request the provider rejects, an unknown model), kTooLarge (request or
// context too large), kParse (a response that cannot be understood), kCancelled (the request's
// cancel flag, or the sink returned false). No message ever contains a key.
//
// Thread-safe: adapters hold no per-call state, so one model may serve several threads.
#pragma once

#include <string>

#include "core/result.h"
#include "llm/events.h"
#include "llm/message.h"

namespace mailsift::llm {

struct ModelInfo {
  std::string provider;  // "openai", "ollama", "anthropic", "bedrock", "offline", ...
  std::string model;     // the model id requests use
  bool offline = false;  // true for the offline model: it never generates
  // True when ChatRequest::response_format is honoured (JSON Schema constrained output);
  // generate_object uses a forced tool otherwise.
  bool native_structured_output = false;
};

class ChatModel {
 public:
  virtual ~ChatModel() = default;
  ChatModel(const ChatModel&) = delete;
  ChatModel& operator=(const ChatModel&) = delete;

  virtual Result<ChatResponse> generate(const ChatRequest& request) = 0;
  // on_event receives kTextDelta and kToolCall events only, in order.
  virtual Result<ChatResponse> stream(const ChatRequest& request, const EventSink& on_event) = 0;
  virtual const ModelInfo& info() const = 0;

  bool offline() const { return info().offline; }

 protected:
  ChatModel() = default;
};

}  // namespace mailsift::llm
