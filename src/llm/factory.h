// Building a ChatModel, a remote Embedder and the tool-loop settings from configuration
// (STYLE.md habit 7: an explicit name -> factory table, no static registration).
//
// [llm]
//   provider        offline (default) | openai | openai-compatible | ollama | llamacpp | vllm |
//                   anthropic | bedrock
//   model           the model name or Bedrock model id (required unless offline)
//   base_url        default per provider (openai https://api.openai.com/v1, ollama
//                   http://localhost:11434/v1, llamacpp http://localhost:8080/v1, vllm
//                   http://localhost:8000/v1, anthropic https://api.anthropic.com); for bedrock an
//                   endpoint override
//   api_key_env     the NAME of the environment variable holding the key (default
//                   OPENAI_API_KEY for openai, ANTHROPIC_API_KEY for anthropic; none otherwise)
//   region, profile Bedrock: AWS region and credentials profile (else the AWS_* variables)
//   max_tokens, structured_output (auto | native | tool), anthropic_version
//   connect_timeout_ms (10000), timeout_ms (300000), max_attempts (3), idle_timeout_ms (a stream
//   that sends nothing this long is abandoned; 60000 for hosted APIs, none for local servers)
// [embeddings]      provider local (default: nullptr is returned, the app uses the local
//                   embedder) | openai | openai-compatible | ollama | llamacpp | vllm | bedrock;
//                   model, base_url, api_key_env, region, profile, dimensions, batch_size (texts
//                   per request), max_batch (texts per embed() call), concurrency,
//                   encoding_format (float | base64), timeout_ms, max_attempts
// [chat]            max_steps (5), tool_timeout_ms (30000), max_tool_result_bytes (16000)
// Every key may be set by MAILSIFT_<SECTION>_<KEY> (core/config.h).
//
// Keys: read through the EnvLookup when the model is built, kept in the adapter, sent only in
// the request's auth header; errors name the variable, never its value.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/result.h"
#include "llm/chat_model.h"
#include "net/env.h"
#include "net/http_client.h"
#include "search/embedder.h"

namespace mailsift::llm {

// Optional: adjusts the HTTP options (timeouts, retries from the config already applied) of the
// adapter being built, e.g. to add a log sink or, in tests, a sleep that does not wait.
using HttpOptionsHook = std::function<void(net::HttpOptions&)>;

// Errors: kInvalidArgument (unknown provider, missing model, bad number), kPermission (the
// named key variable is unset, or no AWS credentials), with hints.
Result<std::unique_ptr<ChatModel>> make_chat_model(const Config& config, const net::EnvLookup& env,
                                                   const HttpOptionsHook& adjust_http = {});

// nullptr (not an error) when embeddings.provider is empty or "local": the app then uses the
// local embedder. Errors: as make_chat_model, and kInvalidArgument when the dimension of an
// unknown model is not configured.
Result<std::unique_ptr<Embedder>> make_remote_embedder(const Config& config, const net::EnvLookup& env,
                                                       const HttpOptionsHook& adjust_http = {});

struct LoopSettings {
  int max_steps = 5;
  std::chrono::milliseconds tool_timeout{30'000};
  size_t max_tool_result_bytes = 16'000;
};
Result<LoopSettings> loop_settings(const Config& config);

// The provider names make_chat_model accepts, for help texts.
std::string chat_provider_names();

}  // namespace mailsift::llm
