#include "aws/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <map>

#include "core/strings.h"
#include "net/encoding.h"
#include "net/url.h"

namespace mailsift::aws {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out.data(), &len);
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Trims and collapses every inner run of whitespace (folded lines included) to one space.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

struct CanonicalHeaders {
  std::string block;         // "name:value\n" lines
  std::string signed_names;  // "a;b;c"
};

CanonicalHeaders canonical_headers(const net::Headers& headers) {
  std::map<std::string, std::vector<std::string>> grouped;
  for (const auto& [name, value] : headers) {
    std::string lower = to_lower(trim(name));
    if (lower == "authorization") continue;
    grouped[lower].push_back(canonical_header_value(value));
  }
  CanonicalHeaders out;
  for (const auto& [name, values] : grouped) {
    out.block += name + ":" + join(values, ",") + "\n";
    if (!out.signed_names.empty()) out.signed_names += ';';
    out.signed_names += name;
  }
  return out;
}

std::string scope_of(const SigningParams& p) {
  return amz_date(p.time).substr(0, 8) + "/" + p.region + "/" + p.service + "/aws4_request";
}

std::string derive_signature(const SigningParams& p, std::string_view string_to_sign) {
  std::string key = hmac_sha256("AWS4" + p.credentials.secret_access_key, amz_date(p.time).substr(0, 8));
  key = hmac_sha256(key, p.region);
  key = hmac_sha256(key, p.service);
  key = hmac_sha256(key, "aws4_request");
  return net::hex_encode(hmac_sha256(key, string_to_sign));
}

Result<void> check(const SignableRequest& request, const SigningParams& p) {
  if (p.credentials.empty()) {
    return fail(Code::kInvalidArgument, "cannot sign an AWS request without credentials",
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE");
  }
  if (p.region.empty() || p.service.empty())
    return fail(Code::kInvalidArgument, "SigV4 needs a region and a service name");
  if (!net::find_header(request.headers, "host")) return fail(Code::kInvalidArgument, "SigV4 needs a Host header");
  return ok();
}

std::string build_canonical_request(const SignableRequest& r, const SigningParams& p, std::string_view query,
                                    const CanonicalHeaders& headers, std::string_view payload_hash) {
  std::string out;
  out += r.method + "\n";
  out += canonical_uri(r.path, p.normalize_path, p.encode_path) + "\n";
  out += std::string(query) + "\n";
  out += headers.block + "\n";
  out += headers.signed_names + "\n";
  out += payload_hash;
  return out;
}

std::string build_string_to_sign(const SigningParams& p, std::string_view canonical_request) {
  return std::string(kAlgorithm) + "\n" + amz_date(p.time) + "\n" + scope_of(p) + "\n" + sha256_hex(canonical_request);
}

}  // namespace

std::string amz_date(UnixTime time) {
  std::time_t t = static_cast<std::time_t>(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string canonical_uri(std::string_view path, bool normalize, bool encode) {
  std::string p(path.empty() ? "/" : path);
  if (normalize) {
    // Remove dot segments and empty segments; keep a trailing slash.
    bool trailing = p.size() > 1 && (p.back() == '/' || p.ends_with("/.") || p.ends_with("/.."));
    std::vector<std::string> out;
    for (auto& seg : split(p, '/')) {
      if (seg.empty() || seg == ".") continue;
      if (seg == "..") {
        if (!out.empty()) out.pop_back();
        continue;
      }
      out.push_back(seg);
    }
    p = "/" + join(out, "/");
    if (trailing && p != "/") p += '/';
  }
  return encode ? net::percent_encode(p, /*keep_slash=*/true) : p;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  for (auto& part : split(query, '&', /*skip_empty=*/true)) {
    auto eq = part.find('=');
    std::string name = part.substr(0, eq);
    std::string value = eq == std::string::npos ? std::string() : part.substr(eq + 1);
    params.emplace_back(net::percent_encode(net::percent_decode(name)),
                        net::percent_encode(net::percent_decode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

Result<Signature> sign_with_headers(const SignableRequest& request, const SigningParams& p) {
  MAILSIFT_TRY_VOID(check(request, p));
  Signature sig;
  std::string date = amz_date(p.time);
  std::string payload_hash = sha256_hex(request.body);
  bool token = !p.credentials.session_token.empty();

  net::Headers to_sign = request.headers;
  to_sign.emplace_back("X-Amz-Date", date);
  if (token && p.sign_session_token) to_sign.emplace_back("X-Amz-Security-Token", p.credentials.session_token);
  if (p.add_content_sha256) to_sign.emplace_back("x-amz-content-sha256", payload_hash);
  CanonicalHeaders headers = canonical_headers(to_sign);

  sig.canonical_request = build_canonical_request(request, p, canonical_query(request.query), headers, payload_hash);
  sig.string_to_sign = build_string_to_sign(p, sig.canonical_request);
  sig.signature = derive_signature(p, sig.string_to_sign);

  sig.headers.emplace_back("X-Amz-Date", date);
  if (token) sig.headers.emplace_back("X-Amz-Security-Token", p.credentials.session_token);
  if (p.add_content_sha256) sig.headers.emplace_back("x-amz-content-sha256", payload_hash);
  sig.headers.emplace_back("Authorization", std::string(kAlgorithm) + " Credential=" + p.credentials.access_key_id +
                                                "/" + scope_of(p) + ", SignedHeaders=" + headers.signed_names +
                                                ", Signature=" + sig.signature);
  return sig;
}

Result<Signature> sign_with_query(const SignableRequest& request, const SigningParams& p) {
  MAILSIFT_TRY_VOID(check(request, p));
  Signature sig;
  CanonicalHeaders headers = canonical_headers(request.headers);
  bool token = !p.credentials.session_token.empty();

  std::string query(request.query);
  auto add = [&](std::string_view name, std::string_view value) {
    if (!query.empty()) query += '&';
    query += std::string(name) + "=" + net::percent_encode(value);
  };
  add("X-Amz-Algorithm", kAlgorithm);
  add("X-Amz-Credential", p.credentials.access_key_id + "/" + scope_of(p));
  add("X-Amz-Date", amz_date(p.time));
  add("X-Amz-Expires", std::to_string(p.expires_seconds));
  add("X-Amz-SignedHeaders", headers.signed_names);
  if (token && p.sign_session_token) add("X-Amz-Security-Token", p.credentials.session_token);

  std::string canonical = canonical_query(query);
  sig.canonical_request = build_canonical_request(request, p, canonical, headers, sha256_hex(request.body));
  sig.string_to_sign = build_string_to_sign(p, sig.canonical_request);
  sig.signature = derive_signature(p, sig.string_to_sign);

  sig.query = canonical;
  if (token && !p.sign_session_token) {
    sig.query += "&X-Amz-Security-Token=" + net::percent_encode(p.credentials.session_token);
  }
  sig.query += "&X-Amz-Signature=" + sig.signature;
  return sig;
}

Result<void> sign_request(net::HttpRequest& request, const SigningParams& params) {
  net::Url url = MAILSIFT_TRY(net::parse_url(request.url));
  net::set_header(request.headers, "Host", url.authority());
  SignableRequest signable{request.method, url.path, url.query, request.headers, request.body};
  Signature sig = MAILSIFT_TRY(sign_with_headers(signable, params));
  for (auto& [name, value] : sig.headers) net::set_header(request.headers, name, std::move(value));
  return ok();
}

}  // namespace mailsift::aws
