// The libcurl Transport. Every curl object is owned by a RAII wrapper; the easy handles are
// pooled (curl_easy_reset keeps their connection cache) so that repeated calls to one provider
// reuse the TCP/TLS connection.
#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/strings.h"
#include "net/redact.h"
#include "net/transport.h"

namespace mailsift::net {

namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Shared between perform() and the curl callbacks of one transfer.
struct Transfer {
  CURL* easy = nullptr;
  const ChunkSink* sink = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  HttpResponse* response = nullptr;
  size_t max_body = 0;
  bool delivered = false;
  bool sink_stopped = false;
  bool too_large = false;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * count;
  std::string_view line(data, len);
  // A new status line starts a new response (after a 100 Continue or a redirect): forget the
  // headers of the previous one.
  if (line.starts_with("HTTP/")) {
    t->response->headers.clear();
    return len;
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  t->response->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                    std::string(trim(line.substr(colon + 1))));
  return len;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * count;
  if (t->sink) {
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) {
      t->delivered = true;
      if (!(*t->sink)(std::string_view(data, len))) {
        t->sink_stopped = true;
        return 0;  // anything but len makes curl stop with CURLE_WRITE_ERROR
      }
      return len;
    }
  }
  if (t->response->body.size() + len > t->max_body) {
    t->too_large = true;
    return 0;
  }
  t->response->body.append(data, len);
  return len;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return (t->cancel && t->cancel->load()) ? 1 : 0;
}

bool retryable_code(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

class CurlTransport final : public Transport {
 public:
  CurlTransport() { global_init_once(); }

  Attempt perform(const HttpRequest& request, const TransferOptions& options, const ChunkSink* sink) override {
    Attempt attempt;
    EasyHandle easy = acquire();
    if (!easy) {
      attempt.result = fail(Code::kInternal, "cannot create a curl handle");
      return attempt;
    }
    HttpResponse response;
    Transfer t{easy.get(), sink, request.cancel, &response, options.max_body_bytes};

    Slist headers;
    for (const auto& [name, value] : request.headers) {
      std::string line = value.empty() ? name + ";" : name + ": " + value;
      curl_slist* next = curl_slist_append(headers.get(), line.c_str());
      if (!next) {
        attempt.result = fail(Code::kInternal, "out of memory building request headers");
        return attempt;
      }
      (void)headers.release();
      headers.reset(next);
    }
    // No "Expect: 100-continue" round trip before large bodies.
    if (!find_header(request.headers, "Expect")) {
      curl_slist* next = curl_slist_append(headers.get(), "Expect:");
      if (next) {
        (void)headers.release();
        headers.reset(next);
      }
    }

    char errbuf[CURL_ERROR_SIZE] = {0};
    CURL* h = easy.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    if (options.total_timeout.count() > 0) {
      curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    }
    // Only for streams: a non-streamed reply may legitimately send nothing until it is complete.
    if (sink && options.idle_timeout.count() > 0) {
      long seconds = std::max<long>(1, static_cast<long>((options.idle_timeout.count() + 999) / 1000));
      curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
      curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, seconds);
    }
    if (request.method == "GET" && request.body.empty()) {
      curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else {
      if (request.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      if (request.method == "HEAD") curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
      if (request.method != "GET" && request.method != "HEAD") {
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      }
    }
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);

    CURLcode rc = curl_easy_perform(h);
    attempt.delivered = t.delivered;
    if (rc == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
      response.status = static_cast<int>(status);
      attempt.result = std::move(response);
      release(std::move(easy));
      return attempt;
    }

    std::string what = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    std::string prefix = request.method + " " + redact_url(request.url) + ": ";
    what = scrub(what, request);
    if (rc == CURLE_ABORTED_BY_CALLBACK || (rc == CURLE_WRITE_ERROR && t.sink_stopped)) {
      attempt.result = fail(Code::kCancelled, prefix + "cancelled");
    } else if (rc == CURLE_WRITE_ERROR && t.too_large) {
      attempt.result =
          fail(Code::kTooLarge, prefix + "response body over " + std::to_string(options.max_body_bytes) + " bytes");
    } else if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL) {
      attempt.result = fail(Code::kInvalidArgument, prefix + what);
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
      curl_off_t connect_us = 0;
      curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect_us);
      // Only a timeout before the connection was made is worth another attempt; a slow answer
      // would be just as slow again.
      attempt.retryable = connect_us == 0;
      attempt.result = fail(Code::kUnavailable, prefix + "timed out (" + what + ")",
                            "the server did not answer in time; check it is running, or raise the timeout settings");
    } else {
      attempt.retryable = retryable_code(rc);
      attempt.result = fail(Code::kUnavailable, prefix + what, "check that the server is reachable");
    }
    // A handle that failed mid-transfer may hold a broken connection: do not pool it.
    return attempt;
  }

 private:
  EasyHandle acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        EasyHandle h = std::move(idle_.back());
        idle_.pop_back();
        curl_easy_reset(h.get());
        return h;
      }
    }
    return EasyHandle(curl_easy_init());
  }

  void release(EasyHandle handle) {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(handle));
  }

  static constexpr size_t kMaxIdle = 8;
  std::mutex mu_;
  std::vector<EasyHandle> idle_;
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport() {
  return std::make_unique<CurlTransport>();
}

}  // namespace mailsift::net
