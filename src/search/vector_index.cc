#include "search/vector_index.h"

#include <cstring>
#include <algorithm>
#include <filesystem>

#include "core/time.h"

namespace mailsift::search {

namespace embeddings {

namespace {
std::string_view as_bytes(std::span<const float> v) {
  return std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
}
std::vector<float> from_bytes(const std::string& blob) {
  std::vector<float> v(blob.size() / sizeof(float));
  if (!v.empty()) std::memcpy(v.data(), blob.data(), v.size() * sizeof(float));
  return v;
}
}  // namespace

Result<void> put(sql::Database& db, EmailId id, std::string_view model, std::span<const float> vector, UnixTime now) {
  // An upsert (not INSERT OR REPLACE): exactly one logged change per write.
  auto* st = MAILSIFT_TRY(db.prepare_cached(
      "INSERT INTO embeddings(email_id, model, dim, vector, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(email_id) DO UPDATE SET model = excluded.model, dim = excluded.dim, vector = excluded.vector, "
      "updated_at = excluded.updated_at"));
  st->bind(1, static_cast<int64_t>(id)).bind(2, model).bind(3, static_cast<int64_t>(vector.size()));
  st->bind_blob(4, as_bytes(vector)).bind(5, static_cast<int64_t>(now));
  return st->run();
}

Result<void> remove(sql::Database& db, EmailId id) {
  auto* st = MAILSIFT_TRY(db.prepare_cached("DELETE FROM embeddings WHERE email_id = ?1"));
  st->bind(1, static_cast<int64_t>(id));
  return st->run();
}

Result<std::optional<Stored>> get(sql::Database& db, EmailId id) {
  auto* st = MAILSIFT_TRY(db.prepare_cached("SELECT model, vector FROM embeddings WHERE email_id = ?1"));
  st->bind(1, static_cast<int64_t>(id));
  bool row = MAILSIFT_TRY(st->step());
  if (!row) return std::optional<Stored>{};
  Stored s{id, st->get_text(0), from_bytes(st->get_blob(1))};
  st->reset();
  return std::optional<Stored>(std::move(s));
}

Result<int64_t> last_change(sql::Database& db) {
  auto* st = MAILSIFT_TRY(db.prepare_cached("SELECT seq FROM sqlite_sequence WHERE name = 'vector_changes'"));
  bool row = MAILSIFT_TRY(st->step());
  int64_t seq = row ? st->get_int(0) : 0;
  st->reset();
  return seq;
}

Result<std::optional<std::string>> other_model(sql::Database& db, std::string_view model) {
  // Two range scans of the model index instead of a scan of every row.
  auto* st = MAILSIFT_TRY(db.prepare_cached(
      "SELECT model FROM (SELECT model FROM embeddings WHERE model < ?1 LIMIT 1) "
      "UNION ALL SELECT model FROM (SELECT model FROM embeddings WHERE model > ?1 LIMIT 1)"));
  st->bind(1, model);
  bool row = MAILSIFT_TRY(st->step());
  std::optional<std::string> out;
  if (row) out = st->get_text(0);
  st->reset();
  return out;
}

Result<int64_t> count(sql::Database& db, std::string_view model) {
  auto* st = MAILSIFT_TRY(db.prepare_cached("SELECT count(*) FROM embeddings WHERE model = ?1"));
  st->bind(1, model);
  MAILSIFT_TRY(st->step());
  int64_t n = st->get_int(0);
  st->reset();
  return n;
}

Result<void> prune_changes(sql::Database& db, int64_t seq) {
  auto* st = MAILSIFT_TRY(db.prepare_cached("DELETE FROM vector_changes WHERE seq <= ?1"));
  st->bind(1, seq);
  return st->run();
}

}  // namespace embeddings

Result<std::unique_ptr<VectorIndex>> VectorIndex::open(sql::Database& db, const Options& options,
                                                       IndexOpenReport* report) {
  std::unique_ptr<VectorIndex> index(new VectorIndex(options));
  IndexOpenReport r;
  std::lock_guard lock(index->mutex_);
  if (!options.path.empty()) {
    HnswFileMeta meta;
    auto loaded = HnswVectorStore::load(options.path, options.params, &meta);
    if (!loaded) {
      r.reason = loaded.error().code == Code::kNotFound ? "missing" : loaded.error().message;
    } else if (meta.model != options.model) {
      r.reason = "made by model " + meta.model;
    } else {
      index->store_ = std::move(*loaded);
      index->last_seq_ = meta.last_seq;
    }
  } else {
    r.reason = "in memory";
  }
  if (index->store_) {
    int64_t head = MAILSIFT_TRY(embeddings::last_change(db));
    if (head < index->last_seq_) {
      r.reason = "newer than the database";  // the database was replaced or restored
      index->store_.reset();
    }
  }
  if (!index->store_) {
    r.rebuilt = true;
    MAILSIFT_TRY_VOID(index->rebuild_locked(db));
  } else {
    auto applied = index->catch_up_locked(db);
    if (!applied) return fail(applied.error());
    r.caught_up = *applied;
    if (index->unsaved_ < 0) r.rebuilt = true;  // catch_up found the log pruned past the file
  }
  r.size = index->store_->size();
  if (report) *report = r;
  return index;
}

int64_t VectorIndex::last_seq() const {
  std::lock_guard lock(mutex_);
  return last_seq_;
}

int64_t VectorIndex::unsaved() const {
  std::lock_guard lock(mutex_);
  return unsaved_;
}

Result<void> VectorIndex::rebuild(sql::Database& db) {
  std::lock_guard lock(mutex_);
  return rebuild_locked(db);
}

Result<void> VectorIndex::rebuild_locked(sql::Database& db) {
  auto fresh = MAILSIFT_TRY(HnswVectorStore::create(options_.params));
  // Read the head first: changes after it are replayed by the next catch_up.
  int64_t head = MAILSIFT_TRY(embeddings::last_change(db));
  auto st = MAILSIFT_TRY(db.prepare("SELECT email_id, vector FROM embeddings WHERE model = ?1 ORDER BY email_id"));
  st.bind(1, options_.model);
  std::vector<float> v;
  while (MAILSIFT_TRY(st.step())) {
    std::string blob = st.get_blob(1);
    if (blob.size() != options_.params.dim * sizeof(float)) continue;  // a damaged row: reindex fixes it
    v.resize(options_.params.dim);
    std::memcpy(v.data(), blob.data(), blob.size());
    MAILSIFT_TRY_VOID(fresh->upsert(st.get_int(0), v));
  }
  store_ = std::move(fresh);
  last_seq_ = head;
  unsaved_ = std::max<int64_t>(1, static_cast<int64_t>(store_->size()));
  return ok();
}

Result<int64_t> VectorIndex::catch_up(sql::Database& db) {
  std::lock_guard lock(mutex_);
  return catch_up_locked(db);
}

Result<void> VectorIndex::apply_one(sql::Database& db, EmailId id) {
  auto stored = MAILSIFT_TRY(embeddings::get(db, id));
  if (!stored || stored->model != options_.model || stored->vector.size() != options_.params.dim) {
    return store_->remove(id);
  }
  // Replaying a change this process already applied costs a compare, not a graph update.
  if (store_->get(id) == stored->vector) return ok();
  return store_->upsert(id, stored->vector);
}

Result<int64_t> VectorIndex::catch_up_locked(sql::Database& db) {
  int64_t head = MAILSIFT_TRY(embeddings::last_change(db));
  if (head == last_seq_) return int64_t{0};
  auto st = MAILSIFT_TRY(db.prepare("SELECT seq, email_id FROM vector_changes WHERE seq > ?1 ORDER BY seq"));
  st.bind(1, last_seq_);
  std::vector<std::pair<int64_t, EmailId>> changes;
  while (MAILSIFT_TRY(st.step())) changes.emplace_back(st.get_int(0), st.get_int(1));
  if (changes.empty() || changes.front().first != last_seq_ + 1) {
    // The log was pruned past what this index reflects: another writer saved a newer file.
    // Load that file when it covers the gap, else rebuild from the table.
    int64_t need = changes.empty() ? head : changes.front().first - 1;
    HnswFileMeta meta;
    auto newer = options_.path.empty() ? Result<std::unique_ptr<HnswVectorStore>>(fail(Code::kNotFound, ""))
                                       : HnswVectorStore::load(options_.path, options_.params, &meta);
    if (newer && meta.model == options_.model && meta.last_seq >= need && meta.last_seq <= head) {
      store_ = std::move(*newer);
      last_seq_ = meta.last_seq;
      unsaved_ = 0;
      changes.erase(std::remove_if(changes.begin(), changes.end(),
                                   [&](const auto& c) { return c.first <= last_seq_; }),
                    changes.end());
      if (changes.empty()) return int64_t{0};
    } else {
      MAILSIFT_TRY_VOID(rebuild_locked(db));
      unsaved_ = -1;
      return static_cast<int64_t>(store_->size());
    }
  }
  std::vector<EmailId> ids;
  ids.reserve(changes.size());
  for (auto& c : changes) ids.push_back(c.second);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (EmailId id : ids) MAILSIFT_TRY_VOID(apply_one(db, id));
  last_seq_ = changes.back().first;
  unsaved_ += static_cast<int64_t>(ids.size());
  return static_cast<int64_t>(ids.size());
}

Result<void> VectorIndex::applied(sql::Database& db, EmailId id, std::span<const float> vector) {
  return applied_at(id, vector, MAILSIFT_TRY(embeddings::last_change(db)));
}

Result<void> VectorIndex::applied_at(EmailId id, std::span<const float> vector, int64_t head) {
  std::lock_guard lock(mutex_);
  MAILSIFT_TRY_VOID(store_->upsert(id, vector));
  ++unsaved_;
  if (head == last_seq_ + 1) last_seq_ = head;
  // Otherwise another writer's change came in between: the next catch_up replays both.
  return ok();
}

Result<void> VectorIndex::save(sql::Database& db, bool prune) {
  std::lock_guard lock(mutex_);
  MAILSIFT_TRY(catch_up_locked(db));
  if (options_.path.empty()) return ok();
  HnswFileMeta meta{options_.model, options_.params.dim, last_seq_, store_->size()};
  MAILSIFT_TRY_VOID(store_->save(options_.path, meta));
  unsaved_ = 0;
  if (prune) MAILSIFT_TRY_VOID(embeddings::prune_changes(db, last_seq_));
  return ok();
}

namespace {
constexpr size_t kMaxQueued = 4096;  // vectors waiting for the background updater (~1 KB each)
}  // namespace

VectorWriter::VectorWriter(sql::Database& db, VectorIndex* index, std::string model, size_t dim, bool background)
    : db_(db), index_(index), model_(std::move(model)), dim_(dim) {
  if (background && index_ != nullptr) thread_ = std::thread([this] { run(); });
}

VectorWriter::~VectorWriter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    queue_.clear();  // the change log still has them
  }
  cv_work_.notify_all();
  thread_.join();
}

