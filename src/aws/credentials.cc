#include "aws/credentials.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace mailsift::aws {

namespace {

struct SharedFiles {
  std::string credentials_path;
  std::string config_path;
};

SharedFiles shared_files(const net::EnvLookup& env) {
  SharedFiles f;
  std::string home = net::env_value(env, "HOME").value_or("");
  f.credentials_path = net::env_value(env, "AWS_SHARED_CREDENTIALS_FILE")
                           .value_or(home.empty() ? std::string() : home + "/.aws/credentials");
  f.config_path = net::env_value(env, "AWS_CONFIG_FILE").value_or(home.empty() ? std::string() : home + "/.aws/config");
  return f;
}

// nullopt when the file does not exist; an error when it exists but cannot be read.
Result<std::optional<IniFile>> read_ini(const std::string& path) {
  if (path.empty()) return std::optional<IniFile>{};
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<IniFile>{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kIo, "cannot read the AWS file " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return std::optional<IniFile>(parse_ini(buf.str()));
}

const std::map<std::string, std::string>* find_section(const IniFile& ini, const std::string& profile,
                                                       bool config_file) {
  // The config file names sections "[profile x]", except "[default]".
  std::vector<std::string> names;
  if (config_file && profile != "default") names.push_back("profile " + profile);
  names.push_back(profile);
  if (config_file && profile == "default") names.push_back("profile default");
  for (const auto& name : names) {
    auto it = ini.find(name);
    if (it != ini.end()) return &it->second;
  }
  return nullptr;
}

std::string get(const std::map<std::string, std::string>& section, const std::string& key) {
  auto it = section.find(key);
  return it == section.end() ? std::string() : it->second;
}

// Credentials from one section; nullopt when it holds none; an error for unsupported kinds.
Result<std::optional<Credentials>> from_section(const std::map<std::string, std::string>& section,
                                                const std::string& profile, const std::string& path) {
  Credentials c;
  c.access_key_id = get(section, "aws_access_key_id");
  c.secret_access_key = get(section, "aws_secret_access_key");
  c.session_token = get(section, "aws_session_token");
  if (c.session_token.empty()) c.session_token = get(section, "aws_security_token");
  if (!c.empty()) {
    c.source = "profile " + profile + " in " + path;
    return std::optional<Credentials>(std::move(c));
  }
  for (const char* key :
       {"sso_session", "sso_start_url", "credential_process", "role_arn", "web_identity_token_file"}) {
    if (section.count(key)) {
      return fail(Code::kInvalidArgument,
                  "AWS profile '" + profile + "' uses " + key + ", which mailsift does not support",
                  "export plain credentials, e.g. eval \"$(aws configure export-credentials --profile " + profile +
                      " --format env)\"");
    }
  }
  return std::optional<Credentials>{};
}

Result<std::optional<Credentials>> from_profile(const net::EnvLookup& env, const std::string& profile) {
  SharedFiles files = shared_files(env);
  auto creds = MAILSIFT_TRY(read_ini(files.credentials_path));
  if (creds) {
    if (const auto* section = find_section(*creds, profile, false)) {
      auto found = MAILSIFT_TRY(from_section(*section, profile, files.credentials_path));
      if (found) return found;
    }
  }
  auto config = MAILSIFT_TRY(read_ini(files.config_path));
  if (config) {
    if (const auto* section = find_section(*config, profile, true)) {
      auto found = MAILSIFT_TRY(from_section(*section, profile, files.config_path));
      if (found) return found;
    }
  }
  return std::optional<Credentials>{};
}

}  // namespace

IniFile parse_ini(std::string_view text) {
  IniFile out;
  std::string section;
  for (auto& raw : split(text, '\n')) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      auto close = line.find(']');
      section = std::string(trim(line.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1)));
      // "[profile   x]" -> "profile x"
      if (section.starts_with("profile")) {
        std::string_view rest = trim(std::string_view(section).substr(7));
        if (!rest.empty() && section.size() > 7 && (section[7] == ' ' || section[7] == '\t'))
          section = "profile " + std::string(rest);
      }
      out[section];
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos || section.empty()) continue;
    std::string key = to_lower(trim(line.substr(0, eq)));
    std::string_view value = trim(line.substr(eq + 1));
    // An inline comment needs whitespace before it.
    for (size_t i = 1; i < value.size(); ++i) {
      if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
        value = trim(value.substr(0, i));
        break;
      }
    }
    out[section][key] = std::string(value);
  }
  return out;
}

Result<Credentials> resolve_credentials(const net::EnvLookup& env, const std::string& explicit_profile) {
  if (!explicit_profile.empty()) {
    auto found = MAILSIFT_TRY(from_profile(env, explicit_profile));
    if (found) return std::move(*found);
    return fail(Code::kNotFound, "AWS profile '" + explicit_profile + "' has no credentials",
                "add it to ~/.aws/credentials, or name another profile");
  }
  auto key = net::env_value(env, "AWS_ACCESS_KEY_ID");
  auto secret = net::env_value(env, "AWS_SECRET_ACCESS_KEY");
  if (key && secret) {
    Credentials c;
    c.access_key_id = *key;
    c.secret_access_key = *secret;
    c.session_token = net::env_value(env, "AWS_SESSION_TOKEN").value_or("");
    c.source = "environment";
    return c;
  }
  std::string profile = net::env_value(env, "AWS_PROFILE").value_or("default");
  auto found = MAILSIFT_TRY(from_profile(env, profile));
  if (found) return std::move(*found);
  return fail(Code::kPermission,
              "no AWS credentials found (looked at AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and profile '" + profile +
                  "' of the shared credentials and config files)",
              "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or set AWS_PROFILE");
}

CredentialsProvider static_credentials(Credentials credentials) {
  return [c = std::move(credentials)]() -> Result<Credentials> { return c; };
}

CredentialsProvider default_credentials_provider(net::EnvLookup env, std::string profile) {
  return [env = std::move(env), profile = std::move(profile)]() { return resolve_credentials(env, profile); };
}

Result<std::string> resolve_region(const net::EnvLookup& env, const std::string& explicit_region,
                                   const std::string& explicit_profile) {
  if (!explicit_region.empty()) return explicit_region;
  if (auto r = net::env_value(env, "AWS_REGION")) return *r;
  if (auto r = net::env_value(env, "AWS_DEFAULT_REGION")) return *r;
  std::string profile =
      !explicit_profile.empty() ? explicit_profile : net::env_value(env, "AWS_PROFILE").value_or("default");
  auto config = MAILSIFT_TRY(read_ini(shared_files(env).config_path));
  if (config) {
    if (const auto* section = find_section(*config, profile, true)) {
      std::string region = get(*section, "region");
      if (!region.empty()) return region;
    }
  }
  return fail(Code::kInvalidArgument, "no AWS region configured",
              "set llm.region (or embeddings.region), AWS_REGION, or region in ~/.aws/config");
}

}  // namespace mailsift::aws
