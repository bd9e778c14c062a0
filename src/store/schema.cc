#include "store/schema.h"

#include <string>
#include <vector>

namespace mailsift::store {

namespace {

// Migration 1: messages, raw bytes, addresses, attachments, threads, full-text index,
// classification, embeddings and the quarantine.
constexpr const char* kV1 = R"sql(
CREATE TABLE messages (
  id               INTEGER PRIMARY KEY,
  message_id       TEXT NOT NULL,
  message_id_synth INTEGER NOT NULL DEFAULT 0,
  content_hash     TEXT NOT NULL,
  thread_id        INTEGER NOT NULL DEFAULT 0,
  date             INTEGER NOT NULL,
  date_raw         TEXT NOT NULL DEFAULT '',
  date_source      TEXT NOT NULL DEFAULT 'header',
  subject          TEXT NOT NULL DEFAULT '',
  from_name        TEXT NOT NULL DEFAULT '',
  from_addr        TEXT NOT NULL DEFAULT '',
  from_text        TEXT NOT NULL DEFAULT '',
  to_text          TEXT NOT NULL DEFAULT '',
  list_id          TEXT NOT NULL DEFAULT '',
  list_unsubscribe TEXT NOT NULL DEFAULT '',
  precedence       TEXT NOT NULL DEFAULT '',
  auto_submitted   TEXT NOT NULL DEFAULT '',
  content_type     TEXT NOT NULL DEFAULT '',
  is_report        INTEGER NOT NULL DEFAULT 0,
  report_type      TEXT NOT NULL DEFAULT '',
  has_calendar     INTEGER NOT NULL DEFAULT 0,
  forwarded        INTEGER NOT NULL DEFAULT 0,
  n_attachments    INTEGER NOT NULL DEFAULT 0,
  body             TEXT NOT NULL DEFAULT '',
  visible_text     TEXT NOT NULL DEFAULT '',
  html_body        BLOB,
  headers_json     TEXT NOT NULL DEFAULT '[]',
  in_reply_to      TEXT NOT NULL DEFAULT '[]',
  references_json  TEXT NOT NULL DEFAULT '[]',
  warnings_json    TEXT NOT NULL DEFAULT '[]',
  raw_size         INTEGER NOT NULL DEFAULT 0,
  source           TEXT NOT NULL DEFAULT '',
  ingested_at      INTEGER NOT NULL DEFAULT 0,
  class            TEXT,
  class_confidence REAL,
  class_decider    TEXT
);
CREATE UNIQUE INDEX messages_content_hash ON messages(content_hash);
CREATE INDEX messages_message_id ON messages(message_id);
CREATE INDEX messages_thread ON messages(thread_id, date);
CREATE INDEX messages_date ON messages(date);
CREATE INDEX messages_from ON messages(from_addr);
CREATE INDEX messages_class ON messages(class, date);

CREATE TABLE raw_messages (
  id    INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  codec TEXT NOT NULL,
  data  BLOB NOT NULL
);

CREATE TABLE addresses (
  email_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  role     TEXT NOT NULL,
  position INTEGER NOT NULL,
  name     TEXT NOT NULL DEFAULT '',
  address  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX addresses_email ON addresses(email_id);
CREATE INDEX addresses_address ON addresses(address, role);

CREATE TABLE attachments (
  email_id     INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  disposition  TEXT NOT NULL DEFAULT '',
  content_id   TEXT NOT NULL DEFAULT '',
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  part_path    TEXT NOT NULL,
  PRIMARY KEY (email_id, idx)
) WITHOUT ROWID;

-- Message-IDs each message names in In-Reply-To / References: finds children that arrived
-- before their parent.
CREATE TABLE thread_refs (
  email_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  ref      TEXT NOT NULL
);
CREATE INDEX thread_refs_ref ON thread_refs(ref);
CREATE INDEX thread_refs_email ON thread_refs(email_id);

CREATE VIRTUAL TABLE messages_fts USING fts5(
  subject, from_text, to_text, body,
  content='messages', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, subject, from_text, to_text, body)
  VALUES (new.id, new.subject, new.from_text, new.to_text, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, subject, from_text, to_text, body)
  VALUES ('delete', old.id, old.subject, old.from_text, old.to_text, old.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, from_text, to_text, body ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, subject, from_text, to_text, body)
  VALUES ('delete', old.id, old.subject, old.from_text, old.to_text, old.body);
  INSERT INTO messages_fts(rowid, subject, from_text, to_text, body)
  VALUES (new.id, new.subject, new.from_text, new.to_text, new.body);
END;

CREATE TABLE classifications (
  id           INTEGER PRIMARY KEY,
  email_id     INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  label        TEXT NOT NULL,
  confidence   REAL NOT NULL,
  decided_by   TEXT NOT NULL,
  model        TEXT NOT NULL DEFAULT '',
  reasons_json TEXT NOT NULL DEFAULT '[]',
  fallback     INTEGER NOT NULL DEFAULT 0,
  note         TEXT NOT NULL DEFAULT '',
  decided_at   INTEGER NOT NULL
);
CREATE INDEX classifications_email ON classifications(email_id);

CREATE TABLE embeddings (
  email_id   INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  model      TEXT NOT NULL,
  dim        INTEGER NOT NULL,
  vector     BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE quarantine (
  id          INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  source      TEXT NOT NULL,
  reason      TEXT NOT NULL,
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL UNIQUE,
  codec       TEXT NOT NULL DEFAULT 'zstd',
  data        BLOB
);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Versions 2 (classification) and 3 (contacts) are reserved for those folders' tables: whoever
// lands first replaces its own empty slot below, so the list stays in version order. A slot is
// empty only until its owner fills it; keep later versions after it.
constexpr const char* kV2 = R"sql(
-- Migration 2 (classification, src/classify/): sender rules that pin a class on an address
-- or a domain (`mailsift rules`). Verdicts themselves live in `classifications` (migration 1).
CREATE TABLE IF NOT EXISTS classify_rules (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('address', 'domain')),
  pattern    TEXT NOT NULL,
  label      TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (kind, pattern)
);
-- Current verdicts by decider, for `mailsift classify --retry-fallbacks` and `mailsift train`.
CREATE INDEX IF NOT EXISTS classifications_decider ON classifications(decided_by, email_id);
)sql";
constexpr const char* kV3 = R"sql(
-- Migration 3 (contacts, src/contacts/): the contractor registry, and the contacts and links
-- that enrichment derives from stored messages (rebuilt by `mailsift enrich`).
CREATE TABLE contractors (
  id             TEXT PRIMARY KEY COLLATE NOCASE,
  name           TEXT NOT NULL,
  trading_names  TEXT NOT NULL DEFAULT '[]',
  email_domains  TEXT NOT NULL DEFAULT '[]',
  contact_emails TEXT NOT NULL DEFAULT '[]',
  phone          TEXT NOT NULL DEFAULT '',
  address        TEXT NOT NULL DEFAULT '',
  regions        TEXT NOT NULL DEFAULT '[]',
  imported_at    INTEGER NOT NULL
);
-- How senders are matched: kind 'email' (a listed contact address) or 'domain'.
CREATE TABLE contractor_keys (
  kind          TEXT NOT NULL,
  value         TEXT NOT NULL,
  contractor_id TEXT NOT NULL REFERENCES contractors(id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value, contractor_id)
) WITHOUT ROWID;
CREATE INDEX contractor_keys_contractor ON contractor_keys(contractor_id);
CREATE TABLE contractor_regions (
  region        TEXT NOT NULL,
  contractor_id TEXT NOT NULL REFERENCES contractors(id) ON DELETE CASCADE,
  PRIMARY KEY (region, contractor_id)
) WITHOUT ROWID;
CREATE INDEX contractor_regions_contractor ON contractor_regions(contractor_id);
-- Dates are civil days since 1970-01-01; expiry status is computed when read, never stored.
CREATE TABLE accreditations (
  id            INTEGER PRIMARY KEY,
  contractor_id TEXT NOT NULL REFERENCES contractors(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  scheme        TEXT NOT NULL,
  certificate   TEXT NOT NULL,
  scopes        TEXT NOT NULL DEFAULT '[]',
  status        TEXT NOT NULL,
  issued        INTEGER,
  expires       INTEGER NOT NULL,
  notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX accreditations_contractor ON accreditations(contractor_id, position);
CREATE TABLE accreditation_scopes (
  id               INTEGER PRIMARY KEY,
  accreditation_id INTEGER NOT NULL REFERENCES accreditations(id) ON DELETE CASCADE,
  scope            TEXT NOT NULL
);
CREATE INDEX accreditation_scopes_accreditation ON accreditation_scopes(accreditation_id);
CREATE VIRTUAL TABLE accreditation_scopes_fts USING fts5(
  scope, content='accreditation_scopes', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER accreditation_scopes_fts_insert AFTER INSERT ON accreditation_scopes BEGIN
  INSERT INTO accreditation_scopes_fts(rowid, scope) VALUES (new.id, new.scope);
END;
CREATE TRIGGER accreditation_scopes_fts_delete AFTER DELETE ON accreditation_scopes BEGIN
  INSERT INTO accreditation_scopes_fts(accreditation_scopes_fts, rowid, scope) VALUES ('delete', old.id, old.scope);
END;

-- Every address seen on a stored message. Links are what enrichment found last.
CREATE TABLE contacts (
  address          TEXT PRIMARY KEY,
  domain           TEXT NOT NULL,
  first_seen       INTEGER NOT NULL,
  last_seen        INTEGER NOT NULL,
  sent             INTEGER NOT NULL DEFAULT 0,
  received         INTEGER NOT NULL DEFAULT 0,
  own              INTEGER NOT NULL DEFAULT 0,
  directory_id     TEXT,
  directory_name   TEXT,
  directory_org    TEXT,
  directory_role   TEXT,
  contractor_id    TEXT,
  contractor_match TEXT,
  updated_at       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX contacts_domain ON contacts(domain);
CREATE INDEX contacts_contractor ON contacts(contractor_id);
CREATE INDEX contacts_last_seen ON contacts(last_seen);
CREATE TABLE contact_names (
  address   TEXT NOT NULL,
  name      TEXT NOT NULL,
  seen      INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (address, name)
) WITHOUT ROWID;
CREATE TABLE contact_messages (
  address  TEXT NOT NULL,
  email_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  role     TEXT NOT NULL,
  PRIMARY KEY (address, email_id, role)
) WITHOUT ROWID;
CREATE INDEX contact_messages_email ON contact_messages(email_id);
-- One row per enriched message: its direction and what its sender was linked to.
CREATE TABLE message_links (
  email_id         INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  direction        TEXT NOT NULL,
  sender           TEXT NOT NULL,
  contractor_id    TEXT,
  contractor_match TEXT,
  directory_id     TEXT,
  enriched_at      INTEGER NOT NULL
);
CREATE INDEX message_links_contractor ON message_links(contractor_id);
)sql";

// Migration 4 (search): a change log of the embeddings table, so a vector index file saved at
// change N can be caught up by replaying the changes after N (src/search/vector_index.h), and
// an index to find vectors of another model quickly (a model change needs `mailsift reindex`).
constexpr const char* kV4 = R"sql(
CREATE TABLE vector_changes (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  email_id INTEGER NOT NULL
);
CREATE TRIGGER embeddings_log_insert AFTER INSERT ON embeddings BEGIN
  INSERT INTO vector_changes(email_id) VALUES (new.email_id);
END;
CREATE TRIGGER embeddings_log_update AFTER UPDATE ON embeddings BEGIN
  INSERT INTO vector_changes(email_id) VALUES (new.email_id);
END;
CREATE TRIGGER embeddings_log_delete AFTER DELETE ON embeddings BEGIN
  INSERT INTO vector_changes(email_id) VALUES (old.email_id);
END;
CREATE INDEX embeddings_model ON embeddings(model);
)sql";

// v5: partial indexes for the search filters is:list and has:attachment, which otherwise read
// the whole messages table (their rows hold the bodies). The conditions are written exactly as
// the search's filter SQL (src/search/fts_query.cc) so that SQLite can use them.
constexpr const char* kV5 = R"sql(
CREATE INDEX messages_attached ON messages(id) WHERE n_attachments > 0;
CREATE INDEX messages_listed ON messages(id)
  WHERE list_id <> '' OR list_unsubscribe <> '' OR lower(precedence) IN ('list', 'bulk');
)sql";

const std::vector<const char*>& migrations() {
  static const std::vector<const char*> kMigrations = {kV1, kV2, kV3, kV4, kV5};
  return kMigrations;
}

}  // namespace

int64_t schema_version() { return static_cast<int64_t>(migrations().size()); }

Result<void> migrate(sql::Database& db) {
  int64_t current = MAILSIFT_TRY(db.user_version());
  if (current > schema_version()) {
    return fail(Code::kInvalidArgument,
                "the data directory was written by a newer mailsift (schema " + std::to_string(current) +
                    ", this program knows " + std::to_string(schema_version()) + ")",
                "upgrade mailsift, or use another --data-dir");
  }
  for (int64_t v = current; v < schema_version(); ++v) {
    MAILSIFT_TRY_VOID(sql::transaction(db, [&]() -> Result<void> {
      MAILSIFT_TRY_VOID(db.exec(migrations()[static_cast<size_t>(v)]));
      return db.set_user_version(v + 1);
    }));
  }
  return ok();
}

}  // namespace mailsift::store
