// Redaction: keeps credentials out of every error message, log line and JSON output.
//
// The rule: the value of a secret header (Authorization, Proxy-Authorization, x-api-key,
// api-key, X-Amz-Security-Token, Cookie, ...) and the value of a secret-looking URL query
// parameter (key, api_key, token, X-Amz-Signature, X-Amz-Credential, ...) never leave the
// process except in the request itself. Text that may echo them (a server's error body, a curl
// message) goes through scrub() before it is put into an Error or a log line.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "net/http.h"

namespace mailsift::net {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// True for header names whose values are credentials (case-insensitive).
bool is_secret_header(std::string_view name);

// The URL with the values of secret-looking query parameters replaced by [REDACTED].
std::string redact_url(std::string_view url);

// "Name: value" lines for logging, with secret values replaced.
std::string describe_headers(const Headers& headers);

// Replaces in `text` every occurrence of each secret (and, for values like "Bearer sk-...",
// of each token of 8 or more characters inside it) with [REDACTED]. Empty secrets are ignored.
std::string scrub(std::string_view text, std::span<const std::string> secrets);

// scrub() with the secrets a request carries: its secret header values and secret URL
// parameters.
std::string scrub(std::string_view text, const HttpRequest& request);

}  // namespace mailsift::net
