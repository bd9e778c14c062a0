// Configuration: a TOML file, overridden by MAILSIFT_* environment variables, overridden by
// command-line flags. Settings are flat "section.key" strings; each folder reads the keys it
// owns (with its own defaults) so that adding a setting touches one folder only.
//
// Environment mapping: MAILSIFT_<SECTION>_<KEY> sets "section.key" when <SECTION> is one of
// kSections below (MAILSIFT_LLM_BASE_URL -> "llm.base_url"); any other MAILSIFT_<NAME> sets the
// top-level key "name" (MAILSIFT_DATA_DIR -> "data_dir"). Secrets are never stored here: a
// setting names the environment variable that holds a key (e.g. llm.api_key_env).
//
// Not thread-safe for writes; read-only use from several threads is fine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mailsift {

class Config {
 public:
  // Sections whose environment variables map to "section.key".
  static const std::vector<std::string>& sections();

  // Reads a TOML file; a missing file is an error only if `required`.
  // Errors: kIo (unreadable), kParse (bad TOML: message has line and column).
  Result<void> load_file(const std::string& path, bool required);
  // Applies MAILSIFT_* variables from an environment block ("NAME=value" strings).
  void load_env(char** environ_block);
  void set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  bool has(std::string_view key) const { return values_.count(std::string(key)) > 0; }

  std::string get(std::string_view key, std::string_view fallback = {}) const;
  // Errors: kInvalidArgument naming the key, when the value is not a number / boolean.
  Result<int64_t> get_int(std::string_view key, int64_t fallback) const;
  Result<double> get_double(std::string_view key, double fallback) const;
  Result<bool> get_bool(std::string_view key, bool fallback) const;
  // Comma-separated list (TOML arrays are stored that way).
  std::vector<std::string> get_list(std::string_view key) const;

  const std::map<std::string, std::string>& values() const { return values_; }
  // The files that were read, in order (for `mailsift config`).
  const std::vector<std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> files_;
};

// Turns "50MB", "512k", "1g", "1048576" into bytes. Errors: kInvalidArgument.
Result<uint64_t> parse_size(std::string_view text);

}  // namespace mailsift
