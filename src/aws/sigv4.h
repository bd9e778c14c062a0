// AWS Signature Version 4 (AWS4-HMAC-SHA256): signs a request with an Authorization header or
// with presigned query parameters.
//
// Canonicalisation follows the AWS SigV4 specification and passes every v4 case of the
// aws-sigv4-test-suite corpus: the path is normalised (dot segments removed, repeated slashes
// collapsed) unless disabled, then percent-encoded again ("double encoding": the path given is
// the wire form, so a Bedrock model id "anthropic.claude-v2:1" sent as ".../claude-v2%3A1/..."
// is signed as ".../claude-v2%253A1/..."; S3 turns both off); query parameters are decoded,
// re-encoded and sorted; header names are lower-cased, values trimmed with inner runs of
// whitespace collapsed, repeated headers joined with ','.
//
// Pure functions; thread-safe. The secret key never appears in any output.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.h"
#include "core/result.h"
#include "core/types.h"
#include "net/http.h"

namespace mailsift::aws {

struct SigningParams {
  Credentials credentials;
  std::string region;               // "us-east-1"
  std::string service;              // signing name: "bedrock", "dynamodb", "s3", ...
  UnixTime time = 0;                // the signing time (X-Amz-Date)
  bool normalize_path = true;       // false for S3
  bool encode_path = true;          // percent-encode the given (wire-form) path again; false for S3
  bool add_content_sha256 = false;  // add and sign x-amz-content-sha256 (S3)
  bool sign_session_token = true;   // false: add X-Amz-Security-Token after signing, unsigned
  int64_t expires_seconds = 3600;   // X-Amz-Expires, query signing only
};

// A request as the signer sees it.
struct SignableRequest {
  std::string method;
  std::string path;      // wire form (already percent-encoded where needed), e.g. "/model/x%3A0/converse"
  std::string query;     // raw query string without '?'
  net::Headers headers;  // must include Host
  std::string body;
};

struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // 64 hex digits
  // Header mode: the headers to add to the request, in this order (X-Amz-Date,
  // X-Amz-Security-Token, x-amz-content-sha256, Authorization, as applicable).
  net::Headers headers;
  // Query mode: the complete query string to send (the request's own parameters, the X-Amz-*
  // parameters and X-Amz-Signature), without '?'.
  std::string query;
};

// Signs with an Authorization header.
// Errors: kInvalidArgument (no Host header, empty credentials, region or service).
Result<Signature> sign_with_headers(const SignableRequest& request, const SigningParams& params);

// Presigns with query parameters (X-Amz-Algorithm ... X-Amz-Signature).
// Errors: as sign_with_headers.
Result<Signature> sign_with_query(const SignableRequest& request, const SigningParams& params);

// Signs an outgoing HTTP request in place with an Authorization header: sets Host from the URL,
// then adds the headers of sign_with_headers. Sign after the last header and body change.
// Errors: as sign_with_headers, and kInvalidArgument for a bad URL.
Result<void> sign_request(net::HttpRequest& request, const SigningParams& params);

// The pieces, exposed for tests and for services with special rules.
std::string canonical_uri(std::string_view path, bool normalize, bool encode);
std::string canonical_query(std::string_view query);
// "20150830T123600Z".
std::string amz_date(UnixTime time);

}  // namespace mailsift::aws
