// AWS credentials and region, resolved the way the AWS CLI and SDKs do for the sources mailsift
// supports: the standard environment variables, then the shared credentials file and the shared
// config file, by profile.
//
// Order, for credentials:
//   1. an explicit profile (a setting such as llm.profile): that profile only;
//   2. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), as on Lambda;
//   3. profile AWS_PROFILE (or "default") in AWS_SHARED_CREDENTIALS_FILE (default
//      $HOME/.aws/credentials), then in AWS_CONFIG_FILE (default $HOME/.aws/config, where
//      sections are "[profile name]", and "[default]").
// Region: an explicit region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`.
// Not supported (an error with a hint): SSO, credential_process, role_arn profiles, and the
// EC2/ECS metadata services.
//
// The environment comes in as an EnvLookup (src/net/env.h); no function here calls getenv.
// Secrets never appear in error messages.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "net/env.h"

namespace mailsift::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::string source;         // where they came from ("environment", "profile default in <file>")

  bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
};

// Fetches current credentials; called before every signed request so that refreshed
// credentials (STS, later) are picked up. Must be thread-safe.
using CredentialsProvider = std::function<Result<Credentials>()>;

// Errors: kPermission (no credentials found, with a hint naming the variables and files looked
// at), kInvalidArgument (unsupported profile kind), kIo (unreadable file), kNotFound (an
// explicit profile that does not exist).
Result<Credentials> resolve_credentials(const net::EnvLookup& env, const std::string& profile = {});

// Resolved once, then returned as is: the provider for static credentials.
CredentialsProvider static_credentials(Credentials credentials);

// A provider that resolves again on every call (cheap: a few small files).
CredentialsProvider default_credentials_provider(net::EnvLookup env, std::string profile = {});

// Errors: kInvalidArgument when no region is found (with a hint).
Result<std::string> resolve_region(const net::EnvLookup& env, const std::string& explicit_region = {},
                                   const std::string& profile = {});

// Parses an INI file of the shared credentials/config form: section -> key -> value, keys
// lower-cased, '#' and ';' comments. Exposed for tests.
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
IniFile parse_ini(std::string_view text);

}  // namespace mailsift::aws
