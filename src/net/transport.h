// Transport: performs one HTTP exchange, with no retries. The HttpClient (http_client.h) owns
// the retry policy and calls a Transport once per attempt.
//
// The production transport is libcurl (make_curl_transport); tests may pass a fake that fails
// the Nth call (STYLE.md habit 18). curl.h stays inside curl_transport.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include "core/result.h"
#include "net/http.h"

namespace mailsift::net {

// Receives the body of a 2xx response as it arrives, in order. Return false to cancel the
// transfer (the call then returns kCancelled).
using ChunkSink = std::function<bool(std::string_view chunk)>;

struct TransferOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{0};  // 0: no limit on the whole exchange
  std::chrono::milliseconds idle_timeout{0};   // streams only: abort when no byte arrives this long (0: never)
  size_t max_body_bytes = 64u << 20;           // for bodies that are collected, not streamed
};

// The outcome of one attempt.
struct Attempt {
  // A response (any status) or a transport failure. Failures: kUnavailable (connect, reset,
  // timeout, TLS), kCancelled (the cancel flag or the sink), kTooLarge (body over the limit),
  // kInvalidArgument (a URL curl rejects).
  Result<HttpResponse> result;
  bool retryable = false;  // a failure that a new attempt may not meet (connection refused/reset, ...)
  bool delivered = false;  // body bytes were passed to the sink: the exchange must not be repeated
};

class Transport {
 public:
  virtual ~Transport() = default;
  Transport() = default;
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // One exchange. With a sink, a 2xx body goes to the sink and any other status's body is
  // collected into the response (so that the caller can read the error and retry). Without a
  // sink, the body is collected. Must be safe to call from several threads at once.
  virtual Attempt perform(const HttpRequest& request, const TransferOptions& options, const ChunkSink* sink) = 0;
};

// libcurl, with a small pool of easy handles so that connections are reused.
std::unique_ptr<Transport> make_curl_transport();

}  // namespace mailsift::net
