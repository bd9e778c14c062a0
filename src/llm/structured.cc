#include "llm/structured.h"

#include "llm/json_schema.h"

namespace mailsift::llm {

namespace {

struct Candidate {
  std::string raw;
  std::optional<Json> value;  // parsed
  std::string problem;        // why it is not acceptable, empty when it is
  std::optional<ToolCall> call;
};

Candidate from_text(const ChatResponse& r, const Json& schema) {
  Candidate c;
  c.raw = r.text();
  auto parsed = extract_json(c.raw);
  if (!parsed) {
    c.problem = c.raw.empty() ? "the reply was empty; a JSON value was expected" : "the reply is not valid JSON";
    return c;
  }
  c.value = *parsed;
  if (auto v = validate_json(schema, *c.value); !v)
    c.problem = "the JSON does not match the schema: " + v.error().message;
  return c;
}

Candidate from_tool(const ChatResponse& r, const Json& schema, const std::string& name) {
  Candidate c;
  for (const auto& call : r.tool_calls()) {
    if (call.name != name) continue;
    c.call = call;
    c.raw = call.input_valid ? dump_json(call.input) : call.input_text;
    if (!call.input_valid) {
      c.problem = "the tool input is not a valid JSON object";
      return c;
    }
    c.value = call.input;
    if (auto v = validate_json(schema, *c.value); !v)
      c.problem = "the tool input does not match the schema: " + v.error().message;
    return c;
  }
  c.raw = r.text();
  c.problem = "the " + name + " tool was not called; call it with the result";
  return c;
}

}  // namespace

Result<ObjectResult> generate_object(ChatModel& model, const ObjectRequest& request, ObjectFailure* failure) {
  StructuredMode mode = request.mode;
  if (mode == StructuredMode::kAuto) {
    mode = model.info().native_structured_output ? StructuredMode::kNative : StructuredMode::kTool;
  }
  bool may_fall_back = request.mode == StructuredMode::kAuto && mode == StructuredMode::kNative;

  std::vector<Message> conversation;
  if (!request.messages.empty()) {
    conversation = request.messages;
  } else {
    if (!request.system.empty()) conversation.push_back(Message::system(request.system));
    conversation.push_back(Message::user(request.prompt));
  }

  ObjectResult result;
  result.attempts = 0;
  Candidate last;
  int repairs_left = request.max_repairs;
  for (;;) {
    ChatRequest chat;
    chat.messages = conversation;
    chat.max_tokens = request.max_tokens;
    chat.temperature = request.temperature;
    chat.cancel = request.cancel;
    if (mode == StructuredMode::kNative) {
      chat.response_format = ResponseFormat{request.name, request.description, request.schema};
    } else {
      chat.tools = {ToolSpec{request.name, request.description, request.schema}};
      chat.tool_choice = {ToolChoiceMode::kTool, request.name};
    }
    auto response = model.generate(chat);
    ++result.attempts;
    if (!response) {
      // A provider that rejects native structured output for this model: use the tool instead.
      if (may_fall_back && response.error().code == Code::kInvalidArgument) {
        may_fall_back = false;
        mode = StructuredMode::kTool;
        continue;
      }
      if (failure) *failure = ObjectFailure{last.raw, result.usage, last.problem, result.attempts};
      return fail(response.error());
    }
    may_fall_back = false;
    result.usage += response->usage;
    last = mode == StructuredMode::kNative ? from_text(*response, request.schema)
                                           : from_tool(*response, request.schema, request.name);
    if (last.problem.empty()) {
      result.value = std::move(*last.value);
      result.raw_text = std::move(last.raw);
      result.mode_used = mode;
      return result;
    }
    if (repairs_left-- <= 0) break;
    // Show the model what it wrote and why it is wrong, once.
    std::string fix = "Your previous answer was not accepted: " + last.problem +
                      ". Answer again with only the corrected result, matching the schema exactly.";
    if (mode == StructuredMode::kTool && last.call) {
      conversation.push_back(Message::assistant_parts({Part::of_tool_call(*last.call)}));
      conversation.push_back(Message::tool_results({ToolResult{last.call->id, request.name, fix, true}}));
    } else {
      conversation.push_back(Message::assistant(last.raw.empty() ? std::string("(no answer)") : last.raw));
      conversation.push_back(Message::user(fix));
    }
  }
  if (failure) *failure = ObjectFailure{last.raw, result.usage, last.problem, result.attempts};
  return fail(Code::kParse,
              "the model's output did not match the schema after " + std::to_string(result.attempts) +
                  " attempts: " + last.problem,
              "try a more capable model, or simplify the schema");
}

}  // namespace mailsift::llm
