// The Amazon Bedrock adapter: Converse (POST /model/{modelId}/converse) and ConverseStream
// (/converse-stream), signed with SigV4 (service "bedrock").
//
// The model id (or inference-profile ARN) is percent-encoded into the path, so its ':' is sent
// as %3A and signed as %253A (src/aws/sigv4.h). Messages are user/assistant turns of content
// blocks: text, toolUse{toolUseId, name, input}, toolResult{toolUseId, content:[{text}], status:
// success|error}; system text goes in "system":[{text}]; tools in toolConfig with toolChoice
// auto|any|tool. The streamed reply is application/vnd.amazon.eventstream: each frame's
// :event-type names a ConverseStream event (messageStart, contentBlockStart/Delta/Stop,
// messageStop, metadata) with a JSON payload; frames with :message-type "exception" (throttling,
// internalServer, modelStreamError, validation, serviceUnavailable) end the call with an error.
// Native structured output (outputConfig.textFormat json_schema) when enabled in the options.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "llm/chat_model.h"
#include "net/http_client.h"

namespace mailsift::llm {

struct BedrockOptions {
  std::string region;
  std::string model_id;  // "anthropic.claude-3-haiku-20240307-v1:0", or an inference profile id/ARN
  std::string endpoint;  // default https://bedrock-runtime.{region}.amazonaws.com (tests point it elsewhere)
  aws::CredentialsProvider credentials;
  int default_max_tokens = 1024;
  bool native_structured_output = false;  // send outputConfig for ResponseFormat (newer models only)
  net::HttpOptions http;
};

std::unique_ptr<ChatModel> make_bedrock_chat_model(BedrockOptions options);

// The error a Bedrock exception names (from an HTTP error's x-amzn-ErrorType, or an event-stream
// exception frame's :exception-type): throttling, service unavailable, internal, model stream
// and timeout errors are kUnavailable; validation kInvalidArgument; access denied kPermission.
Error bedrock_exception_error(std::string_view exception_type, std::string_view message);

}  // namespace mailsift::llm
