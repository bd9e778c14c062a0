#include "cli/context.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "core/strings.h"
#include "store/email_json.h"

namespace fs = std::filesystem;

namespace mailsift::cli {

namespace {
std::string env_or(char** env, std::string_view name) {
  if (!env) return {};
  for (char** e = env; *e; ++e) {
    std::string_view kv(*e);
    if (kv.size() > name.size() && kv.starts_with(name) && kv[name.size()] == '=') {
      return std::string(kv.substr(name.size() + 1));
    }
  }
  return {};
}
}  // namespace

Result<void> Context::load() {
  std::string explicit_config = global.config_path;
  if (explicit_config.empty()) explicit_config = env_or(environ_, "MAILSIFT_CONFIG");

  // First pass: where is the data directory?
  Config pre;
  if (!explicit_config.empty()) MAILSIFT_TRY_VOID(pre.load_file(explicit_config, true));
  pre.load_env(environ_);
  data_dir_ = global.data_dir;
  if (data_dir_.empty()) data_dir_ = pre.get("data_dir");
  if (data_dir_.empty()) {
    std::string xdg = env_or(environ_, "XDG_DATA_HOME");
    std::string home = env_or(environ_, "HOME");
    if (!xdg.empty()) data_dir_ = xdg + "/mailsift";
    else if (!home.empty()) data_dir_ = home + "/.local/share/mailsift";
    else return fail(Code::kInvalidArgument, "no data directory", "pass --data-dir or set MAILSIFT_DATA_DIR");
  }
  // Second pass, lowest precedence first: the data directory's config.toml, the explicit
  // config file, the environment; flags are applied by the commands.
  MAILSIFT_TRY_VOID(config_.load_file(data_dir_ + "/config.toml", false));
  if (!explicit_config.empty()) MAILSIFT_TRY_VOID(config_.load_file(explicit_config, true));
  config_.load_env(environ_);
  config_.set("data_dir", data_dir_);
  return ok();
}

std::string Context::db_path() const { return data_dir_ + "/mailsift.db"; }

Result<std::unique_ptr<SqliteEmailStore>> Context::open_store(bool create) {
  std::error_code ec;
  if (!fs::exists(db_path(), ec)) {
    if (!create) {
      return fail(Code::kNotFound, "no mailsift data in " + data_dir_,
                  "ingest some mail first (mailsift ingest PATH), or point --data-dir / MAILSIFT_DATA_DIR at a data directory");
    }
    fs::create_directories(data_dir_, ec);
    if (ec) return fail(Code::kIo, "cannot create the data directory " + data_dir_ + ": " + ec.message());
  }
  return SqliteEmailStore::open(db_path());
}

Result<uint64_t> Context::max_message_bytes() const {
  std::string v = config_.get("ingest.max_message_size", "50MB");
  auto r = parse_size(v);
  if (!r) return fail(Code::kInvalidArgument, "setting ingest.max_message_size: " + r.error().message, r.error().hint);
  return r;
}

bool Context::stdout_tty() const { return isatty(STDOUT_FILENO) == 1; }
bool Context::stderr_tty() const { return isatty(STDERR_FILENO) == 1; }

void Context::print_json(const nlohmann::json& j) const { std::cout << dump(j, stdout_tty() ? 2 : -1) << "\n"; }

void Context::note(const std::string& line) const {
  if (!global.quiet) std::cerr << line << "\n";
}

std::string fit(std::string_view text, size_t width) {
  std::string flat = collapse_whitespace(text);
  size_t chars = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80) {
      if (chars == width - 1) {
        // Is there more than one character left?
        size_t rest = 0;
        for (size_t k = i; k < flat.size(); ++k) rest += (static_cast<unsigned char>(flat[k]) & 0xC0) != 0x80;
        if (rest > 1) return flat.substr(0, i) + "…";
        return flat;
      }
      ++chars;
    }
  }
  return flat;
}

std::string human_bytes(uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

}  // namespace mailsift::cli
