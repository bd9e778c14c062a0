#include "net/env.h"

#include <cstdlib>

namespace mailsift::net {

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    // getenv is safe to call concurrently as long as nobody calls setenv, which mailsift never does.
    const char* value = std::getenv(std::string(name).c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

EnvLookup env_from_map(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

EnvLookup empty_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

std::optional<std::string> env_value(const EnvLookup& env, std::string_view name) {
  if (!env || name.empty()) return std::nullopt;
  auto value = env(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

}  // namespace mailsift::net
