// The Anthropic Messages adapter: POST {base_url}/v1/messages with x-api-key and
// anthropic-version headers.
//
// System text goes in the top-level "system" field; tool calls are tool_use blocks and their
// results tool_result blocks in a user turn (consecutive turns of one role are merged). The
// streamed reply is SSE: message_start, content_block_start / _delta (text_delta,
// input_json_delta) / _stop, message_delta (stop_reason, usage), message_stop; ping and unknown
// events are ignored; an "error" event (overloaded_error, ...) ends the call with kUnavailable.
// HTTP 529 (overloaded) is retried like 429. Structured output uses a forced tool.
#pragma once

#include <memory>
#include <string>

#include "llm/chat_model.h"
#include "net/http_client.h"

namespace mailsift::llm {

struct AnthropicOptions {
  std::string base_url = "https://api.anthropic.com";
  std::string model;
  std::string api_key;  // secret; sent as x-api-key
  std::string key_hint;
  std::string version = "2023-06-01";  // anthropic-version
  int default_max_tokens = 1024;       // the API requires max_tokens
  net::HttpOptions http;
};

std::unique_ptr<ChatModel> make_anthropic_chat_model(AnthropicOptions options);

}  // namespace mailsift::llm
