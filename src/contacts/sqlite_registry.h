// The SQLite adapter of ContractorRegistry. It uses the data directory's database (tables of
// migration 3 in src/store/schema.cc) through a borrowed connection, usually the email store's
// (SqliteEmailStore::database()), so the registry and the email links share transactions.
#pragma once

#include "contacts/registry.h"
#include "store/sqlite.h"

namespace mailsift::contacts {

class SqliteRegistry final : public ContractorRegistry {
 public:
  // Borrows `db`, which must outlive this object and be migrated.
  explicit SqliteRegistry(sql::Database& db) : db_(db) {}

  Result<UpsertStats> upsert(const std::vector<Contractor>& contractors) override;
  Result<std::optional<Contractor>> get(std::string_view id) override;
  Result<std::vector<ContractorHit>> search(const ContractorQuery& query, Day today) override;
  Result<std::vector<std::string>> by_contact_email(std::string_view address) override;
  Result<std::vector<std::string>> by_domain(std::string_view domain) override;
  Result<int64_t> count() override;
  Result<bool> has_scope(std::string_view text) override;

 private:
  Result<void> write(const Contractor& c, int64_t now);
  Result<std::vector<int64_t>> scope_matches(const std::string& term);
  sql::Database& db_;
};

}  // namespace mailsift::contacts
