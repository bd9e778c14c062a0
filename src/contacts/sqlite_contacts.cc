#include "contacts/sqlite_contacts.h"

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "core/time.h"

namespace mailsift::contacts {

std::string_view direction_name(Direction direction) {
  switch (direction) {
    case Direction::kInbound:
      return "inbound";
    case Direction::kOutbound:
      return "outbound";
    case Direction::kInternal:
      return "internal";
  }
  return "inbound";
}

namespace {

Direction parse_direction(std::string_view text) {
  if (text == "outbound") return Direction::kOutbound;
  if (text == "internal") return Direction::kInternal;
  return Direction::kInbound;
}

std::string domain_of(std::string_view address) {
  size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : to_lower(address.substr(at + 1));
}

void bind_optional(sql::Statement& s, int index, const std::string* value) {
  if (value) {
    s.bind(index, *value);
  } else {
    s.bind_null(index);
  }
}

// Columns of contacts c LEFT JOIN contractors k, in the order read_contact expects.
constexpr const char* kContactColumns =
    "c.address, c.domain, c.first_seen, c.last_seen, c.sent, c.received, c.own, c.directory_id, c.directory_name,"
    " c.directory_org, c.directory_role, c.contractor_id, c.contractor_match, k.name";

Contact read_contact(const sql::Statement& s) {
  Contact c;
  c.address = s.get_text(0);
  c.domain = s.get_text(1);
  c.first_seen = s.get_int(2);
  c.last_seen = s.get_int(3);
  c.sent = s.get_int(4);
  c.received = s.get_int(5);
  c.links.own = s.get_int(6) != 0;
  if (!s.is_null(7)) c.links.directory = DirectoryLink{s.get_text(7), s.get_text(8), s.get_text(9), s.get_text(10)};
  if (!s.is_null(11)) c.links.contractor = ContractorLink{s.get_text(11), s.get_text(12), s.get_text(13)};
  return c;
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char ch : to_lower(text)) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace

Result<void> SqliteContacts::upsert_contact(const MessageAddress& a, UnixTime date, bool counted) {
  auto* s = MAILSIFT_TRY(db_.prepare_cached(
      "INSERT INTO contacts(address, domain, first_seen, last_seen, sent, received, own, directory_id,"
      " directory_name, directory_org, directory_role, contractor_id, contractor_match, updated_at)"
      " VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
      " ON CONFLICT(address) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),"
      " last_seen = max(last_seen, excluded.last_seen), sent = sent + excluded.sent,"
      " received = received + excluded.received, own = excluded.own, directory_id = excluded.directory_id,"
      " directory_name = excluded.directory_name, directory_org = excluded.directory_org,"
      " directory_role = excluded.directory_role, contractor_id = excluded.contractor_id,"
      " contractor_match = excluded.contractor_match, updated_at = excluded.updated_at"));
  s->bind(1, a.address).bind(2, domain_of(a.address)).bind(3, static_cast<int64_t>(date));
  s->bind(4, static_cast<int64_t>(counted && a.role == "from"));
  s->bind(5, static_cast<int64_t>(counted && (a.role == "to" || a.role == "cc" || a.role == "bcc")));
  s->bind(6, a.links.own);
  const auto& d = a.links.directory;
  bind_optional(*s, 7, d ? &d->id : nullptr);
  bind_optional(*s, 8, d ? &d->name : nullptr);
  bind_optional(*s, 9, d ? &d->organisation : nullptr);
  bind_optional(*s, 10, d ? &d->role : nullptr);
  const auto& k = a.links.contractor;
  bind_optional(*s, 11, k ? &k->id : nullptr);
  bind_optional(*s, 12, k ? &k->match : nullptr);
  s->bind(13, static_cast<int64_t>(now_unix()));
  MAILSIFT_TRY_VOID(s->run());
  if (counted && !a.name.empty()) {
    auto* n = MAILSIFT_TRY(db_.prepare_cached(
        "INSERT INTO contact_names(address, name, seen, last_seen) VALUES (?1, ?2, 1, ?3)"
        " ON CONFLICT(address, name) DO UPDATE SET seen = seen + 1, last_seen = max(last_seen, excluded.last_seen)"));
    n->bind(1, a.address).bind(2, a.name).bind(3, static_cast<int64_t>(date));
    MAILSIFT_TRY_VOID(n->run());
  }
  return ok();
}

Result<bool> SqliteContacts::apply(const Enrichment& e) {
  return sql::atomic(db_, [&]() -> Result<bool> {
    auto* seen = MAILSIFT_TRY(db_.prepare_cached("SELECT 1 FROM message_links WHERE email_id = ?"));
    seen->bind(1, static_cast<int64_t>(e.email_id));
    bool is_new = !MAILSIFT_TRY(seen->step());
    seen->reset();

    const Links* sender_links = nullptr;
    auto* cm = MAILSIFT_TRY(
        db_.prepare_cached("INSERT OR IGNORE INTO contact_messages(address, email_id, role) VALUES (?, ?, ?)"));
    for (const auto& a : e.addresses) {
      if (a.address.empty()) continue;
      cm->bind(1, a.address).bind(2, static_cast<int64_t>(e.email_id)).bind(3, a.role);
      MAILSIFT_TRY_VOID(cm->run());
      cm->reset();
      bool counted = db_.changes() > 0;
      MAILSIFT_TRY_VOID(upsert_contact(a, e.date, counted));
      if (a.role == "from" && a.address == e.sender && !sender_links) sender_links = &a.links;
    }

    auto* ml = MAILSIFT_TRY(db_.prepare_cached(
        "INSERT INTO message_links(email_id, direction, sender, contractor_id, contractor_match, directory_id,"
        " enriched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        " ON CONFLICT(email_id) DO UPDATE SET direction = excluded.direction, sender = excluded.sender,"
        " contractor_id = excluded.contractor_id, contractor_match = excluded.contractor_match,"
        " directory_id = excluded.directory_id, enriched_at = excluded.enriched_at"));
    ml->bind(1, static_cast<int64_t>(e.email_id)).bind(2, direction_name(e.direction)).bind(3, e.sender);
    const ContractorLink* k = sender_links && sender_links->contractor ? &*sender_links->contractor : nullptr;
    const DirectoryLink* d = sender_links && sender_links->directory ? &*sender_links->directory : nullptr;
    bind_optional(*ml, 4, k ? &k->id : nullptr);
    bind_optional(*ml, 5, k ? &k->match : nullptr);
    bind_optional(*ml, 6, d ? &d->id : nullptr);
    ml->bind(7, static_cast<int64_t>(now_unix()));
    MAILSIFT_TRY_VOID(ml->run());
    return is_new;
  });
}

Result<void> SqliteContacts::load_names(Contact& c) {
  auto* s = MAILSIFT_TRY(db_.prepare_cached(
      "SELECT name, seen, last_seen FROM contact_names WHERE address = ? ORDER BY seen DESC, last_seen DESC"));
  s->bind(1, c.address);
  while (MAILSIFT_TRY(s->step())) c.names.push_back(NameSeen{s->get_text(0), s->get_int(1), s->get_int(2)});
  return ok();
}

Result<std::optional<Contact>> SqliteContacts::get(std::string_view address) {
  auto* s = MAILSIFT_TRY(db_.prepare_cached(std::string("SELECT ") + kContactColumns +
                                            " FROM contacts c LEFT JOIN contractors k ON k.id = c.contractor_id"
                                            " WHERE c.address = ?"));
  s->bind(1, to_lower(trim(address)));
  if (!MAILSIFT_TRY(s->step())) return std::optional<Contact>{};
  Contact c = read_contact(*s);
  s->reset();
  MAILSIFT_TRY_VOID(load_names(c));
  return std::optional<Contact>(std::move(c));
}

Result<std::vector<Contact>> SqliteContacts::list(const ContactQuery& q) {
  auto s = MAILSIFT_TRY(db_.prepare(
      std::string("SELECT ") + kContactColumns +
      " FROM contacts c LEFT JOIN contractors k ON k.id = c.contractor_id WHERE"
      " (?1 = '' OR c.address LIKE ?1 ESCAPE '\\' OR lower(coalesce(c.directory_name, '')) LIKE ?1 ESCAPE '\\'"
      "  OR EXISTS (SELECT 1 FROM contact_names n WHERE n.address = c.address AND lower(n.name) LIKE ?1 ESCAPE '\\'))"
      " AND (?2 = '' OR c.contractor_id = ?2 COLLATE NOCASE)"
      " AND (?3 = 0 OR c.directory_id IS NOT NULL)"
      " ORDER BY c.last_seen DESC, c.address LIMIT ?4 OFFSET ?5"));
  s.bind(1, q.text.empty() ? std::string() : like_contains(q.text)).bind(2, q.contractor_id);
  s.bind(3, q.directory_only).bind(4, static_cast<int64_t>(q.limit)).bind(5, static_cast<int64_t>(q.offset));
  std::vector<Contact> out;
  while (MAILSIFT_TRY(s.step())) out.push_back(read_contact(s));
  for (auto& c : out) MAILSIFT_TRY_VOID(load_names(c));
  return out;
}

Result<ContactActivity> SqliteContacts::activity(std::string_view address_in, int latest) {
  std::string address = to_lower(trim(address_in));
  ContactActivity out;
  auto by_class = MAILSIFT_TRY(
      db_.prepare("SELECT coalesce(m.class, 'unclassified'), count(DISTINCT m.id) FROM contact_messages cm"
                  " JOIN messages m ON m.id = cm.email_id WHERE cm.address = ? GROUP BY 1 ORDER BY 2 DESC, 1"));
  by_class.bind(1, address);
  while (MAILSIFT_TRY(by_class.step())) out.by_class.emplace_back(by_class.get_text(0), by_class.get_int(1));
  auto by_dir = MAILSIFT_TRY(db_.prepare(
      "SELECT ml.direction, count(DISTINCT ml.email_id) FROM contact_messages cm"
      " JOIN message_links ml ON ml.email_id = cm.email_id WHERE cm.address = ? GROUP BY 1 ORDER BY 2 DESC, 1"));
  by_dir.bind(1, address);
  while (MAILSIFT_TRY(by_dir.step())) out.by_direction.emplace_back(by_dir.get_text(0), by_dir.get_int(1));
  auto recent = MAILSIFT_TRY(
      db_.prepare("SELECT DISTINCT m.id, m.date FROM contact_messages cm JOIN messages m ON m.id = cm.email_id"
                  " WHERE cm.address = ? ORDER BY m.date DESC, m.id DESC LIMIT ?"));
  recent.bind(1, address).bind(2, static_cast<int64_t>(latest));
  while (MAILSIFT_TRY(recent.step())) out.latest.push_back(recent.get_int(0));
  return out;
}

Result<std::optional<MessageLinks>> SqliteContacts::message_links(EmailId id) {
  auto* s = MAILSIFT_TRY(db_.prepare_cached(
      "SELECT ml.direction, ml.sender, ml.contractor_id, ml.contractor_match, k.name, c.own, c.directory_id,"
      " c.directory_name, c.directory_org, c.directory_role FROM message_links ml"
      " LEFT JOIN contractors k ON k.id = ml.contractor_id LEFT JOIN contacts c ON c.address = ml.sender"
      " WHERE ml.email_id = ?"));
  s->bind(1, static_cast<int64_t>(id));
  if (!MAILSIFT_TRY(s->step())) return std::optional<MessageLinks>{};
  MessageLinks m;
  m.email_id = id;
  m.direction = parse_direction(s->get_text(0));
  m.sender = s->get_text(1);
  if (!s->is_null(2)) m.sender_links.contractor = ContractorLink{s->get_text(2), s->get_text(3), s->get_text(4)};
  m.sender_links.own = s->get_int(5) != 0;
  if (!s->is_null(6)) {
    m.sender_links.directory = DirectoryLink{s->get_text(6), s->get_text(7), s->get_text(8), s->get_text(9)};
  }
  s->reset();
  return std::optional<MessageLinks>(std::move(m));
}

Result<std::vector<EmailId>> SqliteContacts::messages_from_contractor(std::string_view contractor_id, int limit) {
  auto* s = MAILSIFT_TRY(
      db_.prepare_cached("SELECT ml.email_id FROM message_links ml JOIN messages m ON m.id = ml.email_id"
                         " WHERE ml.contractor_id = ? COLLATE NOCASE ORDER BY m.date DESC, m.id DESC LIMIT ?"));
  s->bind(1, trim(contractor_id)).bind(2, static_cast<int64_t>(limit));
  std::vector<EmailId> out;
  while (MAILSIFT_TRY(s->step())) out.push_back(s->get_int(0));
  return out;
}

Result<std::vector<EmailId>> SqliteContacts::messages_from(const std::vector<std::string>& domains,
                                                           const std::vector<std::string>& addresses, int limit) {
  std::vector<std::string> lower_domains, lower_addresses;
  for (const auto& d : domains) lower_domains.push_back(to_lower(d));
  for (const auto& a : addresses) lower_addresses.push_back(to_lower(a));
  auto* s = MAILSIFT_TRY(db_.prepare_cached(
      "SELECT DISTINCT m.id, m.date FROM contacts c JOIN contact_messages cm ON cm.address = c.address"
      " JOIN messages m ON m.id = cm.email_id WHERE cm.role = 'from' AND ("
      " c.domain IN (SELECT value FROM json_each(?1))"
      " OR EXISTS (SELECT 1 FROM json_each(?1) d WHERE substr(c.domain, -length(d.value) - 1) = '.' || d.value)"
      " OR c.address IN (SELECT value FROM json_each(?2)))"
      " ORDER BY m.date DESC, m.id DESC LIMIT ?3"));
  s->bind(1, nlohmann::json(lower_domains).dump()).bind(2, nlohmann::json(lower_addresses).dump());
  s->bind(3, static_cast<int64_t>(limit));
  std::vector<EmailId> out;
  while (MAILSIFT_TRY(s->step())) out.push_back(s->get_int(0));
  return out;
}

Result<ContactStats> SqliteContacts::stats() {
  ContactStats st;
  auto s = MAILSIFT_TRY(
      db_.prepare("SELECT count(*), count(contractor_id), count(directory_id), coalesce(sum(own), 0) FROM contacts"));
  if (MAILSIFT_TRY(s.step())) {
    st.contacts = s.get_int(0);
    st.with_contractor = s.get_int(1);
    st.with_directory = s.get_int(2);
    st.own = s.get_int(3);
  }
  auto m = MAILSIFT_TRY(db_.prepare("SELECT count(*), count(contractor_id) FROM message_links"));
  if (MAILSIFT_TRY(m.step())) {
    st.messages = m.get_int(0);
    st.messages_with_contractor = m.get_int(1);
  }
  return st;
}

Result<void> SqliteContacts::clear() {
  return sql::atomic(db_, [&]() -> Result<void> {
    return db_.exec(
        "DELETE FROM message_links; DELETE FROM contact_messages; DELETE FROM contact_names;"
        " DELETE FROM contacts;");
  });
}

}  // namespace mailsift::contacts
