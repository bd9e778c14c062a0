// Pool<T>: objects that must not be shared between threads at once (an SQLite connection, a
// searcher holding one), handed out one per request and returned afterwards. Objects are made
// on demand by a factory, so the pool grows to the number of requests served at the same time
// and no further; at most `max_idle` are kept between requests.
//
// Thread-safety: acquire() and the leases may be used from any threads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"

namespace mailsift::server {

template <typename T>
class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;

  explicit Pool(Factory factory, size_t max_idle = 16) : factory_(std::move(factory)), max_idle_(max_idle) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Borrowed object; returned to the pool when the lease ends, unless discard() was called
  // (after an error that may have left it unusable).
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<T> item) : pool_(pool), item_(std::move(item)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (pool_ && item_) pool_->give_back(std::move(item_));
    }
    T& operator*() const { return *item_; }
    T* operator->() const { return item_.get(); }
    void discard() { item_.reset(); }

   private:
    Pool* pool_;
    std::unique_ptr<T> item_;
  };

  // An idle object, or a new one from the factory. Errors: the factory's.
  Result<Lease> acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto item = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(item));
      }
    }
    auto made = factory_();
    if (!made) return fail(made.error());
    return Lease(this, std::move(*made));
  }

  size_t idle() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
  }

 private:
  void give_back(std::unique_ptr<T> item) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(item));
  }

  Factory factory_;
  size_t max_idle_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
};

}  // namespace mailsift::server
