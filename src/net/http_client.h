// HttpClient: HTTP requests with timeouts, bounded retries and streaming, over a Transport
// (libcurl by default).
//
// Retries: a response with status 408, 429, 500, 502, 503, 504 or 529, or a transport failure
// that may not repeat (connection refused or reset, a connect timeout), is retried up to
// RetryPolicy::max_attempts attempts in all. The wait before attempt n+1 is the response's
// Retry-After (seconds or an HTTP date; also the non-standard retry-after-ms) when present,
// else exponential backoff with jitter: a random delay in [b/2, b] with
// b = min(max_backoff, initial_backoff * 2^(n-1)). A Retry-After longer than max_retry_after is
// not waited for: that response is returned. Once a streamed 2xx body has delivered bytes to the
// caller, the exchange is never repeated. The cancel flag of the request ends waits too.
//
// Secrets: errors and log lines never contain secret header values or secret URL parameters
// (see redact.h).
//
// Thread-safe: one client may serve many threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/types.h"
#include "net/http.h"
#include "net/transport.h"

namespace mailsift::net {

struct RetryPolicy {
  int max_attempts = 3;  // 1 disables retries
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{20'000};
  std::chrono::milliseconds max_retry_after{60'000};
};

struct HttpOptions {
  TransferOptions transfer;
  RetryPolicy retry;
  // Receives one line per retry decision ("POST <url> -> 429; retry 2/3 in 1.0s"), already
  // redacted. Optional.
  std::function<void(std::string_view line)> log;
  // How to wait between attempts. Optional; the default sleeps in small slices and stops early
  // when the request's cancel flag is set. Tests pass one that records and returns at once.
  std::function<void(std::chrono::milliseconds)> sleep;
};

class HttpClient {
 public:
  // transport == nullptr: libcurl.
  explicit HttpClient(HttpOptions options = {}, std::unique_ptr<Transport> transport = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends the request and returns the final response, whatever its status (callers map
  // non-2xx statuses to errors with the provider's own error body).
  // Errors (no response at all): kUnavailable, kCancelled, kTooLarge, kInvalidArgument.
  Result<HttpResponse> send(const HttpRequest& request) const;

  // Like send(), but a 2xx body is passed to on_chunk as it arrives and is not kept in the
  // response. A non-2xx body is collected into the response instead (on_chunk is not called),
  // so the caller can read the provider's error. on_chunk returning false cancels (kCancelled).
  Result<HttpResponse> stream(const HttpRequest& request, const ChunkSink& on_chunk) const;

  const HttpOptions& options() const { return options_; }

 private:
  Result<HttpResponse> run(const HttpRequest& request, const ChunkSink* sink) const;

  HttpOptions options_;
  std::unique_ptr<Transport> transport_;
};

// True for the statuses that are retried.
bool is_retryable_status(int status);

// The delay a Retry-After value asks for: delta-seconds ("120", also "1.5") or an HTTP date
// (IMF-fixdate, RFC 850 or asctime form) relative to `now`. nullopt when unparsable; a date in
// the past gives 0.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, UnixTime now);

}  // namespace mailsift::net
