// generate_object: asks a model for JSON that validates against a JSON Schema.
//
// Mode kNative puts the schema in ChatRequest::response_format (models whose
// info().native_structured_output is true); mode kTool offers one tool whose input schema is
// the schema and forces the model to call it; kAuto picks native when the model has it, and falls
// back to the tool once if the provider rejects the native request as invalid. Output that does
// not parse or validate gets one repair attempt (by default): the model sees its output and the
// validation error and answers again. After that the call fails with kParse, and `failure`
// (when given) keeps the raw text, the accumulated usage and the last validation error.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "llm/chat_model.h"

namespace mailsift::llm {

enum class StructuredMode { kAuto, kNative, kTool };

struct ObjectRequest {
  std::string system;             // optional system prompt
  std::string prompt;             // the user's request; ignored when `messages` is not empty
  std::vector<Message> messages;  // a whole conversation instead of system + prompt
  Json schema = Json::object();   // the JSON Schema the object must match
  std::string name = "result";    // names the tool / format ([a-zA-Z0-9_-])
  std::string description = "Return the result as structured data.";
  StructuredMode mode = StructuredMode::kAuto;
  int max_repairs = 1;
  std::optional<int> max_tokens;
  std::optional<double> temperature = 0.0;
  const std::atomic<bool>* cancel = nullptr;
};

struct ObjectResult {
  Json value;            // validates against the schema
  std::string raw_text;  // the model's output it came from (text, or the tool input as JSON)
  Usage usage;           // over every attempt
  int attempts = 1;      // model calls made
  StructuredMode mode_used = StructuredMode::kTool;
};

// Filled when generate_object fails after the model answered.
struct ObjectFailure {
  std::string raw_text;
  Usage usage;
  std::string validation_error;
  int attempts = 0;
};

// Errors: kParse when the output is still invalid after the repairs (the message holds the
// validation error); any ChatModel error; kUnavailable from the offline model.
Result<ObjectResult> generate_object(ChatModel& model, const ObjectRequest& request, ObjectFailure* failure = nullptr);

}  // namespace mailsift::llm
