// ContactStore: the port where enrichment keeps what it derives from stored messages — every
// address seen (a contact, with the display names it used, when it was first and last seen and
// how many messages it sent and received), what each contact is linked to (a directory account,
// a contractor), and per message its direction and its sender's links.
// Adapter: SQLite (sqlite_contacts.h), in the email store's database.
//
// Everything here can be rebuilt from the stored messages (`mailsift enrich`): clear(), then
// apply() every message again.
//
// Thread-safety: as the Database it is built on (one thread at a time).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift::contacts {

// Inbound: from outside the organisation. Outbound: from the organisation to someone outside.
// Internal: from the organisation to the organisation only.
enum class Direction { kInbound, kOutbound, kInternal };
std::string_view direction_name(Direction direction);  // "inbound", "outbound", "internal"

struct DirectoryLink {
  std::string id, name, organisation, role;
};

struct ContractorLink {
  std::string id;
  std::string match;  // "address" (listed in contact_emails) or "domain" (an email domain)
  std::string name;   // filled when read, from the registry; empty if no longer there
};

struct Links {
  bool own = false;  // an address of the organisation's own domains
  std::optional<DirectoryLink> directory;
  std::optional<ContractorLink> contractor;
};

struct NameSeen {
  std::string name;
  int64_t count = 0;
  UnixTime last_seen = 0;
};

struct Contact {
  std::string address;  // lower-case
  std::string domain;
  std::vector<NameSeen> names;  // most used first
  UnixTime first_seen = 0, last_seen = 0;
  int64_t sent = 0;      // messages with this address as sender
  int64_t received = 0;  // messages with this address as a recipient (To, Cc, Bcc)
  Links links;
};

// One address of a message being enriched.
struct MessageAddress {
  std::string address;  // lower-case
  std::string name;
  std::string role;  // "from", "to", "cc", "bcc", "reply_to"
  Links links;
};

// What enrichment found for one message.
struct Enrichment {
  EmailId email_id = 0;
  UnixTime date = 0;
  Direction direction = Direction::kInbound;
  std::string sender;  // lower-case, may be empty
  std::vector<MessageAddress> addresses;
};

// A message's stored links (what `show` prints).
struct MessageLinks {
  EmailId email_id = 0;
  Direction direction = Direction::kInbound;
  std::string sender;
  Links sender_links;
};

struct ContactQuery {
  std::string text;             // substring of the address, domain or a display name; empty: all
  std::string contractor_id;    // only contacts linked to this contractor
  bool directory_only = false;  // only contacts linked to a directory account
  int limit = 50;
  int offset = 0;
};

// A contact's messages by class and by direction, computed when asked (classes change).
struct ContactActivity {
  std::vector<std::pair<std::string, int64_t>> by_class;      // "BUSINESS" ... "unclassified"
  std::vector<std::pair<std::string, int64_t>> by_direction;  // "inbound", "outbound", "internal"
  std::vector<EmailId> latest;                                // newest first
};

struct ContactStats {
  int64_t contacts = 0;
  int64_t with_contractor = 0;
  int64_t with_directory = 0;
  int64_t own = 0;
  int64_t messages = 0;  // enriched messages
  int64_t messages_with_contractor = 0;
};

class ContactStore {
 public:
  virtual ~ContactStore() = default;
  ContactStore(const ContactStore&) = delete;
  ContactStore& operator=(const ContactStore&) = delete;

  // Records one message: creates or updates each address's contact (names, first/last seen,
  // counts, links) and the message's links, as one unit. Idempotent: a message applied before
  // only refreshes the links, returning false; a new one returns true. Errors: kIo.
  virtual Result<bool> apply(const Enrichment& e) = 0;

  virtual Result<std::optional<Contact>> get(std::string_view address) = 0;
  // Most recently seen first.
  virtual Result<std::vector<Contact>> list(const ContactQuery& query) = 0;
  virtual Result<ContactActivity> activity(std::string_view address, int latest) = 0;
  virtual Result<std::optional<MessageLinks>> message_links(EmailId id) = 0;
  // Messages whose sender is linked to the contractor, newest first.
  virtual Result<std::vector<EmailId>> messages_from_contractor(std::string_view contractor_id, int limit) = 0;
  // Messages sent from these domains (or their subdomains) or addresses, newest first, whatever
  // they are linked to.
  virtual Result<std::vector<EmailId>> messages_from(const std::vector<std::string>& domains,
                                                     const std::vector<std::string>& addresses, int limit) = 0;
  virtual Result<ContactStats> stats() = 0;
  // Forgets everything derived (before a full re-run).
  virtual Result<void> clear() = 0;

 protected:
  ContactStore() = default;
};

}  // namespace mailsift::contacts
