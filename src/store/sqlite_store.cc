#include "store/sqlite_store.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "store/compress.h"
#include "store/schema.h"

namespace mailsift {

using nlohmann::json;

namespace {

std::string addresses_text(const std::vector<Address>& list) {
  std::string out;
  for (const auto& a : list) {
    if (!out.empty()) out += ", ";
    out += a.display();
  }
  return out;
}

json string_list(const std::vector<std::string>& items) { return json(items); }

// JSON we wrote ourselves; a corrupt value degrades to empty rather than failing a read.
json parse_stored_json(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? json::array() : j;
}

std::vector<std::string> read_string_list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& item : parse_stored_json(text)) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string reasons_json(const std::vector<Reason>& reasons) {
  json j = json::array();
  for (const auto& r : reasons) j.push_back({r.feature, r.weight});
  return j.dump();
}

std::vector<Reason> read_reasons(const std::string& text) {
  std::vector<Reason> out;
  for (const auto& item : parse_stored_json(text)) {
    if (item.is_array() && item.size() == 2 && item[0].is_string() && item[1].is_number()) {
      out.push_back({item[0].get<std::string>(), item[1].get<double>()});
    }
  }
  return out;
}

// LIKE pattern matching `text` anywhere, with %, _ and \ escaped (used with ESCAPE '\').
std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

constexpr const char* kSummaryColumns =
    "id, message_id, thread_id, date, from_name, from_addr, subject, class, n_attachments, raw_size";

EmailSummary read_summary(const sql::Statement& s) {
  EmailSummary e;
  e.id = s.get_int(0);
  e.message_id = s.get_text(1);
  e.thread_id = s.get_int(2);
  e.date = s.get_int(3);
  e.from = Address{s.get_text(4), s.get_text(5)};
  e.subject = s.get_text(6);
  if (!s.is_null(7)) e.label = parse_label(s.get_text(7));
  e.attachments = static_cast<int>(s.get_int(8));
  e.raw_size = static_cast<uint64_t>(s.get_int(9));
  return e;
}

Result<std::vector<EmailSummary>> collect_summaries(sql::Statement& s) {
  std::vector<EmailSummary> out;
  while (MAILSIFT_TRY(s.step())) out.push_back(read_summary(s));
  return out;
}

}  // namespace

Result<std::unique_ptr<SqliteEmailStore>> SqliteEmailStore::open(const std::string& path, const Options& options) {
  sql::Database::Options db_options;
  db_options.read_only = options.read_only;
  auto db = MAILSIFT_TRY(sql::Database::open(path, db_options));
  if (!options.read_only) MAILSIFT_TRY_VOID(store::migrate(*db));
  return std::unique_ptr<SqliteEmailStore>(new SqliteEmailStore(std::move(db), options));
}

Result<void> SqliteEmailStore::begin_batch() { return db_->begin(); }
Result<void> SqliteEmailStore::commit_batch() { return db_->commit(); }
void SqliteEmailStore::rollback_batch() { db_->rollback(); }

std::string SqliteEmailStore::encode_raw(std::string_view raw) const { return store::compress(raw, options_.zstd_level); }

