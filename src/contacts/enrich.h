// The enrich-contacts stage (DESIGN.md): for each stored message, every address on it (From, To,
// Cc, Bcc, Reply-To) becomes or updates a contact, the message gets a direction, and each
// address is linked to:
//   - a directory account, by address;
//   - a contractor: by an address the registry lists in contact_emails, else by email domain
//     (the address's domain or a parent of it, e.g. mail.brightwire.example), never by a
//     free-mail domain (free_mail.h), never for the organisation's own addresses, and never when
//     two contractors claim the same address or domain (ambiguous: no link rather than a wrong one).
// Direction: inbound unless the sender is one of the organisation's own domains; then internal
// when every recipient is too, else outbound. Own domains come from EnrichOptions, else from the
// directory's own organisation; with neither, every message counts as inbound.
//
// At ingest the stage runs on each "contact seen" event; `mailsift enrich` re-runs it over the
// whole store after a registry or directory import.
//
// Thread-safety: one thread at a time (it caches links and borrows single-threaded ports).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "contacts/contact_store.h"
#include "contacts/directory.h"
#include "contacts/free_mail.h"
#include "contacts/registry.h"
#include "store/email_store.h"

namespace mailsift::contacts {

struct EnrichOptions {
  std::vector<std::string> own_domains;  // empty: ask the directory
  FreeMailPolicy free_mail = FreeMailPolicy::defaults();
};

struct EnrichSummary {
  int64_t messages = 0;
  ContactStats stats;
  std::vector<std::string> own_domains;  // what direction was decided with
  double seconds = 0;
};

class Enricher {
 public:
  // Borrows every port; `directory` may be null (no directory configured).
  Enricher(EmailStore& store, ContactStore& contacts, ContractorRegistry& registry, Directory* directory,
           EnrichOptions options);

  // Enriches one stored message. Returns true when the message was new to the contact store.
  // Errors: kNotFound (no such message), kIo, kUnavailable (a remote directory).
  Result<bool> enrich(EmailId id);
  // The same with the message already parsed (ingest has it at hand: no read back).
  Result<bool> enrich(EmailId id, const Email& email);

  // Forgets what was derived and enriches every stored message again, as one transaction of the
  // email store (the contact store shares it). on_progress gets (done, total) now and then.
  Result<EnrichSummary> enrich_all(const std::function<void(int64_t, int64_t)>& on_progress = {});

  // What an address links to under the rules above (cached for this object's lifetime).
  Result<Links> links_for(std::string_view address);
  // The message's direction under the rules above.
  Result<Direction> direction_of(const Email& email);
  // The own domains in use (options, else the directory's). Errors: as the directory's.
  Result<std::vector<std::string>> own_domains();

 private:
  Result<std::optional<ContractorLink>> contractor_for(const std::string& address, const std::string& domain);
  Result<bool> is_own(std::string_view domain);

  EmailStore& store_;
  ContactStore& contacts_;
  ContractorRegistry& registry_;
  Directory* directory_;
  EnrichOptions options_;
  std::optional<std::vector<std::string>> own_domains_;
  std::unordered_map<std::string, Links> cache_;
};

// The domain of an address, lower-case; empty when there is no '@'.
std::string address_domain(std::string_view address);
// True when `domain` is `parent` or one of its subdomains (both lower-case).
bool domain_within(std::string_view domain, std::string_view parent);

}  // namespace mailsift::contacts
