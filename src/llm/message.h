// The provider-neutral vocabulary of the llm layer: messages made of parts (text, tool call,
// tool result), tool specifications, requests, responses, finish reasons and token usage.
// Every adapter translates to and from these; nothing here knows a provider. Plain data.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llm/json_util.h"

namespace mailsift::llm {

enum class Role { kSystem, kUser, kAssistant, kTool };
std::string_view role_name(Role role);  // "system", "user", "assistant", "tool"

struct ToolCall {
  std::string id;  // provider's id, or one made up when the provider gives none
  std::string name;
  Json input = Json::object();  // the parsed arguments (an object); {} when input_valid is false
  std::string input_text;       // the arguments exactly as the model sent them
  bool input_valid = true;      // false when input_text is not a JSON object

  // Parses `arguments` (empty means {}); sets input_valid.
  static ToolCall from_text(std::string id, std::string name, std::string arguments);
};

struct ToolResult {
  std::string id;      // the ToolCall::id it answers
  std::string name;    // the tool's name
  std::string output;  // what the model reads (text, often JSON)
  bool is_error = false;
};

enum class PartKind { kText, kToolCall, kToolResult };

struct Part {
  PartKind kind = PartKind::kText;
  std::string text;        // kText
  ToolCall tool_call;      // kToolCall
  ToolResult tool_result;  // kToolResult

  static Part of_text(std::string text);
  static Part of_tool_call(ToolCall call);
  static Part of_tool_result(ToolResult result);
};

// System messages may appear anywhere; adapters gather their text, in order, into the
// provider's system prompt. Tool results travel in kTool messages.
struct Message {
  Role role = Role::kUser;
  std::vector<Part> parts;

  static Message system(std::string text);
  static Message user(std::string text);
  static Message assistant(std::string text);
  static Message assistant_parts(std::vector<Part> parts);
  static Message tool_results(const std::vector<ToolResult>& results);

  std::string text() const;  // the text parts, concatenated
};

enum class FinishReason { kStop, kLength, kToolCalls, kContentFilter, kError };
std::string_view finish_reason_name(FinishReason reason);  // "stop", "length", "tool-calls", ...

struct Usage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t total_tokens = 0;
  Usage& operator+=(const Usage& other);
};

struct ToolSpec {
  std::string name;  // providers accept [a-zA-Z0-9_-]{1,64}
  std::string description;
  Json input_schema = Json::object();  // a JSON Schema of type object
};

enum class ToolChoiceMode { kAuto, kNone, kRequired, kTool };
struct ToolChoice {
  ToolChoiceMode mode = ToolChoiceMode::kAuto;
  std::string name;  // kTool only
};

// Native structured output: the reply's text must be JSON matching the schema.
struct ResponseFormat {
  std::string name = "result";
  std::string description;
  Json schema = Json::object();
};

struct ChatRequest {
  std::vector<Message> messages;
  std::vector<ToolSpec> tools;
  ToolChoice tool_choice;
  // Only for models whose info().native_structured_output is true.
  std::optional<ResponseFormat> response_format;
  std::optional<int> max_tokens;  // else the adapter's default
  std::optional<double> temperature;
  // Borrowed, optional: set to true to stop the call (kCancelled).
  const std::atomic<bool>* cancel = nullptr;
};

struct ChatResponse {
  std::vector<Part> content;  // assistant text and tool calls, in order
  FinishReason finish = FinishReason::kStop;
  std::string raw_finish;  // the provider's own value ("end_turn", "tool_calls", ...)
  Usage usage;
  std::string model;  // as the provider reported it

  std::string text() const;
  std::vector<ToolCall> tool_calls() const;
  // The assistant message to append to the conversation.
  Message as_message() const;
};

}  // namespace mailsift::llm
