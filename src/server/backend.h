// Backend: everything the HTTP layer asks of the rest of mailsift, in domain terms.
//
// The server (server.h) turns requests into calls on a Backend and results into JSON; it never
// opens a database or picks an adapter itself. LocalBackend (local_backend.h) is the embedded
// implementation the `serve` command wires; tests may substitute their own.
//
// Features that a build or a configuration lacks (search before its library lands, chat without
// a chat layer, contacts, contractors) answer kUnavailable with a hint; the server maps that to
// 503 so the UI can say what is missing.
//
// Thread-safety: every method may be called from several server threads at once; an
// implementation keeps per-thread resources (one SQLite connection per thread) itself.
#pragma once

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"
#include "pipeline/process.h"
#include "store/email_store.h"

namespace mailsift::server {

using Json = nlohmann::json;

struct SearchRequest {
  std::string query;  // the search syntax (from:, class:, "phrase", ...)
  std::string mode;   // "hybrid" (default), "bm25", "vector"
  int limit = 20;
  int offset = 0;
  bool threads = false;
};

// Message counts per class per period, for the dashboard.
struct VolumeRequest {
  std::string bucket = "day";            // "day", "week" (starting Monday) or "month"
  std::optional<UnixTime> since, until;  // inclusive
};
struct VolumeRow {
  std::string period;  // "2025-03-04", "2025-03-03" (a Monday), "2025-03"
  std::string label;   // "BUSINESS", "OPERATIONAL", "NOISE" or "unclassified"
  int64_t count = 0;
};

struct ContractorQuery {
  std::string region, scheme, scope, status, query;
  int limit = 50;
  int offset = 0;
};

// One event of a streamed chat answer: its type ("start", "text-delta", "tool-call",
// "tool-result", "step-finish", "finish", "error") and its JSON object.
struct ChatEvent {
  std::string type;
  Json data;
};
// Receives events in order; returns false when nobody is listening any more.
using ChatSink = std::function<bool(const ChatEvent&)>;

// A chat turn from the client: roles "user" or "assistant" only (the system prompt is the
// server's).
struct ChatTurn {
  std::string role;
  std::string content;
};

// What a finished chat did, for metrics.
struct ChatOutcome {
  std::string provider;  // "offline", "openai", ...
  int model_calls = 0;   // steps that called the model
  int64_t input_tokens = 0, output_tokens = 0;
  bool cancelled = false;
  bool failed = false;
};

class Backend {
 public:
  virtual ~Backend() = default;
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;

  // Ingests one raw message through the process stage (store first, then derive). Idempotent.
  virtual ProcessResult ingest(std::string raw, IngestMeta meta) = 0;

  // Errors: kNotFound, kIo.
  virtual Result<StoredEmail> email(EmailId id) = 0;
  virtual Result<std::string> raw(EmailId id) = 0;
  virtual Result<std::vector<EmailSummary>> list(const ListQuery& query) = 0;
  virtual Result<std::vector<EmailSummary>> thread(int64_t thread_id) = 0;
  virtual Result<StoreStats> stats() = 0;
  virtual Result<std::vector<VolumeRow>> volume(const VolumeRequest& request) = 0;
  // Records a human verdict (Decider::kHuman) that wins over every other. Errors: kNotFound.
  virtual Result<Classification> label(EmailId id, Label label, std::string note) = 0;
  // What enrichment linked the message's sender to ({"sender":..., "links":...}), or null JSON
  // when the message was not enriched or there are no contacts.
  virtual Result<Json> message_links(EmailId id) = 0;

  // {"hits":[...], "mode":..., ...}. Errors: kInvalidArgument (query syntax, with a hint),
  // kUnavailable (search not available).
  virtual Result<Json> search(const SearchRequest& request) = 0;

  // Errors: kUnavailable when there is no contacts / contractor registry; kNotFound.
  virtual Result<Json> contacts(const std::string& query, int limit, int offset) = 0;
  virtual Result<Json> contact(const std::string& address) = 0;
  virtual Result<Json> contractors(const ContractorQuery& query) = 0;
  virtual Result<Json> contractor(const std::string& id) = 0;

  // Answers the conversation, streaming events to `sink` until finished, failed or cancelled
  // (`cancel` set, or the sink returned false). On failure the last event is "error".
  // Errors: kUnavailable (no chat layer), kInvalidArgument (a bad conversation).
  virtual Result<ChatOutcome> chat(const std::vector<ChatTurn>& turns, const ChatSink& sink,
                                   const std::atomic<bool>& cancel) = 0;

  // What this backend can do and how it is configured, for /healthz and the UI:
  // {"search":bool,"chat":{"provider":...},"contacts":bool,"contractors":bool,...}. No secrets.
  virtual Json capabilities() = 0;

 protected:
  Backend() = default;
};

}  // namespace mailsift::server
