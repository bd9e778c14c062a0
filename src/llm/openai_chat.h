// The OpenAI-compatible Chat Completions adapter: POST {base_url}/chat/completions.
//
// One adapter for OpenAI, Ollama's /v1, llama.cpp's llama-server (run with --jinja for tools)
// and vLLM (--enable-auto-tool-choice --tool-call-parser ...). Tools go out as
// {type:"function", function:{name, description, parameters}}; replies' tool_calls come back
// with arguments as a JSON string. Streaming reads SSE "data:" chunks, reassembles tool-call
// argument fragments by their index, and ends at "data: [DONE]"; usage comes from the
// stream_options.include_usage chunk. Native structured output uses
// response_format {type:"json_schema"}.
#pragma once

#include <memory>
#include <string>

#include "llm/chat_model.h"
#include "net/http_client.h"

namespace mailsift::llm {

struct OpenAiOptions {
  std::string provider = "openai";  // the label in ModelInfo and errors: openai, ollama, llamacpp, vllm
  std::string base_url = "https://api.openai.com/v1";
  std::string model;
  std::string api_key;                          // secret; sent as "Authorization: Bearer"; empty: no header
  std::string key_hint;                         // where the key comes from, for error hints (never the key)
  std::string max_tokens_field = "max_tokens";  // OpenAI's newer models want max_completion_tokens
  int default_max_tokens = 0;                   // 0: let the server decide
  bool native_structured_output = true;
  bool stream_usage = true;  // send stream_options.include_usage
  net::HttpOptions http;
};

std::unique_ptr<ChatModel> make_openai_chat_model(OpenAiOptions options);

}  // namespace mailsift::llm
