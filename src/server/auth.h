// The API's bearer token: generated into the data directory on first start, read back on later
// starts, replaced by `mailsift token rotate`, and compared in constant time.
//
// The token file is <data-dir>/api-token, one line, mode 0600, written atomically (a temporary
// file renamed over the old one). A running server notices a rotation within a second
// (TokenCheck re-reads the file when its modification time changes), so rotating revokes the old
// token without a restart.
//
// Thread-safety: the free functions are safe to call from several threads; TokenCheck is
// thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace mailsift::server {

struct TokenFile {
  std::string token;
  std::string path;
  bool created = false;  // true when this call generated it (print it once)
};

// "<data_dir>/api-token".
std::string token_path(const std::string& data_dir);

// Reads the token, generating one (256 random bits, "mst_" + 64 hex digits) when the file is
// missing. Tightens the file's mode to 0600 if it is looser. Errors: kIo (cannot create, read
// or write the file; no randomness), kParse (an empty or malformed token file), with hints.
Result<TokenFile> ensure_token(const std::string& data_dir);

// Replaces the token with a fresh one and returns it. Errors: kIo.
Result<TokenFile> rotate_token(const std::string& data_dir);

// Equality that takes the same time wherever the strings differ, and whatever their lengths
// (both are hashed first, then every byte of the digests is compared).
bool constant_time_equals(std::string_view a, std::string_view b);

// The token value of an "Authorization: Bearer <token>" header, or empty.
std::string_view bearer_token(std::string_view authorization_header);

// HMAC-SHA256 of `message` under `key`, as hex. Signs short-lived capability URLs.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Checks presented tokens against the token file, re-reading it when it changed.
class TokenCheck {
 public:
  explicit TokenCheck(std::string data_dir, std::string token);
  // True when `presented` is the current token.
  bool accepts(std::string_view presented);
  // The current token (for signing capability URLs).
  std::string current();

 private:
  void refresh_locked();

  std::string data_dir_;
  std::mutex mutex_;
  std::string token_;
  int64_t mtime_ns_ = 0;
  std::chrono::steady_clock::time_point checked_at_{};
};

}  // namespace mailsift::server
