// What every subcommand shares: global options, the merged configuration, the data directory,
// and how to open the store and print. The CLI is an app: it is where the environment is read
// and where adapters are chosen and wired together.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/result.h"
#include "store/sqlite_store.h"

namespace mailsift::cli {

struct GlobalOptions {
  std::string data_dir;
  std::string config_path;
  int verbose = 0;
  bool quiet = false;
};

class Context {
 public:
  explicit Context(char** environ_block) : environ_(environ_block) {}

  GlobalOptions global;

  // Reads the configuration files and environment and resolves the data directory.
  // Call once, after the command line is parsed. Errors: kParse, kIo, kInvalidArgument.
  Result<void> load();

  const Config& config() const { return config_; }
  Config& config() { return config_; }
  const std::string& data_dir() const { return data_dir_; }
  std::string db_path() const;

  // Opens the store. With create, makes the data directory first; without, a missing data
  // directory is kNotFound with a hint.
  Result<std::unique_ptr<SqliteEmailStore>> open_store(bool create);

  // The per-message size limit (ingest.max_message_size, default 50MB).
  Result<uint64_t> max_message_bytes() const;

  bool stdout_tty() const;
  bool stderr_tty() const;
  // Prints a JSON value on stdout, one line (or pretty when stdout is a terminal).
  void print_json(const nlohmann::json& j) const;
  // A line on stderr unless --quiet.
  void note(const std::string& line) const;

 private:
  char** environ_;
  Config config_;
  std::string data_dir_;
};

// Shortens text to at most `width` display columns (counting UTF-8 characters), adding "…".
std::string fit(std::string_view text, size_t width);
// "12.3 MB".
std::string human_bytes(uint64_t bytes);

}  // namespace mailsift::cli
