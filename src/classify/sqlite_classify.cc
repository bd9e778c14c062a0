#include "classify/sqlite_classify.h"

#include "core/time.h"

namespace mailsift::classify {

namespace {

Rule read_rule(const sql::Statement& s) {
  Rule r;
  r.id = s.get_int(0);
  r.kind = s.get_text(1) == "domain" ? Rule::Kind::kDomain : Rule::Kind::kAddress;
  r.pattern = s.get_text(2);
  r.label = parse_label(s.get_text(3)).value_or(Label::kNoise);
  r.note = s.get_text(4);
  r.created_at = s.get_int(5);
  return r;
}

}  // namespace

Result<std::vector<Rule>> SqliteClassifyTables::rules() {
  auto s = MAILSIFT_TRY(db_.prepare("SELECT id, kind, pattern, label, note, created_at FROM classify_rules ORDER BY id"));
  std::vector<Rule> out;
  while (MAILSIFT_TRY(s.step())) out.push_back(read_rule(s));
  return out;
}

Result<Rule> SqliteClassifyTables::put_rule(const Rule& rule) {
  const UnixTime created = rule.created_at != 0 ? rule.created_at : now_unix();
  auto ins = MAILSIFT_TRY(db_.prepare(
      "INSERT INTO classify_rules (kind, pattern, label, note, created_at) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT(kind, pattern) DO UPDATE SET label = excluded.label, note = excluded.note"));
  ins.bind(1, rule_kind_name(rule.kind))
      .bind(2, rule.pattern)
      .bind(3, label_name(rule.label))
      .bind(4, rule.note)
      .bind(5, static_cast<int64_t>(created));
  MAILSIFT_TRY_VOID(ins.run());
  auto sel = MAILSIFT_TRY(
      db_.prepare("SELECT id, kind, pattern, label, note, created_at FROM classify_rules WHERE kind = ? AND pattern = ?"));
  sel.bind(1, rule_kind_name(rule.kind)).bind(2, rule.pattern);
  if (!MAILSIFT_TRY(sel.step())) return fail(Code::kInternal, "the rule just stored is missing");
  return read_rule(sel);
}

Result<void> SqliteClassifyTables::remove_rule(int64_t id) {
  auto del = MAILSIFT_TRY(db_.prepare("DELETE FROM classify_rules WHERE id = ?"));
  del.bind(1, id);
  MAILSIFT_TRY_VOID(del.run());
  if (db_.changes() == 0) {
    return fail(Code::kNotFound, "no rule #" + std::to_string(id), "see the rules with `mailsift rules list`");
  }
  return ok();
}

Result<std::vector<EmailId>> SqliteClassifyTables::fallback_ids() {
  // The current verdict is the latest one, unless a human verdict exists (which wins).
  auto s = MAILSIFT_TRY(db_.prepare(
      "SELECT c.email_id FROM classifications c"
      " JOIN messages m ON m.id = c.email_id"
      " WHERE c.fallback = 1 AND coalesce(m.class_decider, '') <> 'human'"
      "   AND c.id = (SELECT max(id) FROM classifications WHERE email_id = c.email_id)"
      " ORDER BY c.email_id"));
  std::vector<EmailId> out;
  while (MAILSIFT_TRY(s.step())) out.push_back(s.get_int(0));
  return out;
}

Result<std::vector<std::pair<EmailId, Label>>> SqliteClassifyTables::human_labels() {
  auto s = MAILSIFT_TRY(db_.prepare(
      "SELECT c.email_id, c.label FROM classifications c"
      " WHERE c.decided_by = 'human'"
      "   AND c.id = (SELECT max(id) FROM classifications WHERE email_id = c.email_id AND decided_by = 'human')"
      " ORDER BY c.email_id"));
  std::vector<std::pair<EmailId, Label>> out;
  while (MAILSIFT_TRY(s.step())) {
    if (auto l = parse_label(s.get_text(1))) out.emplace_back(s.get_int(0), *l);
  }
  return out;
}

}  // namespace mailsift::classify
