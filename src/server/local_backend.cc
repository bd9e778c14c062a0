#include "server/local_backend.h"

#include <fmt/format.h>

#include <cstdint>

#include "core/time.h"
#include "store/sqlite.h"

namespace mailsift::server {

namespace {

// The fallback ingest unit: the store alone.
class PlainIngest final : public IngestUnit {
 public:
  explicit PlainIngest(std::unique_ptr<SqliteEmailStore> store) : store_(std::move(store)) {}
  ProcessPorts ports() override { return ProcessPorts{*store_}; }

 private:
  std::unique_ptr<SqliteEmailStore> store_;
};

Error not_built(std::string_view what, std::string_view hint) {
  return Error{Code::kUnavailable, std::string(what) + " is not available on this server", std::string(hint)};
}

}  // namespace

LocalBackend::LocalBackend(LocalBackendOptions options)
    : options_(std::move(options)), stores_([path = options_.db_path]() { return SqliteEmailStore::open(path); }) {}

Result<std::unique_ptr<LocalBackend>> LocalBackend::open(LocalBackendOptions options) {
  auto backend = std::unique_ptr<LocalBackend>(new LocalBackend(std::move(options)));
  // Open one connection now: a bad path fails at start, not on the first request.
  MAILSIFT_TRY(backend->stores_.acquire());
  return backend;
}

ProcessResult LocalBackend::ingest(std::string raw, IngestMeta meta) {
  std::lock_guard lock(ingest_mutex_);
  if (!ingest_) {
    Result<std::unique_ptr<IngestUnit>> unit = fail(Code::kInternal, "no ingest");
    if (options_.make_ingest) {
      unit = options_.make_ingest();
    } else {
      auto store = SqliteEmailStore::open(options_.db_path);
      if (store)
        unit = std::unique_ptr<IngestUnit>(new PlainIngest(std::move(*store)));
      else
        unit = fail(store.error());
    }
    if (!unit) {
      ProcessResult r;
      r.outcome = Outcome::kFailed;
      r.reason = unit.error().message;
      return r;
    }
    ingest_ = std::move(*unit);
  }
  return process(std::move(raw), std::move(meta), ingest_->ports(), options_.process);
}

Result<StoredEmail> LocalBackend::email(EmailId id) {
  auto store = MAILSIFT_TRY(stores_.acquire());
  return store->get(id);
}

Result<std::string> LocalBackend::raw(EmailId id) {
  auto store = MAILSIFT_TRY(stores_.acquire());
  return store->raw(id);
}

Result<std::vector<EmailSummary>> LocalBackend::list(const ListQuery& query) {
  auto store = MAILSIFT_TRY(stores_.acquire());
  return store->list(query);
}

Result<std::vector<EmailSummary>> LocalBackend::thread(int64_t thread_id) {
  auto store = MAILSIFT_TRY(stores_.acquire());
  return store->thread(thread_id);
}

Result<StoreStats> LocalBackend::stats() {
  auto store = MAILSIFT_TRY(stores_.acquire());
  return store->stats();
}

Result<std::vector<VolumeRow>> LocalBackend::volume(const VolumeRequest& request) {
  auto store = MAILSIFT_TRY(stores_.acquire());
  // Periods are computed by SQLite from the stored UTC date; weeks start on Monday.
  std::string period = request.bucket == "month"  ? "strftime('%Y-%m', date, 'unixepoch')"
                       : request.bucket == "week" ? "date(date, 'unixepoch', 'weekday 0', '-6 days')"
                                                  : "date(date, 'unixepoch')";
  auto stmt = MAILSIFT_TRY(store->database().prepare(
      "SELECT " + period +
      " AS p, COALESCE(class, 'unclassified'), count(*) FROM messages WHERE date >= ? AND date <= ? "
      "GROUP BY p, 2 ORDER BY p, 2"));
  stmt.bind(1, request.since.value_or(INT64_MIN));
  stmt.bind(2, request.until.value_or(INT64_MAX));
  std::vector<VolumeRow> rows;
  while (MAILSIFT_TRY(stmt.step())) rows.push_back(VolumeRow{stmt.get_text(0), stmt.get_text(1), stmt.get_int(2)});
  return rows;
}

Result<Classification> LocalBackend::label(EmailId id, Label label, std::string note) {
  auto store = MAILSIFT_TRY(stores_.acquire());
  MAILSIFT_TRY(store->get(id));  // kNotFound for an unknown message
  Classification c;
  c.label = label;
  c.confidence = 1.0;
  c.decided_by = Decider::kHuman;
  c.model = "web";
  c.note = std::move(note);
  c.decided_at = now_unix();
  MAILSIFT_TRY_VOID(store->add_classification(id, c));
  return c;
}

Result<Json> LocalBackend::message_links(EmailId id) {
  if (!options_.features.message_links) return Json(nullptr);
  auto store = MAILSIFT_TRY(stores_.acquire());
  return options_.features.message_links(*store, id);
}

Result<Json> LocalBackend::search(const SearchRequest& request) {
  if (!options_.features.search) return fail(not_built("search", "the search library is not wired in"));
  return options_.features.search(request);
}

Result<Json> LocalBackend::contacts(const std::string& query, int limit, int offset) {
  if (!options_.features.contacts) return fail(not_built("the contacts list", "contacts are not wired in"));
  auto store = MAILSIFT_TRY(stores_.acquire());
  return options_.features.contacts(*store, query, limit, offset);
}

Result<Json> LocalBackend::contact(const std::string& address) {
  if (!options_.features.contact) return fail(not_built("the contacts list", "contacts are not wired in"));
  auto store = MAILSIFT_TRY(stores_.acquire());
  return options_.features.contact(*store, address);
}

Result<Json> LocalBackend::contractors(const ContractorQuery& query) {
  if (!options_.features.contractors) return fail(not_built("the contractor registry", "contractors are not wired in"));
  auto store = MAILSIFT_TRY(stores_.acquire());
  return options_.features.contractors(*store, query);
}

Result<Json> LocalBackend::contractor(const std::string& id) {
  if (!options_.features.contractor) return fail(not_built("the contractor registry", "contractors are not wired in"));
  auto store = MAILSIFT_TRY(stores_.acquire());
  return options_.features.contractor(*store, id);
}

Result<ChatOutcome> LocalBackend::chat(const std::vector<ChatTurn>& turns, const ChatSink& sink,
                                       const std::atomic<bool>& cancel) {
  if (!options_.features.chat) return fail(not_built("chat", "the chat layer is not wired in"));
  return options_.features.chat(turns, sink, cancel);
}

Json LocalBackend::capabilities() {
  const auto& f = options_.features;
  Json chat = f.chat_info;
  chat["available"] = static_cast<bool>(f.chat);
  return Json{{"search", static_cast<bool>(f.search)},
              {"chat", chat},
              {"contacts", static_cast<bool>(f.contacts)},
              {"contractors", static_cast<bool>(f.contractors)}};
}

}  // namespace mailsift::server
