#include "net/redact.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/strings.h"
#include "net/encoding.h"

namespace mailsift::net {

namespace {

constexpr std::array<std::string_view, 11> kSecretHeaders = {
    "authorization", "proxy-authorization",     "x-api-key",
    "api-key",       "x-amz-security-token",    "cookie",
    "set-cookie",    "x-goog-api-key",          "ocp-apim-subscription-key",
    "x-auth-token",  "x-aws-ec2-metadata-token"};

constexpr std::array<std::string_view, 10> kSecretParams = {"key",
                                                            "api_key",
                                                            "apikey",
                                                            "api-key",
                                                            "token",
                                                            "access_token",
                                                            "x-amz-signature",
                                                            "x-amz-credential",
                                                            "x-amz-security-token",
                                                            "sig"};

bool is_secret_param(std::string_view name) {
  std::string lower = to_lower(percent_decode(name));
  return std::find(kSecretParams.begin(), kSecretParams.end(), lower) != kSecretParams.end();
}

void add_secret(std::vector<std::string>& out, std::string_view value) {
  if (value.empty()) return;
  out.emplace_back(value);
  // Also each token: "Bearer sk-abc" echoes as "sk-abc"; a SigV4 Authorization header holds
  // "Credential=AKID/...," and "Signature=...".
  size_t i = 0;
  while (i < value.size()) {
    size_t j = value.find_first_of(" ,;=", i);
    if (j == std::string_view::npos) j = value.size();
    if (j - i >= 8) out.emplace_back(value.substr(i, j - i));
    i = j + 1;
  }
}

}  // namespace

bool is_secret_header(std::string_view name) {
  std::string lower = to_lower(name);
  return std::find(kSecretHeaders.begin(), kSecretHeaders.end(), lower) != kSecretHeaders.end();
}

std::string redact_url(std::string_view url) {
  auto q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, q + 1));
  std::string_view query = url.substr(q + 1);
  bool first = true;
  for (auto& part : split(query, '&')) {
    if (!first) out += '&';
    first = false;
    auto eq = part.find('=');
    std::string_view name = std::string_view(part).substr(0, eq);
    if (eq != std::string::npos && is_secret_param(name)) {
      out += std::string(name) + "=" + std::string(kRedacted);
    } else {
      out += part;
    }
  }
  return out;
}

std::string describe_headers(const Headers& headers) {
  std::string out;
  for (const auto& [k, v] : headers) {
    out += k + ": " + (is_secret_header(k) ? std::string(kRedacted) : v) + "\n";
  }
  return out;
}

std::string scrub(std::string_view text, std::span<const std::string> secrets) {
  std::vector<std::string> all;
  for (const auto& s : secrets) add_secret(all, s);
  // Longest first, so that a whole value is replaced before one of its tokens.
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out(text);
  for (const auto& secret : all) {
    if (secret.empty()) continue;
    size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), kRedacted);
      pos += kRedacted.size();
    }
  }
  return out;
}

std::string scrub(std::string_view text, const HttpRequest& request) {
  std::vector<std::string> secrets;
  for (const auto& [k, v] : request.headers) {
    if (is_secret_header(k)) secrets.push_back(v);
  }
  if (auto q = request.url.find('?'); q != std::string::npos) {
    for (auto& part : split(std::string_view(request.url).substr(q + 1), '&')) {
      auto eq = part.find('=');
      if (eq != std::string::npos && is_secret_param(std::string_view(part).substr(0, eq))) {
        secrets.push_back(part.substr(eq + 1));
      }
    }
  }
  return scrub(text, secrets);
}

}  // namespace mailsift::net
