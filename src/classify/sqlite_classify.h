// What classification keeps in the data directory's SQLite database, beside the store's own
// tables: the sender rules (table classify_rules, schema migration 2), and the queries over the
// store's classification history that corrections need (human verdicts to train on, fallback
// verdicts to retry).
//
// Thread-safety: as the sql::Database it borrows (one thread at a time).
#pragma once

#include <utility>
#include <vector>

#include "classify/rules.h"
#include "core/result.h"
#include "core/types.h"
#include "store/sqlite.h"

namespace mailsift::classify {

class SqliteClassifyTables {
 public:
  // REQUIRES: `db` is a migrated mailsift database and outlives this object.
  explicit SqliteClassifyTables(sql::Database& db) : db_(db) {}

  // Oldest first. Errors: kIo.
  Result<std::vector<Rule>> rules();
  // Adds a rule, or replaces the class and note of the rule with the same kind and pattern.
  // Returns the stored rule (with its id). Errors: kIo.
  Result<Rule> put_rule(const Rule& rule);
  // Removes a rule by id. Errors: kNotFound, kIo.
  Result<void> remove_rule(int64_t id);

  // Messages whose current verdict is a fallback (the preferred classifier failed), oldest
  // first. A human verdict is never a fallback. Errors: kIo.
  Result<std::vector<EmailId>> fallback_ids();
  // Each message's latest human verdict, oldest message first. Errors: kIo.
  Result<std::vector<std::pair<EmailId, Label>>> human_labels();

 private:
  sql::Database& db_;
};

}  // namespace mailsift::classify
