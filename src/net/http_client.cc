#include "net/http_client.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

#include "core/strings.h"
#include "core/time.h"
#include "net/redact.h"

namespace mailsift::net {

namespace {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt) {
  double base = static_cast<double>(policy.initial_backoff.count()) * std::pow(2.0, attempt - 1);
  base = std::min(base, static_cast<double>(policy.max_backoff.count()));
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(base / 2, base);
  return std::chrono::milliseconds(static_cast<int64_t>(jitter(rng)));
}

void default_sleep(std::chrono::milliseconds delay, const std::atomic<bool>* cancel) {
  auto until = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < until) {
    if (cancel && cancel->load()) return;
    auto left = until - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
  }
}

std::string seconds_text(std::chrono::milliseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

int month_index(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return -1;
  std::string lower = to_lower(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return -1;
}

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and
// asctime "Sun Nov  6 08:49:37 1994": the same tokens in different orders.
std::optional<UnixTime> parse_http_date(std::string_view text) {
  int day = -1, month = -1, year = -1, hh = -1, mm = -1, ss = -1;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find_first_of(" ,-", i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view tok = text.substr(i, j - i);
    i = j + 1;
    if (tok.empty()) continue;
    if (tok.find(':') != std::string_view::npos) {
      if (std::sscanf(std::string(tok).c_str(), "%d:%d:%d", &hh, &mm, &ss) != 3) return std::nullopt;
    } else if (tok[0] >= '0' && tok[0] <= '9') {
      int v = 0;
      auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
      if (ec != std::errc() || p != tok.data() + tok.size()) return std::nullopt;
      if (tok.size() >= 3 || (day >= 0 && month >= 0)) {
        year = v;
        if (tok.size() == 2) year += v < 70 ? 2000 : 1900;
      } else {
        day = v;
      }
    } else if (int m = month_index(tok); m > 0 && month < 0 && tok.size() == 3) {
      month = m;
    }
  }
  if (day < 1 || day > 31 || month < 1 || year < 1970 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) {
    return std::nullopt;
  }
  return unix_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) + hh * 3600 + mm * 60 + ss;
}

}  // namespace

bool is_retryable_status(int status) {
  switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
    case 529:
      return true;
    default:
      return false;
  }
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, UnixTime now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (value[0] >= '0' && value[0] <= '9') {
    double seconds = 0;
    std::string text(value);
    char* end = nullptr;
    seconds = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !(seconds >= 0) || seconds > 86400.0 * 365) return std::nullopt;
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
  }
  auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  return std::chrono::milliseconds(std::max<int64_t>(0, (*when - now) * 1000));
}

HttpClient::HttpClient(HttpOptions options, std::unique_ptr<Transport> transport)
    : options_(std::move(options)), transport_(transport ? std::move(transport) : make_curl_transport()) {
  options_.retry.max_attempts = std::max(1, options_.retry.max_attempts);
}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::send(const HttpRequest& request) const {
  return run(request, nullptr);
}

Result<HttpResponse> HttpClient::stream(const HttpRequest& request, const ChunkSink& on_chunk) const {
  return run(request, &on_chunk);
}

Result<HttpResponse> HttpClient::run(const HttpRequest& request, const ChunkSink* sink) const {
  const RetryPolicy& policy = options_.retry;
  auto cancelled = [&] { return request.cancel && request.cancel->load(); };
  auto wait = [&](std::chrono::milliseconds delay) {
    if (options_.sleep) {
      options_.sleep(delay);
    } else {
      default_sleep(delay, request.cancel);
    }
  };
  auto log = [&](const std::string& line) {
    if (options_.log) options_.log(scrub(line, request));
  };
  std::string what = request.method + " " + redact_url(request.url);

  for (int attempt = 1;; ++attempt) {
    if (cancelled()) return fail(Code::kCancelled, what + ": cancelled");
    Attempt a = transport_->perform(request, options_.transfer, sink);
    bool can_retry = attempt < policy.max_attempts && !a.delivered && !cancelled();
    if (!a.result) {
      Error error = std::move(a.result).error();
      error.message = scrub(error.message, request);
      if (a.retryable && can_retry) {
        auto delay = backoff_delay(policy, attempt);
        log(what + " failed (" + error.message + "); retry " + std::to_string(attempt + 1) + "/" +
            std::to_string(policy.max_attempts) + " in " + seconds_text(delay));
        wait(delay);
        continue;
      }
      if (attempt > 1 && error.code == Code::kUnavailable) {
        error.message += " (after " + std::to_string(attempt) + " attempts)";
      }
      return fail(std::move(error));
    }
    HttpResponse response = std::move(a.result).value();
    response.attempts = attempt;
    if (!is_retryable_status(response.status) || !can_retry) return response;

    std::optional<std::chrono::milliseconds> delay;
    if (const auto* ms = response.header("retry-after-ms")) {
      int64_t v = 0;
      auto t = trim(*ms);
      if (std::from_chars(t.data(), t.data() + t.size(), v).ec == std::errc() && v >= 0)
        delay = std::chrono::milliseconds(v);
    }
    if (!delay) {
      if (const auto* ra = response.header("retry-after")) delay = parse_retry_after(*ra, now_unix());
    }
    if (delay && *delay > policy.max_retry_after) {
      log(what + " -> " + std::to_string(response.status) + "; Retry-After " + seconds_text(*delay) +
          " is longer than the limit, not retrying");
      return response;
    }
    if (!delay) delay = backoff_delay(policy, attempt);
    log(what + " -> " + std::to_string(response.status) + "; retry " + std::to_string(attempt + 1) + "/" +
        std::to_string(policy.max_attempts) + " in " + seconds_text(*delay));
    wait(*delay);
  }
}

}  // namespace mailsift::net
