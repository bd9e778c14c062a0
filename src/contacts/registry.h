// ContractorRegistry: the port through which mailsift keeps and searches accredited contractors.
// Adapter: SQLite (sqlite_registry.h), in the data directory's database.
//
// Search semantics: a contractor matches when it works in one of the query's regions (if any)
// and has at least one accreditation that satisfies every accreditation criterion at once
// (scheme, scope, status). Scope text is matched by words with their stems ("jointer",
// "jointing" and "joints" share "joint") against the scopes of one accreditation: every word
// must occur in a single scope. Several scope terms separated by ',' or ';' must each match some
// scope of the same accreditation.
//
// Thread-safety: as the Database it is built on (one thread at a time).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/contractor.h"
#include "core/result.h"

namespace mailsift::contacts {

struct ContractorQuery {
  std::vector<std::string> regions;    // canonical names (resolve_region); empty: any region
  std::string scheme;                  // canonical code (canonical_scheme); empty: any scheme
  std::string scope;                   // words; empty: any scope
  std::optional<StatusFilter> status;  // none: any status
  std::string name;                    // substring of the name or a trading name; empty: any
  int limit = 50;                      // < 0: no limit
};

struct ContractorHit {
  Contractor contractor;
  std::vector<size_t> matching;  // indexes of the accreditations that satisfy the query
};

struct UpsertStats {
  int added = 0;           // contractors new to the registry
  int updated = 0;         // contractors replaced (same id)
  int accreditations = 0;  // accreditation rows written
};

class ContractorRegistry {
 public:
  virtual ~ContractorRegistry() = default;
  ContractorRegistry(const ContractorRegistry&) = delete;
  ContractorRegistry& operator=(const ContractorRegistry&) = delete;

  // Inserts or replaces each contractor by id (its accreditations are replaced as a whole).
  // All or nothing: on any error nothing is written. Errors: kIo.
  virtual Result<UpsertStats> upsert(const std::vector<Contractor>& contractors) = 0;

  // nullopt when there is no such id (ids compare case-insensitively).
  virtual Result<std::optional<Contractor>> get(std::string_view id) = 0;

  // Ordered by name. `today` decides the status filter. Errors: kInvalidArgument for scope text
  // without words.
  virtual Result<std::vector<ContractorHit>> search(const ContractorQuery& query, Day today) = 0;

  // Ids of contractors listing this address in contact_emails (address compared lower-case).
  virtual Result<std::vector<std::string>> by_contact_email(std::string_view address) = 0;
  // Ids of contractors listing exactly this domain in email_domains.
  virtual Result<std::vector<std::string>> by_domain(std::string_view domain) = 0;

  virtual Result<int64_t> count() = 0;

  // True when some accreditation has a scope that the scope text matches as search() matches
  // it (every word, by stem, in one scope), e.g. for telling whether a word names work the
  // registry knows. Errors: kInvalidArgument for text without words.
  virtual Result<bool> has_scope(std::string_view text) = 0;

 protected:
  ContractorRegistry() = default;
};

// The FTS5 query for one scope term: every word quoted (so user text never reaches FTS5 syntax),
// joined by AND. Empty when the text has no words.
std::string scope_fts_query(std::string_view term);
// Scope text split into terms on ',' and ';'; blank terms dropped.
std::vector<std::string> scope_terms(std::string_view text);

}  // namespace mailsift::contacts
