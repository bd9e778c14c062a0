// The vectors of a data directory: the `embeddings` table of the store (the source of truth,
// one vector per email with the model id and dimension that made it) and an HNSW index file
// beside it (an accelerator).
//
// Each change to `embeddings` is logged with a sequence number (`vector_changes`, schema v4).
// The index file records the last sequence it reflects, so open() can load it and replay only
// what changed since; when the file is missing, damaged, for another model or the log no longer
// reaches back to it, open() rebuilds the index from the table. Nothing is ever mixed: the
// index holds the vectors of one model only.
//
// Thread-safety: a VectorIndex may be shared by threads (catch_up serialises itself; searches
// run in parallel). The sql::Database passed to a call belongs to the calling thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "core/types.h"
#include "search/hnsw_vector_store.h"
#include "store/sqlite.h"

namespace mailsift::search {

// Reads and writes of the embeddings table.
namespace embeddings {

struct Stored {
  EmailId id = 0;
  std::string model;
  std::vector<float> vector;
};

// Inserts or replaces the vector of an email (one logged change). Errors: kIo.
Result<void> put(sql::Database& db, EmailId id, std::string_view model, std::span<const float> vector, UnixTime now);
Result<void> remove(sql::Database& db, EmailId id);
Result<std::optional<Stored>> get(sql::Database& db, EmailId id);
// The sequence number of the last logged change (0 when none).
Result<int64_t> last_change(sql::Database& db);
// A model other than `model` that has vectors in the table, if any (an index lookup).
Result<std::optional<std::string>> other_model(sql::Database& db, std::string_view model);
Result<int64_t> count(sql::Database& db, std::string_view model);
// Deletes logged changes up to and including seq.
Result<void> prune_changes(sql::Database& db, int64_t seq);

}  // namespace embeddings

struct IndexOpenReport {
  bool rebuilt = false;
  std::string reason;      // why it was rebuilt: "missing", "damaged: ...", "model changed", ...
  int64_t caught_up = 0;   // changes replayed on top of the file
  size_t size = 0;
};

class VectorIndex {
 public:
  struct Options {
    std::string path;  // the index file; "" keeps the index in memory only
    std::string model;
    HnswParams params;  // params.dim is the model's dimension
  };

  // Loads (or rebuilds) the index and catches it up with `db`. Errors: kIo, kInternal.
  static Result<std::unique_ptr<VectorIndex>> open(sql::Database& db, const Options& options,
                                                   IndexOpenReport* report = nullptr);

  // Replays the changes logged after last_seq(); rebuilds when the log was pruned past it.
  // Returns how many changes were applied.
  Result<int64_t> catch_up(sql::Database& db);
  // Rebuilds from the table (vectors of this model only).
  Result<void> rebuild(sql::Database& db);
  // The vector writer has just stored `vector` for `id` through db: apply it, and move
  // last_seq forward when no other writer's change came in between.
  Result<void> applied(sql::Database& db, EmailId id, std::span<const float> vector);
  // The same, with the log's head after that change read by the caller (no database needed:
  // for a thread of its own).
  Result<void> applied_at(EmailId id, std::span<const float> vector, int64_t head);
  // Writes the file (when there is a path); with prune, drops the log entries it now covers.
  Result<void> save(sql::Database& db, bool prune);

  HnswVectorStore& store() { return *store_; }
  const HnswVectorStore& store() const { return *store_; }
  const std::string& model() const { return options_.model; }
  int64_t last_seq() const;
  // Changes applied since the last save.
  int64_t unsaved() const;

 private:
  explicit VectorIndex(Options options) : options_(std::move(options)) {}
  Result<void> rebuild_locked(sql::Database& db);
  Result<int64_t> catch_up_locked(sql::Database& db);
  Result<void> apply_one(sql::Database& db, EmailId id);

  Options options_;
  std::unique_ptr<HnswVectorStore> store_;
  mutable std::mutex mutex_;  // guards last_seq_, unsaved_ and replays
  int64_t last_seq_ = 0;
  int64_t unsaved_ = 0;
};

// Stores vectors and keeps an index in step: what the `vector.ready` event handler calls.
// Not thread-safe (the writing thread of an ingest). With `background`, the index is updated on
// a thread of the writer's own, so that graph insertion (a sixth of an ingest's writing thread)
// runs beside the SQLite writes; flush() waits for it. Work still queued when the writer is
// destroyed without a flush is not lost: the index replays it from the change log when next
// opened.
class VectorWriter {
 public:
  // index may be null (vectors are then only stored; the index catches up when next opened).
  VectorWriter(sql::Database& db, VectorIndex* index, std::string model, size_t dim, bool background = false);
  ~VectorWriter();
  VectorWriter(const VectorWriter&) = delete;
  VectorWriter& operator=(const VectorWriter&) = delete;
  // Errors: kInvalidArgument when the vector is of another model or dimension than this
  // writer's (never mixed), kIo.
  Result<void> write(EmailId id, std::string_view model, std::span<const float> vector);
  // Waits for the background updates, saves the index file and prunes the change log.
  Result<void> flush();
  int64_t written() const { return written_; }

 private:
  struct Pending {
    EmailId id = 0;
    std::vector<float> vector;
    int64_t head = 0;
  };
  void run();
  void drain();

  sql::Database& db_;
  VectorIndex* index_;
  std::string model_;
  size_t dim_;
  int64_t written_ = 0;
  // The background updater: a bounded queue and one thread.
  std::mutex mu_;
  std::condition_variable cv_work_, cv_room_, cv_idle_;
  std::deque<Pending> queue_;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace mailsift::search