void VectorWriter::run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_work_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    Pending p = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    cv_room_.notify_one();
    // A failed update leaves last_seq behind, so the next save's catch-up replays it.
    (void)index_->applied_at(p.id, p.vector, p.head);
    lock.lock();
    busy_ = false;
    if (queue_.empty()) cv_idle_.notify_all();
  }
}

void VectorWriter::drain() {
  if (!thread_.joinable()) return;
  std::unique_lock lock(mu_);
  cv_idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

Result<void> VectorWriter::write(EmailId id, std::string_view model, std::span<const float> vector) {
  if (model != model_ || vector.size() != dim_) {
    return fail(Code::kInvalidArgument, "vector of model " + std::string(model) + " (dimension " +
                                            std::to_string(vector.size()) + ") offered to a store of model " + model_,
                "run `mailsift reindex` after changing the embedding model");
  }
  MAILSIFT_TRY_VOID(embeddings::put(db_, id, model, vector, now_unix()));
  if (index_ && thread_.joinable()) {
    Pending p{id, std::vector<float>(vector.begin(), vector.end()), MAILSIFT_TRY(embeddings::last_change(db_))};
    {
      std::unique_lock lock(mu_);
      cv_room_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
      queue_.push_back(std::move(p));
    }
    cv_work_.notify_one();
  } else if (index_) {
    MAILSIFT_TRY_VOID(index_->applied(db_, id, vector));
  }
  ++written_;
  return ok();
}

Result<void> VectorWriter::flush() {
  if (!index_) return ok();
  drain();
  return index_->save(db_, /*prune=*/true);
}

}  // namespace mailsift::search
