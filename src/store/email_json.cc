#include "store/email_json.h"

#include "core/time.h"

namespace mailsift {

using nlohmann::json;

json to_json(const Address& a) { return {{"name", a.name}, {"address", a.address}}; }

json to_json(const std::vector<Address>& list) {
  json out = json::array();
  for (const auto& a : list) out.push_back(to_json(a));
  return out;
}

json to_json(const Attachment& a) {
  return {{"index", a.index},          {"filename", a.filename}, {"content_type", a.content_type},
          {"disposition", a.disposition}, {"size", a.size},       {"sha256", a.sha256}};
}

json to_json(const Classification& c) {
  json reasons = json::array();
  for (const auto& r : c.reasons) reasons.push_back({{"feature", r.feature}, {"weight", r.weight}});
  json out = {{"class", label_name(c.label)},
              {"confidence", c.confidence},
              {"decided_by", decider_name(c.decided_by)},
              {"model", c.model},
              {"reasons", reasons},
              {"fallback", c.fallback},
              {"decided_at", format_iso8601(c.decided_at)}};
  if (!c.note.empty()) out["note"] = c.note;
  return out;
}

json to_json(const EmailSummary& s) {
  return {{"id", s.id},
          {"message_id", s.message_id},
          {"thread_id", s.thread_id},
          {"date", format_iso8601(s.date)},
          {"from", to_json(s.from)},
          {"subject", s.subject},
          {"class", s.label ? json(label_name(*s.label)) : json(nullptr)},
          {"attachments", s.attachments}};
}

json to_json(const StoredEmail& se) {
  const Email& e = se.email;
  json out = to_json(se.summary);
  out["date_raw"] = e.date_raw;
  out["date_source"] = date_source_name(e.date_source);
  out["message_id_synthesized"] = e.message_id_synthesized;
  out["from"] = to_json(e.from);
  out["sender"] = to_json(e.sender);
  out["reply_to"] = to_json(e.reply_to);
  out["to"] = to_json(e.to);
  out["cc"] = to_json(e.cc);
  out["bcc"] = to_json(e.bcc);
  out["in_reply_to"] = e.in_reply_to;
  out["references"] = e.references;
  out["list_id"] = e.list_id;
  out["list_unsubscribe"] = e.list_unsubscribe;
  out["precedence"] = e.precedence;
  out["auto_submitted"] = e.auto_submitted;
  out["content_type"] = e.content_type;
  out["is_report"] = e.is_report;
  out["has_calendar"] = e.has_calendar;
  json headers = json::array();
  for (const auto& h : e.headers) headers.push_back({{"name", h.name}, {"value", h.value}});
  out["headers"] = headers;
  out["text"] = e.text_body;
  out["visible_text"] = e.visible_text;
  out["has_html"] = !e.html_body.empty();
  json atts = json::array();
  for (const auto& a : e.attachments) atts.push_back(to_json(a));
  out["attachments"] = atts;
  out["classification"] = se.classification ? to_json(*se.classification) : json(nullptr);
  json history = json::array();
  for (const auto& c : se.history) history.push_back(to_json(c));
  out["classification_history"] = history;
  out["warnings"] = e.warnings;
  out["size"] = e.raw_size;
  out["source"] = se.source;
  out["ingested_at"] = format_iso8601(se.ingested_at);
  return out;
}

json to_json(const StoreStats& s) {
  json by_class = json::object();
  for (const auto& [k, v] : s.by_class) by_class[k] = v;
  json by_month = json::array();
  for (const auto& m : s.by_month) by_month.push_back({{"month", m.month}, {"count", m.count}});
  return {{"messages", s.messages},
          {"threads", s.threads},
          {"quarantined", s.quarantined},
          {"unclassified", s.unclassified},
          {"attachments", s.attachments},
          {"raw_bytes", s.raw_bytes},
          {"stored_raw_bytes", s.stored_bytes},
          {"oldest", s.oldest ? json(format_iso8601(*s.oldest)) : json(nullptr)},
          {"newest", s.newest ? json(format_iso8601(*s.newest)) : json(nullptr)},
          {"by_class", by_class},
          {"by_month", by_month}};
}

json to_json(const QuarantineEntry& q) {
  return {{"id", q.id},     {"received_at", format_iso8601(q.received_at)}, {"source", q.source},
          {"reason", q.reason}, {"size", q.size}, {"sha256", q.sha256}, {"raw_kept", q.raw_kept}};
}

std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

}  // namespace mailsift
