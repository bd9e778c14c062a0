// The SQLite schema of a data directory and its migrations, keyed by PRAGMA user_version.
//
// Migrations are an ordered list; migration N brings a database from version N-1 to N. They
// run in one transaction each at open time. Never edit a migration that has shipped: append.
// Other folders' SQLite adapters (search, classify, contacts) add their tables here too, so the
// whole schema can be read in one place.
#pragma once

#include "core/result.h"
#include "store/sqlite.h"

namespace mailsift::store {

// The version a fully migrated database has.
int64_t schema_version();

// Brings the database up to schema_version(). Errors: kIo; kInvalidArgument when the database
// is newer than this program (written by a newer mailsift).
Result<void> migrate(sql::Database& db);

}  // namespace mailsift::store
