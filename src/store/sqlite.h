// A thin RAII layer over SQLite for the adapters of every folder (store, search, contacts, ...):
// a connection, prepared statements with typed binds and reads, and transactions. Keeps
// sqlite3.h out of every other header. Prepared statements only: SQL text never contains data.
//
// Thread-safety: a Database is used by one thread at a time (open one per thread; WAL lets
// readers and one writer work at once). Statements belong to their Database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mailsift::sql {

class Database;

class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds are 1-based, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);

  // Runs one step. true: a row is ready; false: done. Errors: kIo with SQLite's message.
  Result<bool> step();
  // Runs to completion, ignoring rows.
  Result<void> run();
  // Resets and clears the bindings so the statement can run again.
  void reset();

  bool is_null(int col) const;
  int64_t get_int(int col) const;
  double get_double(int col) const;
  std::string get_text(int col) const;   // empty for NULL
  std::string get_blob(int col) const;
  std::optional<std::string> get_optional_text(int col) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, Database* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  Database* db_ = nullptr;
};

class Database {
 public:
  struct Options {
    bool read_only = false;
    int busy_timeout_ms = 10000;
  };

  // Opens (creating unless read_only) a database file with WAL, foreign keys and a busy timeout.
  // Errors: kIo.
  static Result<std::unique_ptr<Database>> open(const std::string& path, const Options& options);
  static Result<std::unique_ptr<Database>> open(const std::string& path) { return open(path, Options{}); }
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Prepares a statement; cached ones (prepare_cached) live as long as the Database and are
  // reset before being handed out again. Errors: kIo with the SQL error.
  Result<Statement> prepare(std::string_view sql);
  Result<Statement*> prepare_cached(std::string_view sql);
  // Runs one or more statements without parameters (schema, pragmas).
  Result<void> exec(std::string_view sql);
  // Runs one parameterless statement through the statement cache (for hot paths).
  Result<void> run_cached(std::string_view sql);

  Result<void> begin();  // BEGIN IMMEDIATE: take the write lock up front
  Result<void> commit();
  void rollback();       // never fails visibly; used on error paths
  bool in_transaction() const;

  int64_t last_insert_rowid() const;
  int changes() const;
  Result<int64_t> user_version();
  Result<void> set_user_version(int64_t version);

  // Last error text of the connection (for messages).
  std::string last_error() const;
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path);
  sqlite3* db_ = nullptr;
  std::string path_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// Runs fn inside BEGIN IMMEDIATE ... COMMIT, rolling back when fn or the commit fails.
template <typename Fn>
Result<void> transaction(Database& db, Fn&& fn) {
  MAILSIFT_TRY_VOID(db.begin());
  Result<void> r = fn();
  if (!r) {
    db.rollback();
    return r;
  }
  auto c = db.commit();
  if (!c) db.rollback();
  return c;
}

// Runs fn as one unit: inside BEGIN IMMEDIATE ... COMMIT when no transaction is open, else inside
// a savepoint of the open one, so a failure undoes fn's writes and nothing else. fn returns a
// Result<T>; so does atomic().
template <typename Fn>
auto atomic(Database& db, Fn&& fn) -> decltype(fn()) {
  const bool own = !db.in_transaction();
  MAILSIFT_TRY_VOID(own ? db.begin() : db.run_cached("SAVEPOINT mailsift_unit"));
  auto r = fn();
  if (!r) {
    if (own) {
      db.rollback();
    } else {
      (void)db.run_cached("ROLLBACK TO mailsift_unit");
      (void)db.run_cached("RELEASE mailsift_unit");
    }
    return r;
  }
  auto done = own ? db.commit() : db.run_cached("RELEASE mailsift_unit");
  if (!done) {
    if (own) db.rollback();
    return ::mailsift::Unexpected(std::move(done).error());
  }
  return r;
}

}  // namespace mailsift::sql
