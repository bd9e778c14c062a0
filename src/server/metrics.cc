#include "server/metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <vector>

#include "core/strings.h"

namespace mailsift::server {

namespace {

// Label values come from a fixed set, but escape anyway: a backslash, a quote or a newline must
// never break the exposition.
std::string esc(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string key(std::initializer_list<std::string_view> parts) {
  std::string k;
  for (auto p : parts) {
    if (!k.empty()) k.push_back('\t');
    k.append(p);
  }
  return k;
}

}  // namespace

void Metrics::observe_request(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[key({method, route, std::to_string(status)})];
  Histogram& h = latency_[std::string(route)];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::count_ingest(std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++ingest_[std::string(outcome)];
}

void Metrics::count_llm_call(std::string_view provider, std::string_view outcome, int64_t input_tokens,
                             int64_t output_tokens) {
  std::lock_guard lock(mutex_);
  ++llm_calls_[key({provider, outcome})];
  if (input_tokens > 0) llm_tokens_[key({provider, "input"})] += static_cast<uint64_t>(input_tokens);
  if (output_tokens > 0) llm_tokens_[key({provider, "output"})] += static_cast<uint64_t>(output_tokens);
}

void Metrics::count_chat(std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++chats_[std::string(outcome)];
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP mailsift_http_requests_total HTTP requests served, by method, route and status.\n";
  out += "# TYPE mailsift_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    auto p = split(k, '\t');
    out += fmt::format("mailsift_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", esc(p[0]),
                       esc(p[1]), esc(p[2]), n);
  }
  out += "# HELP mailsift_http_request_duration_seconds Time from request parsed to response ready, by route.\n";
  out += "# TYPE mailsift_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("mailsift_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", esc(route),
                         kBuckets[i], h.buckets[i]);
    }
    out += fmt::format("mailsift_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", esc(route),
                       h.count);
    out += fmt::format("mailsift_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", esc(route), h.sum);
    out += fmt::format("mailsift_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", esc(route), h.count);
  }
  out += "# HELP mailsift_ingest_messages_total Messages received over HTTP, by outcome.\n";
  out += "# TYPE mailsift_ingest_messages_total counter\n";
  for (const char* o : {"new", "duplicate", "quarantined", "failed"}) {
    auto it = ingest_.find(o);
    out +=
        fmt::format("mailsift_ingest_messages_total{{outcome=\"{}\"}} {}\n", o, it == ingest_.end() ? 0 : it->second);
  }
  out += "# HELP mailsift_llm_calls_total Language-model calls (tool-loop steps), by provider and outcome.\n";
  out += "# TYPE mailsift_llm_calls_total counter\n";
  for (const auto& [k, n] : llm_calls_) {
    auto p = split(k, '\t');
    out += fmt::format("mailsift_llm_calls_total{{provider=\"{}\",outcome=\"{}\"}} {}\n", esc(p[0]), esc(p[1]), n);
  }
  out += "# HELP mailsift_llm_tokens_total Tokens reported by the model, by provider and kind (input, output).\n";
  out += "# TYPE mailsift_llm_tokens_total counter\n";
  for (const auto& [k, n] : llm_tokens_) {
    auto p = split(k, '\t');
    out += fmt::format("mailsift_llm_tokens_total{{provider=\"{}\",kind=\"{}\"}} {}\n", esc(p[0]), esc(p[1]), n);
  }
  out += "# HELP mailsift_chats_total Chat requests, by outcome.\n";
  out += "# TYPE mailsift_chats_total counter\n";
  for (const auto& [o, n] : chats_) out += fmt::format("mailsift_chats_total{{outcome=\"{}\"}} {}\n", esc(o), n);
  out += "# HELP mailsift_chats_active Chats streaming now.\n";
  out += "# TYPE mailsift_chats_active gauge\n";
  out += fmt::format("mailsift_chats_active {}\n", active_chats_.load());
  out += "# HELP mailsift_auth_failures_total API requests refused for a missing or wrong token.\n";
  out += "# TYPE mailsift_auth_failures_total counter\n";
  out += fmt::format("mailsift_auth_failures_total {}\n", auth_failures_.load());
  out += "# HELP mailsift_process_resident_memory_bytes Resident set size.\n";
  out += "# TYPE mailsift_process_resident_memory_bytes gauge\n";
  out += fmt::format("mailsift_process_resident_memory_bytes {}\n", resident_bytes());
  return out;
}

uint64_t resident_bytes() {
  std::ifstream in("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  if (!(in >> size >> resident)) return 0;
  long page = sysconf(_SC_PAGESIZE);
  return resident * static_cast<uint64_t>(page > 0 ? page : 4096);
}

}  // namespace mailsift::server
