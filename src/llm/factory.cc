#include "llm/factory.h"

#include <map>
#include <vector>

#include "aws/credentials.h"
#include "core/strings.h"
#include "llm/anthropic_chat.h"
#include "llm/bedrock_chat.h"
#include "llm/offline.h"
#include "llm/openai_chat.h"
#include "llm/remote_embedders.h"

namespace mailsift::llm {

namespace {

// What the factories read from one section ("llm" or "embeddings").
struct Section {
  const Config& config;
  std::string name;

  std::string get(std::string_view key, std::string_view fallback = {}) const {
    return std::string(trim(config.get(name + "." + std::string(key), fallback)));
  }
  Result<int64_t> get_int(std::string_view key, int64_t fallback) const {
    return config.get_int(name + "." + std::string(key), fallback);
  }
  bool has(std::string_view key) const { return config.has(name + "." + std::string(key)) && !get(key).empty(); }
  std::string key(std::string_view k) const { return name + "." + std::string(k); }
};

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return text;
}

std::string canonical_provider(std::string provider) {
  provider = to_lower(provider);
  if (provider == "openai_compatible" || provider == "openai-compatible" || provider == "openai-compat")
    return "openai-compatible";
  if (provider == "llama.cpp" || provider == "llama-cpp" || provider == "llama_cpp") return "llamacpp";
  if (provider == "none" || provider == "off") return "offline";
  if (provider == "aws" || provider == "bedrock-runtime") return "bedrock";
  return provider;
}

std::string default_base_url(const std::string& provider, bool embeddings) {
  if (provider == "openai") return "https://api.openai.com/v1";
  if (provider == "ollama") return embeddings ? "http://localhost:11434" : "http://localhost:11434/v1";
  if (provider == "llamacpp") return "http://localhost:8080/v1";
  if (provider == "vllm") return "http://localhost:8000/v1";
  if (provider == "anthropic") return "https://api.anthropic.com";
  return "";
}

bool is_local_server(const std::string& provider) {
  return provider == "ollama" || provider == "llamacpp" || provider == "vllm" || provider == "openai-compatible";
}

// Local servers on modest hardware may think for minutes before the first token, so their
// streams have no idle limit by default; hosted APIs start streaming within seconds.
Result<net::HttpOptions> http_options(const Section& s, const std::string& provider, int64_t default_timeout_ms,
                                      const HttpOptionsHook& adjust) {
  net::HttpOptions o;
  int64_t default_idle = is_local_server(provider) ? 0 : 60'000;
  o.transfer.connect_timeout = std::chrono::milliseconds(MAILSIFT_TRY(s.get_int("connect_timeout_ms", 10'000)));
  o.transfer.total_timeout = std::chrono::milliseconds(MAILSIFT_TRY(s.get_int("timeout_ms", default_timeout_ms)));
  o.transfer.idle_timeout = std::chrono::milliseconds(MAILSIFT_TRY(s.get_int("idle_timeout_ms", default_idle)));
  o.retry.max_attempts = static_cast<int>(MAILSIFT_TRY(s.get_int("max_attempts", 3)));
  if (adjust) adjust(o);
  return o;
}

// The key named by <section>.api_key_env. `required`: the provider cannot work without one.
struct Key {
  std::string value;
  std::string hint;  // "the key in OPENAI_API_KEY (llm.api_key_env)"
};

Result<Key> read_key(const Section& s, const net::EnvLookup& env, const std::string& default_var, bool required) {
  std::string var = s.get("api_key_env", default_var);
  Key key;
  if (var.empty()) return key;
  key.hint = "the key in " + var + " (" + s.key("api_key_env") + ")";
  auto value = net::env_value(env, var);
  if (!value) {
    if (!required && !s.has("api_key_env")) return key;
    return fail(Code::kPermission,
                "the environment variable " + var + " named by " + s.key("api_key_env") + " is not set",
                "export " + var + "=<your key>, or name another variable in " + s.key("api_key_env"));
  }
  key.value = *value;
  return key;
}

Result<std::string> required_model(const Section& s, const std::string& provider) {
  std::string model = s.get("model");
  if (model.empty()) {
    return fail(Code::kInvalidArgument,
                s.key("provider") + " is " + provider + " but " + s.key("model") + " is not set",
                "set " + s.key("model") + " (or MAILSIFT_" + upper(s.name) + "_MODEL)");
  }
  return model;
}

Result<aws::CredentialsProvider> aws_credentials(const Section& s, const net::EnvLookup& env) {
  std::string profile = s.get("profile");
  // Resolve once now so that a missing configuration fails at start-up, not at the first question.
  MAILSIFT_TRY_VOID(aws::resolve_credentials(env, profile));
  return aws::default_credentials_provider(env, profile);
}

using ChatFactory = std::function<Result<std::unique_ptr<ChatModel>>(const Section&, const std::string& provider,
                                                                     const net::EnvLookup&, const HttpOptionsHook&)>;

Result<std::unique_ptr<ChatModel>> openai_factory(const Section& s, const std::string& provider,
                                                  const net::EnvLookup& env, const HttpOptionsHook& adjust) {
  OpenAiOptions o;
  o.provider = provider == "openai-compatible" ? "openai-compatible" : provider;
  o.model = MAILSIFT_TRY(required_model(s, provider));
  o.base_url = s.get("base_url", default_base_url(provider, false));
  if (o.base_url.empty()) {
    return fail(Code::kInvalidArgument, "llm.base_url is required for the openai-compatible provider",
                "e.g. http://localhost:8000/v1");
  }
  Key key = MAILSIFT_TRY(read_key(s, env, provider == "openai" ? "OPENAI_API_KEY" : "", provider == "openai"));
  o.api_key = key.value;
  o.key_hint = key.hint;
  if (provider == "openai") o.max_tokens_field = "max_completion_tokens";
  o.default_max_tokens = static_cast<int>(MAILSIFT_TRY(s.get_int("max_tokens", 0)));
  std::string mode = to_lower(s.get("structured_output", "auto"));
  o.native_structured_output = mode != "tool";
  o.http = MAILSIFT_TRY(http_options(s, provider, 300'000, adjust));
  return make_openai_chat_model(std::move(o));
}

Result<std::unique_ptr<ChatModel>> anthropic_factory(const Section& s, const std::string& provider,
                                                     const net::EnvLookup& env, const HttpOptionsHook& adjust) {
  AnthropicOptions o;
  o.model = MAILSIFT_TRY(required_model(s, provider));
  o.base_url = s.get("base_url", default_base_url(provider, false));
  Key key = MAILSIFT_TRY(read_key(s, env, "ANTHROPIC_API_KEY", true));
  o.api_key = key.value;
  o.key_hint = key.hint;
  o.version = s.get("anthropic_version", o.version);
  o.default_max_tokens = static_cast<int>(MAILSIFT_TRY(s.get_int("max_tokens", o.default_max_tokens)));
  o.http = MAILSIFT_TRY(http_options(s, provider, 300'000, adjust));
  return make_anthropic_chat_model(std::move(o));
}

Result<std::unique_ptr<ChatModel>> bedrock_factory(const Section& s, const std::string& provider,
                                                   const net::EnvLookup& env, const HttpOptionsHook& adjust) {
  BedrockOptions o;
  o.model_id = MAILSIFT_TRY(required_model(s, provider));
  o.region = MAILSIFT_TRY(aws::resolve_region(env, s.get("region"), s.get("profile")));
  o.endpoint = s.get("base_url");
  o.credentials = MAILSIFT_TRY(aws_credentials(s, env));
  o.default_max_tokens = static_cast<int>(MAILSIFT_TRY(s.get_int("max_tokens", o.default_max_tokens)));
  o.native_structured_output = to_lower(s.get("structured_output", "auto")) == "native";
  o.http = MAILSIFT_TRY(http_options(s, provider, 300'000, adjust));
  return make_bedrock_chat_model(std::move(o));
}

const std::map<std::string, ChatFactory>& chat_factories() {
  static const std::map<std::string, ChatFactory> kTable = {
      {"openai", openai_factory},   {"openai-compatible", openai_factory},
      {"ollama", openai_factory},   {"llamacpp", openai_factory},
      {"vllm", openai_factory},     {"anthropic", anthropic_factory},
      {"bedrock", bedrock_factory},
  };
  return kTable;
}

// Dimensions of well-known embedding models, used when embeddings.dimensions is not set.
size_t known_dimension(const std::string& model) {
  static const std::map<std::string, size_t> kKnown = {
      {"text-embedding-3-small", 1536},
      {"text-embedding-3-large", 3072},
      {"text-embedding-ada-002", 1536},
      {"nomic-embed-text", 768},
      {"mxbai-embed-large", 1024},
      {"all-minilm", 384},
      {"bge-m3", 1024},
      {"snowflake-arctic-embed", 1024},
      {"amazon.titan-embed-text-v2:0", 1024},
      {"amazon.titan-embed-text-v1", 1536},
  };
  // Ollama names carry a tag ("nomic-embed-text:latest"); Bedrock ids end in a version (":0").
  std::string base = model.starts_with("amazon.") ? model : model.substr(0, model.find(':'));
  auto it = kKnown.find(base);
  return it == kKnown.end() ? 0 : it->second;
}

}  // namespace

std::string chat_provider_names() {
  return "offline, openai, openai-compatible, ollama, llamacpp, vllm, anthropic, bedrock";
}

Result<std::unique_ptr<ChatModel>> make_chat_model(const Config& config, const net::EnvLookup& env,
                                                   const HttpOptionsHook& adjust_http) {
  Section s{config, "llm"};
  std::string provider = canonical_provider(s.get("provider", "offline"));
  if (provider.empty() || provider == "offline") return make_offline_chat_model();
  auto it = chat_factories().find(provider);
  if (it == chat_factories().end()) {
    return fail(Code::kInvalidArgument, "unknown llm.provider '" + provider + "'",
                "use one of: " + chat_provider_names());
  }
  return it->second(s, provider, env, adjust_http);
}

Result<std::unique_ptr<Embedder>> make_remote_embedder(const Config& config, const net::EnvLookup& env,
                                                       const HttpOptionsHook& adjust_http) {
  Section s{config, "embeddings"};
  std::string provider = canonical_provider(s.get("provider", "local"));
  if (provider.empty() || provider == "local") return std::unique_ptr<Embedder>();
  static const std::vector<std::string> kKnown = {"openai", "openai-compatible", "ollama", "llamacpp", "vllm",
                                                  "bedrock"};
  if (std::find(kKnown.begin(), kKnown.end(), provider) == kKnown.end()) {
    return fail(Code::kInvalidArgument, "unknown embeddings.provider '" + provider + "'",
                "use one of: local, openai, openai-compatible, ollama, llamacpp, vllm, bedrock");
  }
  RemoteEmbedderOptions o;
  o.provider = provider;
  o.model = MAILSIFT_TRY(required_model(s, provider));
  int64_t dims = MAILSIFT_TRY(s.get_int("dimensions", 0));
  o.send_dimensions = dims > 0 && (provider == "openai" || provider == "bedrock");
  o.dimension = dims > 0 ? static_cast<size_t>(dims) : known_dimension(o.model);
  if (o.dimension == 0) {
    return fail(Code::kInvalidArgument, "the dimension of embedding model '" + o.model + "' is not known",
                "set embeddings.dimensions");
  }
  o.request_batch = static_cast<size_t>(std::max<int64_t>(1, MAILSIFT_TRY(s.get_int("batch_size", 32))));
  o.max_batch = static_cast<size_t>(std::max<int64_t>(1, MAILSIFT_TRY(s.get_int("max_batch", 256))));
  o.concurrency = static_cast<size_t>(std::max<int64_t>(1, MAILSIFT_TRY(s.get_int("concurrency", 4))));
  o.encoding_format = to_lower(s.get("encoding_format", "float"));
  if (o.encoding_format != "float" && o.encoding_format != "base64") {
    return fail(Code::kInvalidArgument, "embeddings.encoding_format must be float or base64");
  }
  o.http = MAILSIFT_TRY(http_options(s, provider, 60'000, adjust_http));
  if (provider == "bedrock") {
    o.region = MAILSIFT_TRY(aws::resolve_region(env, s.get("region"), s.get("profile")));
    o.base_url = s.get("base_url");
    o.credentials = MAILSIFT_TRY(aws_credentials(s, env));
    o.send_dimensions = true;
    return make_titan_embedder(std::move(o));
  }
  o.base_url = s.get("base_url", default_base_url(provider, provider == "ollama"));
  if (o.base_url.empty()) return fail(Code::kInvalidArgument, "embeddings.base_url is required for " + provider);
  if (provider == "ollama") return make_ollama_embedder(std::move(o));
  Key key = MAILSIFT_TRY(read_key(s, env, provider == "openai" ? "OPENAI_API_KEY" : "", provider == "openai"));
  o.api_key = key.value;
  o.key_hint = key.hint;
  return make_openai_embedder(std::move(o));
}

Result<LoopSettings> loop_settings(const Config& config) {
  LoopSettings l;
  l.max_steps = static_cast<int>(MAILSIFT_TRY(config.get_int("chat.max_steps", l.max_steps)));
  if (l.max_steps < 1) return fail(Code::kInvalidArgument, "chat.max_steps must be at least 1");
  l.tool_timeout =
      std::chrono::milliseconds(MAILSIFT_TRY(config.get_int("chat.tool_timeout_ms", l.tool_timeout.count())));
  int64_t bytes =
      MAILSIFT_TRY(config.get_int("chat.max_tool_result_bytes", static_cast<int64_t>(l.max_tool_result_bytes)));
  if (bytes < 256) return fail(Code::kInvalidArgument, "chat.max_tool_result_bytes must be at least 256");
  l.max_tool_result_bytes = static_cast<size_t>(bytes);
  return l;
}

}  // namespace mailsift::llm
