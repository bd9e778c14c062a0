// LocalBackend: the Backend of `mailsift serve` on one machine — the SQLite store of the data
// directory (one connection per concurrent request, from a pool), the process stage for
// POST /api/messages, and the search, chat, contacts and contractor libraries where they are
// built in.
//
// Thread-safety: all methods may be called from several threads at once. Ingest is serialised
// (one writer; SQLite takes one writer at a time anyway).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "pipeline/process.h"
#include "server/backend.h"
#include "server/pool.h"
#include "store/sqlite_store.h"

namespace mailsift::server {

// Owns the ports that ingest borrows (the CLI's wiring builds them from configuration).
class IngestUnit {
 public:
  virtual ~IngestUnit() = default;
  virtual ProcessPorts ports() = 0;
};

// The features the app wires in from the other libraries (search, chat, contacts, contractors),
// each producing the same JSON as the matching CLI command's --json. A null member answers
// kUnavailable. Each must be safe to call from several threads at once; the ones that take a
// store get one connection for the calling thread alone.
struct LocalFeatures {
  std::function<Result<Json>(const SearchRequest&)> search;
  std::function<Result<Json>(SqliteEmailStore&, const std::string& query, int limit, int offset)> contacts;
  std::function<Result<Json>(SqliteEmailStore&, const std::string& address)> contact;
  std::function<Result<Json>(SqliteEmailStore&, const ContractorQuery&)> contractors;
  std::function<Result<Json>(SqliteEmailStore&, const std::string& id)> contractor;
  // The sender's links of a stored message (contact, directory user, contractor), or null.
  std::function<Result<Json>(SqliteEmailStore&, EmailId)> message_links;
  std::function<Result<ChatOutcome>(const std::vector<ChatTurn>&, const ChatSink&, const std::atomic<bool>&)> chat;
  Json chat_info = Json{{"provider", "none"}};  // {"provider":..., "model":...}: no secrets
};

struct LocalBackendOptions {
  std::string db_path;  // <data-dir>/mailsift.db; must exist (the serve command creates it)
  ProcessOptions process;
  // Builds the ingest ports, once, on first use. Null: POST /api/messages stores through a plain
  // store (no classifier, no embedder).
  std::function<Result<std::unique_ptr<IngestUnit>>()> make_ingest;
  LocalFeatures features;
};

class LocalBackend final : public Backend {
 public:
  // Errors: kIo / kNotFound when the database cannot be opened.
  static Result<std::unique_ptr<LocalBackend>> open(LocalBackendOptions options);

  ProcessResult ingest(std::string raw, IngestMeta meta) override;
  Result<StoredEmail> email(EmailId id) override;
  Result<std::string> raw(EmailId id) override;
  Result<std::vector<EmailSummary>> list(const ListQuery& query) override;
  Result<std::vector<EmailSummary>> thread(int64_t thread_id) override;
  Result<StoreStats> stats() override;
  Result<std::vector<VolumeRow>> volume(const VolumeRequest& request) override;
  Result<Classification> label(EmailId id, Label label, std::string note) override;
  Result<Json> message_links(EmailId id) override;
  Result<Json> search(const SearchRequest& request) override;
  Result<Json> contacts(const std::string& query, int limit, int offset) override;
  Result<Json> contact(const std::string& address) override;
  Result<Json> contractors(const ContractorQuery& query) override;
  Result<Json> contractor(const std::string& id) override;
  Result<ChatOutcome> chat(const std::vector<ChatTurn>& turns, const ChatSink& sink,
                           const std::atomic<bool>& cancel) override;
  Json capabilities() override;

 private:
  explicit LocalBackend(LocalBackendOptions options);

  LocalBackendOptions options_;
  Pool<SqliteEmailStore> stores_;
  std::mutex ingest_mutex_;
  std::unique_ptr<IngestUnit> ingest_;
};

}  // namespace mailsift::server
