#include "contacts/sqlite_registry.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/strings.h"
#include "core/time.h"

namespace mailsift::contacts {

std::vector<std::string> scope_terms(std::string_view text) {
  std::string unified(text);
  std::replace(unified.begin(), unified.end(), ';', ',');
  std::vector<std::string> out;
  for (const auto& t : split(unified, ',')) {
    if (!trim(t).empty()) out.emplace_back(trim(t));
  }
  return out;
}

std::string scope_fts_query(std::string_view term) {
  // Words are runs of letters and digits (any non-ASCII byte counts as a letter), so quotes,
  // '*', ':', '-' and NEAR never reach FTS5 as syntax.
  std::vector<std::string> words;
  std::string word;
  for (char c : term) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  std::vector<std::string> quoted;
  for (const auto& w : words) quoted.push_back("\"" + w + "\"");
  return join(quoted, " AND ");
}

namespace {

std::vector<std::string> json_list(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::string json_text(const std::vector<std::string>& list) {
  return nlohmann::json(list).dump();
}

constexpr const char* kContractorColumns =
    "id, name, trading_names, email_domains, contact_emails, phone, address, regions";

Contractor read_contractor(const sql::Statement& s) {
  Contractor c;
  c.id = s.get_text(0);
  c.name = s.get_text(1);
  c.trading_names = json_list(s.get_text(2));
  c.email_domains = json_list(s.get_text(3));
  c.contact_emails = json_list(s.get_text(4));
  c.phone = s.get_text(5);
  c.address = s.get_text(6);
  c.regions = json_list(s.get_text(7));
  return c;
}

Result<void> load_accreditations(sql::Database& db, Contractor& c) {
  auto* s = MAILSIFT_TRY(
      db.prepare_cached("SELECT id, scheme, certificate, scopes, status, issued, expires, notes FROM accreditations"
                        " WHERE contractor_id = ? ORDER BY position"));
  s->bind(1, c.id);
  while (MAILSIFT_TRY(s->step())) {
    Accreditation a;
    a.id = s->get_int(0);
    a.scheme = s->get_text(1);
    a.certificate = s->get_text(2);
    a.scopes = json_list(s->get_text(3));
    a.status = parse_registry_status(s->get_text(4)).value_or(RegistryStatus::kValid);
    if (!s->is_null(5)) a.issued = s->get_int(5);
    a.expires = s->get_int(6);
    a.notes = s->get_text(7);
    c.accreditations.push_back(std::move(a));
  }
  return ok();
}

Result<std::vector<std::string>> ids_for_key(sql::Database& db, std::string_view kind, std::string_view value) {
  auto* s = MAILSIFT_TRY(db.prepare_cached(
      "SELECT contractor_id FROM contractor_keys WHERE kind = ? AND value = ? ORDER BY contractor_id"));
  s->bind(1, kind).bind(2, to_lower(trim(value)));
  std::vector<std::string> out;
  while (MAILSIFT_TRY(s->step())) out.push_back(s->get_text(0));
  return out;
}

}  // namespace

Result<void> SqliteRegistry::write(const Contractor& c, int64_t now) {
  // Replace the contractor's dependent rows as a whole; scopes first so their FTS rows go too.
  for (const char* sql :
       {"DELETE FROM accreditation_scopes WHERE accreditation_id IN (SELECT id FROM accreditations WHERE contractor_id "
        "= ?)",
        "DELETE FROM accreditations WHERE contractor_id = ?", "DELETE FROM contractor_keys WHERE contractor_id = ?",
        "DELETE FROM contractor_regions WHERE contractor_id = ?"}) {
    auto* s = MAILSIFT_TRY(db_.prepare_cached(sql));
    s->bind(1, c.id);
    MAILSIFT_TRY_VOID(s->run());
  }
  auto* up = MAILSIFT_TRY(db_.prepare_cached(
      "INSERT INTO contractors(id, name, trading_names, email_domains, contact_emails, phone, address, regions,"
      " imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
      " ON CONFLICT(id) DO UPDATE SET id = excluded.id, name = excluded.name,"
      " trading_names = excluded.trading_names, email_domains = excluded.email_domains,"
      " contact_emails = excluded.contact_emails, phone = excluded.phone, address = excluded.address,"
      " regions = excluded.regions, imported_at = excluded.imported_at"));
  up->bind(1, c.id).bind(2, c.name).bind(3, json_text(c.trading_names)).bind(4, json_text(c.email_domains));
  up->bind(5, json_text(c.contact_emails)).bind(6, c.phone).bind(7, c.address).bind(8, json_text(c.regions));
  up->bind(9, now);
  MAILSIFT_TRY_VOID(up->run());

  auto* key = MAILSIFT_TRY(
      db_.prepare_cached("INSERT OR IGNORE INTO contractor_keys(kind, value, contractor_id) VALUES (?, ?, ?)"));
  for (const auto& e : c.contact_emails) {
    key->bind(1, "email").bind(2, to_lower(e)).bind(3, c.id);
    MAILSIFT_TRY_VOID(key->run());
    key->reset();
  }
  for (const auto& d : c.email_domains) {
    key->bind(1, "domain").bind(2, to_lower(d)).bind(3, c.id);
    MAILSIFT_TRY_VOID(key->run());
    key->reset();
  }
  auto* region =
      MAILSIFT_TRY(db_.prepare_cached("INSERT OR IGNORE INTO contractor_regions(region, contractor_id) VALUES (?, ?)"));
  for (const auto& r : c.regions) {
    region->bind(1, r).bind(2, c.id);
    MAILSIFT_TRY_VOID(region->run());
    region->reset();
  }
  auto* acc = MAILSIFT_TRY(db_.prepare_cached(
      "INSERT INTO accreditations(contractor_id, position, scheme, certificate, scopes, status, issued, expires, notes)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  auto* scope =
      MAILSIFT_TRY(db_.prepare_cached("INSERT INTO accreditation_scopes(accreditation_id, scope) VALUES (?, ?)"));
  for (size_t i = 0; i < c.accreditations.size(); ++i) {
    const Accreditation& a = c.accreditations[i];
    acc->bind(1, c.id).bind(2, static_cast<int64_t>(i)).bind(3, a.scheme).bind(4, a.certificate);
    acc->bind(5, json_text(a.scopes)).bind(6, registry_status_name(a.status));
    if (a.issued) {
      acc->bind(7, static_cast<int64_t>(*a.issued));
    } else {
      acc->bind_null(7);
    }
    acc->bind(8, static_cast<int64_t>(a.expires)).bind(9, a.notes);
    MAILSIFT_TRY_VOID(acc->run());
    acc->reset();
    int64_t acc_id = db_.last_insert_rowid();
    for (const auto& sc : a.scopes) {
      scope->bind(1, acc_id).bind(2, sc);
      MAILSIFT_TRY_VOID(scope->run());
      scope->reset();
    }
  }
  return ok();
}

Result<UpsertStats> SqliteRegistry::upsert(const std::vector<Contractor>& contractors) {
  int64_t now = now_unix();
  return sql::atomic(db_, [&]() -> Result<UpsertStats> {
    UpsertStats stats;
    auto* exists = MAILSIFT_TRY(db_.prepare_cached("SELECT 1 FROM contractors WHERE id = ?"));
    for (const auto& c : contractors) {
      exists->bind(1, c.id);
      bool had = MAILSIFT_TRY(exists->step());
      exists->reset();
      MAILSIFT_TRY_VOID(write(c, now));
      (had ? stats.updated : stats.added) += 1;
      stats.accreditations += static_cast<int>(c.accreditations.size());
    }
    return stats;
  });
}

Result<std::optional<Contractor>> SqliteRegistry::get(std::string_view id) {
  auto* s =
      MAILSIFT_TRY(db_.prepare_cached(std::string("SELECT ") + kContractorColumns + " FROM contractors WHERE id = ?"));
  s->bind(1, trim(id));
  if (!MAILSIFT_TRY(s->step())) return std::optional<Contractor>{};
  Contractor c = read_contractor(*s);
  s->reset();
  MAILSIFT_TRY_VOID(load_accreditations(db_, c));
  return std::optional<Contractor>(std::move(c));
}

Result<std::vector<int64_t>> SqliteRegistry::scope_matches(const std::string& term) {
  std::string q = scope_fts_query(term);
  if (q.empty()) {
    return fail(Code::kInvalidArgument, "scope '" + term + "' has no words to search for",
                "describe the work, e.g. --scope \"LV jointing\"");
  }
  auto* s = MAILSIFT_TRY(
      db_.prepare_cached("SELECT DISTINCT s.accreditation_id FROM accreditation_scopes_fts f"
                         " JOIN accreditation_scopes s ON s.id = f.rowid WHERE accreditation_scopes_fts MATCH ?"));
  s->bind(1, q);
  std::vector<int64_t> out;
  while (MAILSIFT_TRY(s->step())) out.push_back(s->get_int(0));
  return out;
}

Result<std::vector<ContractorHit>> SqliteRegistry::search(const ContractorQuery& q, Day today) {
  // Accreditations satisfying the scope terms (each term by some scope of the accreditation).
  std::optional<std::set<int64_t>> scoped;
  for (const auto& term : scope_terms(q.scope)) {
    auto ids = MAILSIFT_TRY(scope_matches(term));
    std::set<int64_t> found(ids.begin(), ids.end());
    if (!scoped) {
      scoped = std::move(found);
    } else {
      std::set<int64_t> both;
      std::set_intersection(scoped->begin(), scoped->end(), found.begin(), found.end(),
                            std::inserter(both, both.begin()));
      scoped = std::move(both);
    }
  }
  if (!trim(q.scope).empty() && !scoped) {
    return fail(Code::kInvalidArgument, "scope '" + q.scope + "' has no words to search for");
  }

  // Candidates by region, scheme and name in SQL; lists are bound as JSON arrays.
  std::string name_like;
  if (!q.name.empty()) {
    name_like = "%";
    for (char ch : to_lower(q.name)) {
      if (ch == '%' || ch == '_' || ch == '\\') name_like += '\\';
      name_like += ch;
    }
    name_like += "%";
  }
  auto s = MAILSIFT_TRY(
      db_.prepare(std::string("SELECT ") + kContractorColumns +
                  " FROM contractors c WHERE"
                  " (?1 = 0 OR EXISTS (SELECT 1 FROM contractor_regions r WHERE r.contractor_id = c.id"
                  "   AND r.region IN (SELECT value FROM json_each(?2))))"
                  " AND (?3 = '' OR lower(c.name) LIKE ?3 ESCAPE '\\' OR lower(c.trading_names) LIKE ?3 ESCAPE '\\')"
                  " AND (?4 = '' OR EXISTS (SELECT 1 FROM accreditations a WHERE a.contractor_id = c.id"
                  "   AND a.scheme = ?4 COLLATE NOCASE))"
                  " ORDER BY c.name COLLATE NOCASE, c.id"));
  s.bind(1, static_cast<int64_t>(!q.regions.empty())).bind(2, json_text(q.regions));
  s.bind(3, name_like).bind(4, q.scheme);
  std::vector<Contractor> candidates;
  while (MAILSIFT_TRY(s.step())) candidates.push_back(read_contractor(s));

  std::vector<ContractorHit> hits;
  bool filter_accreditations = !q.scheme.empty() || scoped || q.status;
  for (auto& c : candidates) {
    MAILSIFT_TRY_VOID(load_accreditations(db_, c));
    ContractorHit hit;
    for (size_t i = 0; i < c.accreditations.size(); ++i) {
      const Accreditation& a = c.accreditations[i];
      if (!q.scheme.empty() && !iequals(a.scheme, q.scheme)) continue;
      if (scoped && !scoped->count(a.id)) continue;
      if (q.status && !a.matches(*q.status, today)) continue;
      hit.matching.push_back(i);
    }
    if (filter_accreditations && hit.matching.empty()) continue;
    hit.contractor = std::move(c);
    hits.push_back(std::move(hit));
    if (q.limit >= 0 && static_cast<int>(hits.size()) >= q.limit) break;
  }
  return hits;
}

Result<std::vector<std::string>> SqliteRegistry::by_contact_email(std::string_view address) {
  return ids_for_key(db_, "email", address);
}

Result<std::vector<std::string>> SqliteRegistry::by_domain(std::string_view domain) {
  return ids_for_key(db_, "domain", domain);
}

Result<int64_t> SqliteRegistry::count() {
  auto* s = MAILSIFT_TRY(db_.prepare_cached("SELECT count(*) FROM contractors"));
  if (!MAILSIFT_TRY(s->step())) return int64_t{0};
  int64_t n = s->get_int(0);
  s->reset();
  return n;
}

Result<bool> SqliteRegistry::has_scope(std::string_view text) {
  auto terms = scope_terms(text);
  if (terms.empty()) return fail(Code::kInvalidArgument, "scope '" + std::string(text) + "' has no words to search for");
  for (const auto& term : terms) {
    if (MAILSIFT_TRY(scope_matches(term)).empty()) return false;
  }
  return true;
}

}  // namespace mailsift::contacts
