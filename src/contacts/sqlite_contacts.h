// The SQLite adapter of ContactStore (tables of migration 3, src/store/schema.cc). It borrows the
// email store's connection: the contacts live beside the messages they come from, counts by class
// are read from the messages' current class, and an ingest batch covers both.
#pragma once

#include "contacts/contact_store.h"
#include "store/sqlite.h"

namespace mailsift::contacts {

class SqliteContacts final : public ContactStore {
 public:
  // Borrows `db`, which must outlive this object and be migrated.
  explicit SqliteContacts(sql::Database& db) : db_(db) {}

  Result<bool> apply(const Enrichment& e) override;
  Result<std::optional<Contact>> get(std::string_view address) override;
  Result<std::vector<Contact>> list(const ContactQuery& query) override;
  Result<ContactActivity> activity(std::string_view address, int latest) override;
  Result<std::optional<MessageLinks>> message_links(EmailId id) override;
  Result<std::vector<EmailId>> messages_from_contractor(std::string_view contractor_id, int limit) override;
  Result<std::vector<EmailId>> messages_from(const std::vector<std::string>& domains,
                                             const std::vector<std::string>& addresses, int limit) override;
  Result<ContactStats> stats() override;
  Result<void> clear() override;

 private:
  Result<void> upsert_contact(const MessageAddress& a, UnixTime date, bool counted);
  Result<void> load_names(Contact& c);
  sql::Database& db_;
};

}  // namespace mailsift::contacts
