// Url: the parts of an absolute http(s) URL that the HTTP client and the SigV4 signer need.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace mailsift::net {

struct Url {
  std::string scheme;  // "http" or "https", lower-case
  std::string host;    // lower-case; IPv6 literals keep their brackets ("[::1]")
  int port = 0;        // the explicit port, or 0 when the URL has none
  std::string path;    // as written (percent-encoded wire form), "/" when empty
  std::string query;   // after '?', without it; empty when none (fragments are dropped)

  int effective_port() const;  // port, else 80 / 443 by scheme
  // "host" or "host:port" when the port is explicit and not the scheme's default: the value of
  // the Host header that curl sends, and that SigV4 signs.
  std::string authority() const;
  // scheme://authority (no path).
  std::string origin() const;
  // path plus "?query" when there is a query.
  std::string target() const;
};

// Errors: kInvalidArgument when the text is not an absolute http or https URL with a host.
Result<Url> parse_url(std::string_view text);

// Joins a base URL ("http://localhost:11434/v1" or ".../v1/") and a path ("/chat/completions")
// with exactly one slash between them.
std::string join_url(std::string_view base, std::string_view path);

}  // namespace mailsift::net
