#include "chat/store_access.h"

namespace mailsift::chat {

std::shared_ptr<StoreAccess> StoreAccess::pool(Opener opener, size_t max_idle) {
  std::shared_ptr<StoreAccess> a(new StoreAccess());
  a->opener_ = std::move(opener);
  a->max_idle_ = max_idle;
  return a;
}

std::shared_ptr<StoreAccess> StoreAccess::borrow(SqliteEmailStore& store) {
  std::shared_ptr<StoreAccess> a(new StoreAccess());
  a->borrowed_ = &store;
  return a;
}

std::shared_ptr<StoreAccess> StoreAccess::read_only(std::string db_path, size_t max_idle) {
  return pool(
      [path = std::move(db_path)]() -> Result<std::unique_ptr<SqliteEmailStore>> {
        SqliteEmailStore::Options o;
        o.read_only = true;
        return SqliteEmailStore::open(path, o);
      },
      max_idle);
}

StoreAccess::~StoreAccess() = default;

StoreAccess::Lease::Lease(StoreAccess* owner, std::unique_ptr<SqliteEmailStore> owned, SqliteEmailStore* store,
                          std::unique_lock<std::mutex> lock)
    : owner_(owner), owned_(std::move(owned)), store_(store), lock_(std::move(lock)) {}

StoreAccess::Lease::Lease(Lease&& other) noexcept
    : owner_(other.owner_), owned_(std::move(other.owned_)), store_(other.store_), lock_(std::move(other.lock_)) {
  other.owner_ = nullptr;
  other.store_ = nullptr;
}

StoreAccess::Lease::~Lease() {
  if (owner_ && owned_) owner_->give_back(std::move(owned_));
}

Result<StoreAccess::Lease> StoreAccess::acquire() {
  if (borrowed_) return Lease(this, nullptr, borrowed_, std::unique_lock<std::mutex>(borrowed_mutex_));
  {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    if (!idle_.empty()) {
      auto store = std::move(idle_.back());
      idle_.pop_back();
      SqliteEmailStore* raw = store.get();
      return Lease(this, std::move(store), raw, {});
    }
  }
  if (!opener_) return fail(Code::kInternal, "StoreAccess has no store");
  auto made = opener_();
  if (!made) return fail(made.error());
  SqliteEmailStore* raw = made->get();
  return Lease(this, std::move(*made), raw, {});
}

void StoreAccess::give_back(std::unique_ptr<SqliteEmailStore> store) {
  std::lock_guard<std::mutex> lock(idle_mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(store));
}

}  // namespace mailsift::chat
