// StoreAccess: how chat tools reach the email store from many threads at once.
//
// A SqliteEmailStore is one SQLite connection and is used by one thread at a time, while the
// tool loop runs the calls of a step in parallel and the HTTP server answers several chats at
// once. StoreAccess hands out one store per caller for the length of a lease:
//   - StoreAccess::pool(opener): stores made on demand by `opener` (e.g. read-only connections
//     to the data directory's database), at most `max_idle` kept between leases;
//   - StoreAccess::borrow(store): one existing store; leases take turns (a mutex is held for
//     the lease), for callers that have a store open already (the CLI, tests).
//
// Thread-safe: acquire() may be called from any thread; a lease is used by the thread holding it.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "store/sqlite_store.h"

namespace mailsift::chat {

class StoreAccess {
 public:
  using Opener = std::function<Result<std::unique_ptr<SqliteEmailStore>>()>;

  static std::shared_ptr<StoreAccess> pool(Opener opener, size_t max_idle = 4);
  // REQUIRES: `store` outlives the StoreAccess and is not used elsewhere while a lease is held.
  static std::shared_ptr<StoreAccess> borrow(SqliteEmailStore& store);
  // A pool of read-only connections to the database at `db_path` (which must exist).
  static std::shared_ptr<StoreAccess> read_only(std::string db_path, size_t max_idle = 4);

  StoreAccess(const StoreAccess&) = delete;
  StoreAccess& operator=(const StoreAccess&) = delete;
  ~StoreAccess();

  // The store for the holder alone until the lease ends. Must not outlive its StoreAccess.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    SqliteEmailStore& operator*() const { return *store_; }
    SqliteEmailStore* operator->() const { return store_; }

   private:
    friend class StoreAccess;
    Lease(StoreAccess* owner, std::unique_ptr<SqliteEmailStore> owned, SqliteEmailStore* store,
          std::unique_lock<std::mutex> lock);
    StoreAccess* owner_;
    std::unique_ptr<SqliteEmailStore> owned_;
    SqliteEmailStore* store_;
    std::unique_lock<std::mutex> lock_;
  };

  // Errors: the opener's (kIo, kNotFound).
  Result<Lease> acquire();

 private:
  StoreAccess() = default;
  void give_back(std::unique_ptr<SqliteEmailStore> store);

  Opener opener_;
  size_t max_idle_ = 0;
  SqliteEmailStore* borrowed_ = nullptr;
  std::mutex borrowed_mutex_;  // held by a lease of the borrowed store
  std::mutex idle_mutex_;
  std::vector<std::unique_ptr<SqliteEmailStore>> idle_;
};

}  // namespace mailsift::chat