Result<PutResult> SqliteEmailStore::put(const Email& email, std::string_view raw, const IngestMeta& meta,
                                        std::string_view encoded_raw) {
  const std::string hash = email.content_hash.empty() ? content_hash(raw) : email.content_hash;
  {
    auto* find = MAILSIFT_TRY(db_->prepare_cached("SELECT id, thread_id FROM messages WHERE content_hash = ?"));
    find->bind(1, hash);
    if (MAILSIFT_TRY(find->step())) {
      PutResult existing{find->get_int(0), false, find->get_int(1)};
      find->reset();
      return existing;
    }
  }
  return sql::atomic(*db_, [&]() -> Result<PutResult> {
    auto* ins = MAILSIFT_TRY(db_->prepare_cached(
        "INSERT INTO messages (message_id, message_id_synth, content_hash, date, date_raw, date_source, subject,"
        " from_name, from_addr, from_text, to_text, list_id, list_unsubscribe, precedence, auto_submitted,"
        " content_type, is_report, report_type, has_calendar, forwarded, n_attachments, body, visible_text,"
        " html_body, headers_json, in_reply_to, references_json, warnings_json, raw_size, source, ingested_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    const Address& from = email.primary_from();
    std::vector<Address> recipients = email.to;
    recipients.insert(recipients.end(), email.cc.begin(), email.cc.end());
    json headers = json::array();
    for (const auto& h : email.headers) headers.push_back({h.name, h.value});
    int i = 1;
    ins->bind(i++, email.message_id);
    ins->bind(i++, email.message_id_synthesized);
    ins->bind(i++, hash);
    ins->bind(i++, static_cast<int64_t>(email.date));
    ins->bind(i++, email.date_raw);
    ins->bind(i++, date_source_name(email.date_source));
    ins->bind(i++, email.subject);
    ins->bind(i++, from.name);
    ins->bind(i++, from.normalized());
    ins->bind(i++, addresses_text(email.from));
    ins->bind(i++, addresses_text(recipients));
    ins->bind(i++, email.list_id);
    ins->bind(i++, email.list_unsubscribe);
    ins->bind(i++, email.precedence);
    ins->bind(i++, email.auto_submitted);
    ins->bind(i++, email.content_type);
    ins->bind(i++, email.is_report);
    ins->bind(i++, email.report_type);
    ins->bind(i++, email.has_calendar);
    ins->bind(i++, email.forwarded_messages);
    ins->bind(i++, static_cast<int64_t>(email.attachments.size()));
    ins->bind(i++, email.text_body);
    ins->bind(i++, email.visible_text);
    if (email.html_body.empty()) {
      ins->bind_null(i++);
    } else {
      ins->bind_blob(i++, store::compress(email.html_body, options_.zstd_level));
    }
    ins->bind(i++, headers.dump(-1, ' ', false, json::error_handler_t::replace));
    ins->bind(i++, string_list(email.in_reply_to).dump(-1, ' ', false, json::error_handler_t::replace));
    ins->bind(i++, string_list(email.references).dump(-1, ' ', false, json::error_handler_t::replace));
    ins->bind(i++, string_list(email.warnings).dump(-1, ' ', false, json::error_handler_t::replace));
    ins->bind(i++, static_cast<int64_t>(raw.size()));
    ins->bind(i++, meta.source);
    ins->bind(i++, static_cast<int64_t>(meta.ingested_at));
    MAILSIFT_TRY_VOID(ins->run());
    const EmailId id = db_->last_insert_rowid();

    auto* raw_ins = MAILSIFT_TRY(db_->prepare_cached("INSERT INTO raw_messages (id, codec, data) VALUES (?, 'zstd', ?)"));
    if (encoded_raw.empty()) {
      raw_ins->bind(1, id).bind_blob(2, encode_raw(raw));
    } else {
      raw_ins->bind(1, id).bind_blob(2, encoded_raw);
    }
    MAILSIFT_TRY_VOID(raw_ins->run());
    MAILSIFT_TRY_VOID(write_details(id, email));
    const int64_t thread_id = MAILSIFT_TRY(assign_thread(id, email));
    return PutResult{id, true, thread_id};
  });
}

Result<void> SqliteEmailStore::write_details(EmailId id, const Email& email) {
  auto* addr = MAILSIFT_TRY(
      db_->prepare_cached("INSERT INTO addresses (email_id, role, position, name, address) VALUES (?,?,?,?,?)"));
  const std::pair<const char*, const std::vector<Address>*> roles[] = {
      {"from", &email.from}, {"sender", &email.sender}, {"reply-to", &email.reply_to},
      {"to", &email.to},     {"cc", &email.cc},         {"bcc", &email.bcc}};
  for (const auto& [role, list] : roles) {
    for (size_t pos = 0; pos < list->size(); ++pos) {
      const Address& a = (*list)[pos];
      addr->reset();
      addr->bind(1, id).bind(2, role).bind(3, static_cast<int64_t>(pos)).bind(4, a.name).bind(5, a.normalized());
      MAILSIFT_TRY_VOID(addr->run());
    }
  }
  auto* att = MAILSIFT_TRY(db_->prepare_cached(
      "INSERT INTO attachments (email_id, idx, filename, content_type, disposition, content_id, size, sha256,"
      " part_path) VALUES (?,?,?,?,?,?,?,?,?)"));
  for (const auto& a : email.attachments) {
    att->reset();
    att->bind(1, id)
        .bind(2, a.index)
        .bind(3, a.filename)
        .bind(4, a.content_type)
        .bind(5, a.disposition)
        .bind(6, a.content_id)
        .bind(7, static_cast<int64_t>(a.size))
        .bind(8, a.sha256)
        .bind(9, a.part_path);
    MAILSIFT_TRY_VOID(att->run());
  }
  return ok();
}

Result<int64_t> SqliteEmailStore::assign_thread(EmailId id, const Email& email) {
  std::set<std::string> refs(email.in_reply_to.begin(), email.in_reply_to.end());
  refs.insert(email.references.begin(), email.references.end());
  refs.erase(email.message_id);
  refs.erase("");

  auto* ref_ins = MAILSIFT_TRY(db_->prepare_cached("INSERT INTO thread_refs (email_id, ref) VALUES (?, ?)"));
  for (const auto& r : refs) {
    ref_ins->reset();
    ref_ins->bind(1, id).bind(2, r);
    MAILSIFT_TRY_VOID(ref_ins->run());
  }

  std::set<int64_t> threads;
  // Parents and ancestors already stored.
  auto* parents = MAILSIFT_TRY(db_->prepare_cached("SELECT thread_id FROM messages WHERE message_id = ? AND id <> ?"));
  for (const auto& r : refs) {
    parents->reset();
    parents->bind(1, r).bind(2, id);
    while (MAILSIFT_TRY(parents->step())) threads.insert(parents->get_int(0));
  }
  // Replies that arrived before this message.
  if (!email.message_id_synthesized) {
    auto* children = MAILSIFT_TRY(db_->prepare_cached(
        "SELECT m.thread_id FROM thread_refs r JOIN messages m ON m.id = r.email_id WHERE r.ref = ? AND m.id <> ?"));
    children->bind(1, email.message_id).bind(2, id);
    while (MAILSIFT_TRY(children->step())) threads.insert(children->get_int(0));
  }
  threads.erase(0);
  const int64_t thread_id = threads.empty() ? id : *threads.begin();
  auto* merge = MAILSIFT_TRY(db_->prepare_cached("UPDATE messages SET thread_id = ? WHERE thread_id = ?"));
  for (int64_t other : threads) {
    if (other == thread_id) continue;
    merge->reset();
    merge->bind(1, thread_id).bind(2, other);
    MAILSIFT_TRY_VOID(merge->run());
  }
  auto* set = MAILSIFT_TRY(db_->prepare_cached("UPDATE messages SET thread_id = ? WHERE id = ?"));
  set->bind(1, thread_id).bind(2, id);
  MAILSIFT_TRY_VOID(set->run());
  return thread_id;
}

Result<PutResult> SqliteEmailStore::quarantine(std::string_view raw, uint64_t size, std::string_view reason,
                                               const IngestMeta& meta) {
  // Input too large to keep is identified by where it was and how big, since its bytes were not read.
  const std::string key = raw.empty() && size > 0 ? sha256_hex(meta.source + "\n" + std::to_string(size)) : sha256_hex(raw);
  auto* find = MAILSIFT_TRY(db_->prepare_cached("SELECT id FROM quarantine WHERE sha256 = ?"));
  find->bind(1, key);
  if (MAILSIFT_TRY(find->step())) {
    PutResult existing{find->get_int(0), false, 0};
    find->reset();
    return existing;
  }
  auto* ins = MAILSIFT_TRY(db_->prepare_cached(
      "INSERT INTO quarantine (received_at, source, reason, size, sha256, codec, data) VALUES (?,?,?,?,?,'zstd',?)"));
  ins->bind(1, static_cast<int64_t>(meta.ingested_at))
      .bind(2, meta.source)
      .bind(3, reason)
      .bind(4, static_cast<int64_t>(size))
      .bind(5, key);
  if (raw.empty()) {
    ins->bind_null(6);
  } else {
    ins->bind_blob(6, store::compress(raw, options_.zstd_level));
  }
  MAILSIFT_TRY_VOID(ins->run());
  return PutResult{db_->last_insert_rowid(), true, 0};
}

Result<StoredEmail> SqliteEmailStore::get(EmailId id) {
  auto s = MAILSIFT_TRY(db_->prepare(
      std::string("SELECT ") + kSummaryColumns +
      ", message_id_synth, date_raw, date_source, list_id, list_unsubscribe, precedence, auto_submitted,"
      " content_type, is_report, report_type, has_calendar, forwarded, body, visible_text, html_body, headers_json,"
      " in_reply_to, references_json, warnings_json, content_hash, source, ingested_at"
      " FROM messages WHERE id = ?"));
  s.bind(1, id);
  if (!MAILSIFT_TRY(s.step())) return fail(Code::kNotFound, "no message with id " + std::to_string(id));
  StoredEmail out;
  out.summary = read_summary(s);
  Email& e = out.email;
  e.message_id = out.summary.message_id;
  e.date = out.summary.date;
  e.subject = out.summary.subject;
  e.raw_size = out.summary.raw_size;
  int c = 10;
  e.message_id_synthesized = s.get_int(c++) != 0;
  e.date_raw = s.get_text(c++);
  std::string source = s.get_text(c++);
  e.date_source = source == "received" ? DateSource::kReceived : source == "ingest" ? DateSource::kIngest : DateSource::kHeader;
  e.list_id = s.get_text(c++);
  e.list_unsubscribe = s.get_text(c++);
  e.precedence = s.get_text(c++);
  e.auto_submitted = s.get_text(c++);
  e.content_type = s.get_text(c++);
  e.is_report = s.get_int(c++) != 0;
  e.report_type = s.get_text(c++);
  e.has_calendar = s.get_int(c++) != 0;
  e.forwarded_messages = static_cast<int>(s.get_int(c++));
  e.text_body = s.get_text(c++);
  e.visible_text = s.get_text(c++);
  if (!s.is_null(c)) e.html_body = store::decompress(s.get_blob(c)).value_or("");
  ++c;
  for (const auto& h : parse_stored_json(s.get_text(c++))) {
    if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) {
      e.headers.push_back({h[0].get<std::string>(), h[1].get<std::string>()});
    }
  }
  e.in_reply_to = read_string_list(s.get_text(c++));
  e.references = read_string_list(s.get_text(c++));
  e.warnings = read_string_list(s.get_text(c++));
  e.content_hash = s.get_text(c++);
  out.source = s.get_text(c++);
  out.ingested_at = s.get_int(c++);

  auto a = MAILSIFT_TRY(db_->prepare("SELECT role, name, address FROM addresses WHERE email_id = ? ORDER BY role, position"));
  a.bind(1, id);
  while (MAILSIFT_TRY(a.step())) {
    std::string role = a.get_text(0);
    Address addr{a.get_text(1), a.get_text(2)};
    if (role == "from") e.from.push_back(addr);
    else if (role == "sender") e.sender.push_back(addr);
    else if (role == "reply-to") e.reply_to.push_back(addr);
    else if (role == "to") e.to.push_back(addr);
    else if (role == "cc") e.cc.push_back(addr);
    else if (role == "bcc") e.bcc.push_back(addr);
  }
  auto t = MAILSIFT_TRY(db_->prepare(
      "SELECT idx, filename, content_type, disposition, content_id, size, sha256, part_path FROM attachments"
      " WHERE email_id = ? ORDER BY idx"));
  t.bind(1, id);
  while (MAILSIFT_TRY(t.step())) {
    Attachment att;
    att.index = static_cast<int>(t.get_int(0));
    att.filename = t.get_text(1);
    att.content_type = t.get_text(2);
    att.disposition = t.get_text(3);
    att.content_id = t.get_text(4);
    att.size = static_cast<uint64_t>(t.get_int(5));
    att.sha256 = t.get_text(6);
    att.part_path = t.get_text(7);
    e.attachments.push_back(std::move(att));
  }
  auto h = MAILSIFT_TRY(db_->prepare(
      "SELECT label, confidence, decided_by, model, reasons_json, fallback, note, decided_at FROM classifications"
      " WHERE email_id = ? ORDER BY id"));
  h.bind(1, id);
  std::optional<size_t> human;
  while (MAILSIFT_TRY(h.step())) {
    Classification cl;
    cl.label = parse_label(h.get_text(0)).value_or(Label::kNoise);
    cl.confidence = h.get_double(1);
    cl.decided_by = parse_decider(h.get_text(2)).value_or(Decider::kModel);
    cl.model = h.get_text(3);
    cl.reasons = read_reasons(h.get_text(4));
    cl.fallback = h.get_int(5) != 0;
    cl.note = h.get_text(6);
    cl.decided_at = h.get_int(7);
    if (cl.decided_by == Decider::kHuman) human = out.history.size();
    out.history.push_back(std::move(cl));
  }
  if (!out.history.empty()) out.classification = out.history[human.value_or(out.history.size() - 1)];
  return out;
}

Result<std::string> SqliteEmailStore::raw(EmailId id) {
  auto* s = MAILSIFT_TRY(db_->prepare_cached("SELECT codec, data FROM raw_messages WHERE id = ?"));
  s->bind(1, id);
  if (!MAILSIFT_TRY(s->step())) return fail(Code::kNotFound, "no message with id " + std::to_string(id));
  if (s->get_text(0) != "zstd") return fail(Code::kIo, "unknown codec '" + s->get_text(0) + "' for message " + std::to_string(id));
  return store::decompress(s->get_blob(1));
}

Result<std::vector<EmailId>> SqliteEmailStore::find_by_message_id(std::string_view message_id) {
  std::string_view mid = trim(message_id);
  if (mid.size() >= 2 && mid.front() == '<' && mid.back() == '>') mid = mid.substr(1, mid.size() - 2);
  auto* s = MAILSIFT_TRY(db_->prepare_cached("SELECT id FROM messages WHERE message_id = ? ORDER BY id"));
  s->bind(1, mid);
  std::vector<EmailId> out;
  while (MAILSIFT_TRY(s->step())) out.push_back(s->get_int(0));
  return out;
}

Result<std::optional<EmailId>> SqliteEmailStore::find_by_content_hash(std::string_view hash) {
  auto* s = MAILSIFT_TRY(db_->prepare_cached("SELECT id FROM messages WHERE content_hash = ?"));
  s->bind(1, hash);
  std::optional<EmailId> out;
  if (MAILSIFT_TRY(s->step())) out = s->get_int(0);
  s->reset();
  return out;
}

Result<std::vector<uint64_t>> SqliteEmailStore::content_hash_prefixes() {
  auto s = MAILSIFT_TRY(db_->prepare("SELECT substr(content_hash, 1, 16) FROM messages"));
  std::vector<uint64_t> out;
  while (MAILSIFT_TRY(s.step())) out.push_back(hash_prefix(s.get_text(0)));
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<EmailSummary>> SqliteEmailStore::list(const ListQuery& q) {
  std::string sql = std::string("SELECT ") + kSummaryColumns + " FROM messages WHERE 1";
  if (!q.from.empty()) sql += " AND (from_addr LIKE ?1 ESCAPE '\\' OR from_name LIKE ?1 ESCAPE '\\')";
  if (q.since) sql += " AND date >= ?2";
  if (q.until) sql += " AND date <= ?3";
  if (q.label) sql += " AND class = ?4";
  if (q.unclassified_only) sql += " AND class IS NULL";
  sql += " ORDER BY date DESC, id DESC LIMIT ?5 OFFSET ?6";
  auto s = MAILSIFT_TRY(db_->prepare(sql));
  if (!q.from.empty()) s.bind(1, like_contains(q.from));
  if (q.since) s.bind(2, static_cast<int64_t>(*q.since));
  if (q.until) s.bind(3, static_cast<int64_t>(*q.until));
  if (q.label) s.bind(4, label_name(*q.label));
  s.bind(5, static_cast<int64_t>(q.limit < 0 ? -1 : q.limit)).bind(6, static_cast<int64_t>(std::max(0, q.offset)));
  return collect_summaries(s);
}

Result<std::vector<EmailSummary>> SqliteEmailStore::thread(int64_t thread_id) {
  auto s = MAILSIFT_TRY(db_->prepare(std::string("SELECT ") + kSummaryColumns +
                                     " FROM messages WHERE thread_id = ? ORDER BY date, id"));
  s.bind(1, thread_id);
  auto out = MAILSIFT_TRY(collect_summaries(s));
  if (out.empty()) return fail(Code::kNotFound, "no thread with id " + std::to_string(thread_id));
  return out;
}

Result<StoreStats> SqliteEmailStore::stats() {
  StoreStats st;
  auto s = MAILSIFT_TRY(db_->prepare(
      "SELECT count(*), count(DISTINCT thread_id), coalesce(sum(raw_size),0), sum(class IS NULL),"
      " coalesce(sum(n_attachments),0), min(date), max(date) FROM messages"));
  if (MAILSIFT_TRY(s.step())) {
    st.messages = s.get_int(0);
    st.threads = s.get_int(1);
    st.raw_bytes = static_cast<uint64_t>(s.get_int(2));
    st.unclassified = s.get_int(3);
    st.attachments = s.get_int(4);
    if (!s.is_null(5)) st.oldest = s.get_int(5);
    if (!s.is_null(6)) st.newest = s.get_int(6);
  }
  auto q = MAILSIFT_TRY(db_->prepare("SELECT count(*) FROM quarantine"));
  if (MAILSIFT_TRY(q.step())) st.quarantined = q.get_int(0);
  auto b = MAILSIFT_TRY(db_->prepare("SELECT coalesce(sum(length(data)),0) FROM raw_messages"));
  if (MAILSIFT_TRY(b.step())) st.stored_bytes = static_cast<uint64_t>(b.get_int(0));
  auto c = MAILSIFT_TRY(db_->prepare(
      "SELECT coalesce(class,'unclassified'), count(*) FROM messages GROUP BY 1 ORDER BY 2 DESC"));
  while (MAILSIFT_TRY(c.step())) st.by_class.emplace_back(c.get_text(0), c.get_int(1));
  auto m = MAILSIFT_TRY(db_->prepare(
      "SELECT strftime('%Y-%m', date, 'unixepoch'), count(*) FROM messages GROUP BY 1 ORDER BY 1"));
  while (MAILSIFT_TRY(m.step())) st.by_month.push_back({m.get_text(0), m.get_int(1)});
  return st;
}

Result<std::vector<QuarantineEntry>> SqliteEmailStore::quarantined(int limit, int offset) {
  auto s = MAILSIFT_TRY(db_->prepare(
      "SELECT id, received_at, source, reason, size, sha256, data IS NOT NULL FROM quarantine"
      " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?"));
  s.bind(1, static_cast<int64_t>(limit)).bind(2, static_cast<int64_t>(offset));
  std::vector<QuarantineEntry> out;
  while (MAILSIFT_TRY(s.step())) {
    out.push_back({s.get_int(0), s.get_int(1), s.get_text(2), s.get_text(3), static_cast<uint64_t>(s.get_int(4)),
                   s.get_text(5), s.get_int(6) != 0});
  }
  return out;
}

Result<std::string> SqliteEmailStore::quarantined_raw(int64_t id) {
  auto s = MAILSIFT_TRY(db_->prepare("SELECT data FROM quarantine WHERE id = ?"));
  s.bind(1, id);
  if (!MAILSIFT_TRY(s.step())) return fail(Code::kNotFound, "no quarantined item with id " + std::to_string(id));
  if (s.is_null(0)) {
    return fail(Code::kNotFound, "quarantined item " + std::to_string(id) + " was too large to keep",
                "the original file was left where it was");
  }
  return store::decompress(s.get_blob(0));
}

Result<void> SqliteEmailStore::add_classification(EmailId id, const Classification& c) {
  return sql::atomic(*db_, [&]() -> Result<void> {
    auto* cur = MAILSIFT_TRY(db_->prepare_cached("SELECT class_decider FROM messages WHERE id = ?"));
    cur->bind(1, id);
    if (!MAILSIFT_TRY(cur->step())) return fail(Code::kNotFound, "no message with id " + std::to_string(id));
    const bool human_current = cur->get_text(0) == decider_name(Decider::kHuman);
    cur->reset();
    auto* ins = MAILSIFT_TRY(db_->prepare_cached(
        "INSERT INTO classifications (email_id, label, confidence, decided_by, model, reasons_json, fallback, note,"
        " decided_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    ins->bind(1, id)
        .bind(2, label_name(c.label))
        .bind(3, c.confidence)
        .bind(4, decider_name(c.decided_by))
        .bind(5, c.model)
        .bind(6, reasons_json(c.reasons))
        .bind(7, c.fallback)
        .bind(8, c.note)
        .bind(9, static_cast<int64_t>(c.decided_at));
    MAILSIFT_TRY_VOID(ins->run());
    if (human_current && c.decided_by != Decider::kHuman) return ok();
    auto* upd = MAILSIFT_TRY(
        db_->prepare_cached("UPDATE messages SET class = ?, class_confidence = ?, class_decider = ? WHERE id = ?"));
    upd->bind(1, label_name(c.label)).bind(2, c.confidence).bind(3, decider_name(c.decided_by)).bind(4, id);
    return upd->run();
  });
}

}  // namespace mailsift
