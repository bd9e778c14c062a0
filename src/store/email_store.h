// EmailStore: the port through which every stage stores and reads messages (DESIGN.md).
//
// The store keeps the raw bytes of every message (the source of truth: anything derived can be
// recomputed from them), the parsed fields, addresses, attachment metadata, headers, a thread
// id, the current classification and its history, and a quarantine for input that could not be
// parsed. Adapters: SQLite (sqlite_store.h); DynamoDB later.
//
// Thread-safety: an EmailStore instance is used by one thread at a time. Open one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift {

// Where a message came from, for the record and for messages about it.
struct IngestMeta {
  std::string source;      // e.g. "maildir:/path/cur/123:2,S", "stdin", "http"
  UnixTime ingested_at = 0;
};

struct PutResult {
  EmailId id = 0;
  bool inserted = false;   // false: the same message (same Message-ID and bytes) was already there
  int64_t thread_id = 0;
};

// One line of a listing: enough to show a row without loading bodies.
struct EmailSummary {
  EmailId id = 0;
  std::string message_id;
  int64_t thread_id = 0;
  UnixTime date = 0;
  Address from;
  std::string subject;
  std::optional<Label> label;  // nullopt: not classified yet
  int attachments = 0;
  uint64_t raw_size = 0;
};

// A stored message with everything derived from it.
struct StoredEmail {
  EmailSummary summary;
  Email email;                                   // the parsed fields as stored
  std::optional<Classification> classification;  // current verdict (a human one wins)
  std::vector<Classification> history;           // every verdict, oldest first
  std::string source;
  UnixTime ingested_at = 0;
};

struct ListQuery {
  std::string from;                 // substring of the sender's address or name (case-insensitive)
  std::optional<UnixTime> since;    // inclusive
  std::optional<UnixTime> until;    // inclusive
  std::optional<Label> label;
  bool unclassified_only = false;
  int limit = 50;
  int offset = 0;
};

struct MonthCount {
  std::string month;  // "2025-03"
  int64_t count = 0;
};

struct StoreStats {
  int64_t messages = 0;
  int64_t threads = 0;
  int64_t quarantined = 0;
  int64_t unclassified = 0;
  int64_t attachments = 0;
  uint64_t raw_bytes = 0;       // original sizes
  uint64_t stored_bytes = 0;    // compressed raw in the store
  std::optional<UnixTime> oldest, newest;
  std::vector<std::pair<std::string, int64_t>> by_class;  // "BUSINESS" -> n, "unclassified" -> n
  std::vector<MonthCount> by_month;                        // oldest first
};

struct QuarantineEntry {
  int64_t id = 0;
  UnixTime received_at = 0;
  std::string source;
  std::string reason;
  uint64_t size = 0;
  std::string sha256;
  bool raw_kept = false;  // false when the input was too large to keep (the file stays where it was)
};

class EmailStore {
 public:
  virtual ~EmailStore() = default;
  EmailStore(const EmailStore&) = delete;
  EmailStore& operator=(const EmailStore&) = delete;

  // Stores a parsed message and its raw bytes. Idempotent: when a message with the same
  // Message-ID and content hash (Email::content_hash, else content_hash(raw)) is already stored,
  // returns its id with inserted = false. A different message reusing a Message-ID is stored as
  // a new message. The message joins the thread of any stored message it references or that
  // references it (merging threads). `encoded_raw`, when not empty, is encode_raw(raw) computed
  // ahead of time (on another thread) and is stored instead of encoding again.
  virtual Result<PutResult> put(const Email& email, std::string_view raw, const IngestMeta& meta,
                                std::string_view encoded_raw) = 0;
  Result<PutResult> put(const Email& email, std::string_view raw, const IngestMeta& meta) {
    return put(email, raw, meta, {});
  }

  // The stored form of raw bytes (e.g. compressed), for put(). Pure: safe to call from any
  // thread on any instance, so ingest can do this work off the writing thread.
  virtual std::string encode_raw(std::string_view raw) const = 0;

  // Keeps input that could not be parsed. `raw` may be empty when it was too large to keep.
  // Returns the quarantine id; inserted = false when the same bytes are already quarantined.
  virtual Result<PutResult> quarantine(std::string_view raw, uint64_t size, std::string_view reason,
                                       const IngestMeta& meta) = 0;

  // Groups writes: everything between begin_batch and commit_batch is one transaction.
  virtual Result<void> begin_batch() = 0;
  virtual Result<void> commit_batch() = 0;
  virtual void rollback_batch() = 0;

  // Errors: kNotFound when there is no such message.
  virtual Result<StoredEmail> get(EmailId id) = 0;
  virtual Result<std::string> raw(EmailId id) = 0;
  virtual Result<std::vector<EmailId>> find_by_message_id(std::string_view message_id) = 0;
  // The message with this content hash (see content_hash()), if stored.
  virtual Result<std::optional<EmailId>> find_by_content_hash(std::string_view hash) = 0;
  // The first 64 bits of every stored message's content hash, sorted: lets ingest recognise
  // messages it already has before spending time parsing them (8 bytes per message).
  virtual Result<std::vector<uint64_t>> content_hash_prefixes() = 0;

  // Newest first.
  virtual Result<std::vector<EmailSummary>> list(const ListQuery& query) = 0;
  // Oldest first. Errors: kNotFound for an unknown thread.
  virtual Result<std::vector<EmailSummary>> thread(int64_t thread_id) = 0;
  virtual Result<StoreStats> stats() = 0;

  // Newest first.
  virtual Result<std::vector<QuarantineEntry>> quarantined(int limit, int offset) = 0;
  virtual Result<std::string> quarantined_raw(int64_t id) = 0;

  // Records a verdict in the history and makes it current unless a human verdict is current
  // (a human verdict always wins; a new human verdict replaces an older one).
  virtual Result<void> add_classification(EmailId id, const Classification& c) = 0;

 protected:
  EmailStore() = default;
};

}  // namespace mailsift
