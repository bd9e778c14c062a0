// Server metrics in the Prometheus text exposition format (version 0.0.4), served at /metrics.
//
// Counters and histograms keyed by a small, fixed set of label values (route patterns, not raw
// paths; status codes; ingest outcomes), so cardinality stays bounded whatever clients send.
// Nothing here ever holds a token, a query or a message body.
//
// Thread-safety: every method may be called from several threads at once.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace mailsift::server {

class Metrics {
 public:
  // One finished HTTP request: method, route pattern (e.g. "/api/messages/{id}"), status, time.
  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  // One message through POST /api/messages: outcome is "new", "duplicate", "quarantined", "failed".
  void count_ingest(std::string_view outcome);
  // One model call (a step of the tool loop) and its tokens.
  void count_llm_call(std::string_view provider, std::string_view outcome, int64_t input_tokens, int64_t output_tokens);
  void count_chat(std::string_view outcome);  // "finished", "cancelled", "error", "rejected"
  void chat_started() { active_chats_.fetch_add(1); }
  void chat_ended() { active_chats_.fetch_sub(1); }
  void count_auth_failure() { auth_failures_.fetch_add(1); }

  // The whole exposition, ending with a newline.
  std::string render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,  10};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::string, uint64_t> requests_;    // "method\troute\tstatus"
  std::map<std::string, Histogram> latency_;    // route
  std::map<std::string, uint64_t> ingest_;      // outcome
  std::map<std::string, uint64_t> llm_calls_;   // "provider\toutcome"
  std::map<std::string, uint64_t> llm_tokens_;  // "provider\tkind"
  std::map<std::string, uint64_t> chats_;       // outcome
  std::atomic<int64_t> active_chats_{0};
  std::atomic<uint64_t> auth_failures_{0};
};

// Resident set size of this process in bytes (from /proc/self/statm), 0 when unknown.
uint64_t resident_bytes();

}  // namespace mailsift::server
