#include "store/sqlite.h"

#include <sqlite3.h>

#include <unordered_map>

namespace mailsift::sql {

struct Database::Cache {
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements;
};

Statement::Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) { other.stmt_ = nullptr; }

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(sqlite3_db_handle(stmt_));
  sqlite3_reset(stmt_);
  return fail(rc == SQLITE_BUSY ? Code::kUnavailable : Code::kIo, "database: " + msg);
}

Result<void> Statement::run() {
  while (true) {
    auto r = step();
    if (!r) return fail(r.error());
    if (!*r) break;
  }
  sqlite3_reset(stmt_);
  return ok();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::get_int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::get_double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::get_text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Statement::get_blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (!p) return {};
  return std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::get_optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return get_text(col);
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, const Options& options) {
  sqlite3* raw = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return fail(Code::kIo, "cannot open the database " + path + ": " + msg);
  }
  std::unique_ptr<Database> db(new Database(raw, path));
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  if (!options.read_only) {
    MAILSIFT_TRY_VOID(db->exec("PRAGMA journal_mode=WAL"));
    MAILSIFT_TRY_VOID(db->exec("PRAGMA synchronous=NORMAL"));
  }
  MAILSIFT_TRY_VOID(db->exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY"));
  return db;
}

Database::Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)), cache_(std::make_unique<Cache>()) {}

Database::~Database() {
  cache_.reset();  // finalize cached statements before closing
  if (db_) sqlite3_close_v2(db_);
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return fail(Code::kIo, "database: " + std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql.substr(0, 120)));
  }
  return Statement(stmt, this);
}

Result<Statement*> Database::prepare_cached(std::string_view sql) {
  auto key = std::string(sql);
  auto it = cache_->statements.find(key);
  if (it != cache_->statements.end()) {
    it->second->reset();
    return it->second.get();
  }
  auto stmt = MAILSIFT_TRY(prepare(sql));
  auto owned = std::make_unique<Statement>(std::move(stmt));
  Statement* p = owned.get();
  cache_->statements.emplace(std::move(key), std::move(owned));
  return p;
}

Result<void> Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return fail(rc == SQLITE_BUSY ? Code::kUnavailable : Code::kIo, "database: " + msg);
  }
  return ok();
}

Result<void> Database::run_cached(std::string_view sql) {
  auto* stmt = MAILSIFT_TRY(prepare_cached(sql));
  return stmt->run();
}

Result<void> Database::begin() { return exec("BEGIN IMMEDIATE"); }
Result<void> Database::commit() { return exec("COMMIT"); }
void Database::rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}
bool Database::in_transaction() const { return !sqlite3_get_autocommit(db_); }

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Result<int64_t> Database::user_version() {
  auto stmt = MAILSIFT_TRY(prepare("PRAGMA user_version"));
  if (!MAILSIFT_TRY(stmt.step())) return int64_t{0};
  return stmt.get_int(0);
}

Result<void> Database::set_user_version(int64_t version) {
  return exec("PRAGMA user_version=" + std::to_string(version));  // a number, not data from outside
}

std::string Database::last_error() const { return sqlite3_errmsg(db_); }

}  // namespace mailsift::sql
