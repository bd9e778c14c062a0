// EnvLookup: how library code sees the process environment without reading it.
//
// Core and library code never call getenv (STYLE.md habit 2). Adapters that need a secret (an
// API key named by llm.api_key_env) or the standard AWS variables take an EnvLookup, and the
// app (src/cli, src/server, the Lambda entry) passes process_env() in. Tests pass env_from_map().
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mailsift::net {

// Returns the value of the variable, or nullopt when it is unset. An empty value is returned as
// an empty string (callers usually treat it as unset). Must be safe to call from several threads.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The real environment (getenv). For apps only: library code receives an EnvLookup instead.
EnvLookup process_env();

// A fixed environment, for tests and for callers that build one explicitly.
EnvLookup env_from_map(std::map<std::string, std::string> values);

// A lookup that knows no variables.
EnvLookup empty_env();

// The value when it is set and not empty.
std::optional<std::string> env_value(const EnvLookup& env, std::string_view name);

}  // namespace mailsift::net
