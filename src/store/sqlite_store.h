// The SQLite adapter of EmailStore: one database file in the data directory, WAL mode, FTS5,
// migrations at open. Other SQLite adapters (full-text search, vectors, contacts) share its
// connection through database().
#pragma once

#include <memory>
#include <string>

#include "store/email_store.h"
#include "store/sqlite.h"

namespace mailsift {

class SqliteEmailStore final : public EmailStore {
 public:
  struct Options {
    bool read_only = false;
    int zstd_level = 3;
  };

  // Opens or creates the database at `path` and migrates it. Errors: kIo, kInvalidArgument
  // (a database from a newer mailsift).
  static Result<std::unique_ptr<SqliteEmailStore>> open(const std::string& path, const Options& options);
  static Result<std::unique_ptr<SqliteEmailStore>> open(const std::string& path) { return open(path, Options{}); }

  using EmailStore::put;
  Result<PutResult> put(const Email& email, std::string_view raw, const IngestMeta& meta,
                        std::string_view encoded_raw) override;
  std::string encode_raw(std::string_view raw) const override;
  Result<PutResult> quarantine(std::string_view raw, uint64_t size, std::string_view reason,
                               const IngestMeta& meta) override;
  Result<void> begin_batch() override;
  Result<void> commit_batch() override;
  void rollback_batch() override;
  Result<StoredEmail> get(EmailId id) override;
  Result<std::string> raw(EmailId id) override;
  Result<std::vector<EmailId>> find_by_message_id(std::string_view message_id) override;
  Result<std::optional<EmailId>> find_by_content_hash(std::string_view hash) override;
  Result<std::vector<uint64_t>> content_hash_prefixes() override;
  Result<std::vector<EmailSummary>> list(const ListQuery& query) override;
  Result<std::vector<EmailSummary>> thread(int64_t thread_id) override;
  Result<StoreStats> stats() override;
  Result<std::vector<QuarantineEntry>> quarantined(int limit, int offset) override;
  Result<std::string> quarantined_raw(int64_t id) override;
  Result<void> add_classification(EmailId id, const Classification& c) override;

  sql::Database& database() { return *db_; }

 private:
  SqliteEmailStore(std::unique_ptr<sql::Database> db, Options options) : db_(std::move(db)), options_(options) {}
  Result<int64_t> assign_thread(EmailId id, const Email& email);
  Result<void> write_details(EmailId id, const Email& email);

  std::unique_ptr<sql::Database> db_;
  Options options_;
};


}  // namespace mailsift
