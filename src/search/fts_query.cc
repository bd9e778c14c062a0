#include "search/fts_query.h"

#include <algorithm>
#include <unordered_set>

#include "core/strings.h"
#include "search/text.h"

namespace mailsift::search {

std::string fts_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

bool has_token(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  });
}

RankingQuery ranking_query(const ParsedQuery& q, size_t max_words) {
  RankingQuery r;
  std::unordered_set<std::string> seen;
  for (const auto& word : q.words) {
    // A typed word may hold several tokens ("BWU-4471", "o'brien"): it is searched as a phrase
    // of them, unless every token is a stop word.
    std::vector<std::string> toks;
    bool content = false;
    for_each_token(word, [&](std::string_view t) {
      toks.emplace_back(t);
      if (!is_stop_word(t)) content = true;
    });
    if (toks.empty()) continue;
    if (!content) {
      ++r.dropped_stop_words;
      continue;
    }
    std::string key = join(toks, " ");
    if (!seen.insert(key).second) continue;
    if (r.parts.size() >= max_words) {
      ++r.dropped_over_limit;
      continue;
    }
    r.parts.push_back({fts_quote(key), toks.size() == 1});
    for (const auto& t : toks) {
      if (!is_stop_word(t)) r.stems.push_back(stem(t));
    }
  }
  for (const auto& phrase : q.phrases) {
    if (!has_token(phrase)) continue;
    r.parts.push_back({fts_quote(phrase), false});
    for (auto& t : terms(phrase)) r.stems.push_back(std::move(t));
  }
  std::vector<std::string> exprs;
  for (const auto& p : r.parts) exprs.push_back(p.expr);
  r.match = join(exprs, " OR ");
  return r;
}

std::string pruned_match(const std::vector<RankingPart>& parts, const std::vector<int64_t>& doc_counts, int64_t limit,
                         int64_t row_budget) {
  auto count = [&](size_t i) { return i < doc_counts.size() ? doc_counts[i] : -1; };
  // Which parts select: phrases, uncounted parts, and the rare words, rarest first, while the
  // messages they select fit the budget (the rarest always does).
  std::vector<bool> selects(parts.size(), false);
  std::vector<size_t> rare_words;
  bool any = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].single_word || count(i) < 0) {
      selects[i] = any = true;
    } else if (count(i) <= limit) {
      rare_words.push_back(i);
    }
  }
  std::stable_sort(rare_words.begin(), rare_words.end(), [&](size_t a, size_t b) { return count(a) < count(b); });
  int64_t rows = 0;
  for (size_t i : rare_words) {
    if (any && row_budget > 0 && rows + count(i) > row_budget) break;
    selects[i] = any = true;
    rows += count(i);
  }
  if (!any) {
    // Every word is common: the least common one selects.
    size_t rarest = 0;
    for (size_t i = 1; i < parts.size(); ++i) {
      if (count(i) < count(rarest)) rarest = i;
    }
    selects[rarest] = true;
  }
  std::vector<std::string> rare, common;
  for (size_t i = 0; i < parts.size(); ++i) (selects[i] ? rare : common).push_back(parts[i].expr);
  std::string r = join(rare, " OR ");
  if (common.empty()) return r;
  return "(" + r + ") OR ((" + r + ") AND (" + join(common, " OR ") + "))";
}

namespace {

// An FTS5 condition restricted to one column, with the last token as a prefix.
std::string column_prefix(std::string_view column, std::string_view text) {
  return "{" + std::string(column) + "} : " + fts_quote(text) + " *";
}

void add_fts(SqlCondition& c, std::string expr) {
  c.sql += " AND m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)";
  c.binds.emplace_back(std::move(expr));
}

void add_address(SqlCondition& c, const AddressFilter& f, std::string_view fts_column, bool from) {
  std::vector<std::string> alternatives;
  if (!f.text.empty()) {
    if (has_token(f.text)) {
      alternatives.push_back("m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)");
      c.binds.emplace_back(column_prefix(fts_column, f.text));
    } else {
      alternatives.push_back("0");  // nothing searchable in "from:***"
    }
  }
  for (const auto& a : f.addresses) {
    alternatives.push_back(from ? "m.from_addr = ?"
                                : "m.id IN (SELECT email_id FROM addresses WHERE address = ? AND role <> 'from')");
    c.binds.emplace_back(to_lower(a));
  }
  for (const auto& d : f.domains) {
    // Exact domain or a subdomain of it.
    std::string dom = to_lower(d);
    std::string pattern_exact = "%@" + dom;
    std::string pattern_sub = "%." + dom;
    std::string esc_exact, esc_sub;
    for (char ch : pattern_exact) {
      if (ch == '_' || ch == '\\') esc_exact += '\\';
      esc_exact += ch;
    }
    for (char ch : pattern_sub) {
      if (ch == '_' || ch == '\\') esc_sub += '\\';
      esc_sub += ch;
    }
    alternatives.push_back(from ? "(m.from_addr LIKE ? ESCAPE '\\' OR m.from_addr LIKE ? ESCAPE '\\')"
                                : "m.id IN (SELECT email_id FROM addresses WHERE role <> 'from' AND "
                                  "(address LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\'))");
    c.binds.emplace_back(esc_exact);
    c.binds.emplace_back(esc_sub);
  }
  if (alternatives.empty()) return;
  c.sql += " AND (" + join(alternatives, " OR ") + ")";
}

}  // namespace

SqlCondition filter_condition(const ParsedQuery& q) {
  SqlCondition c;
  const SearchFilters& f = q.filters;
  if (f.label) {
    c.sql += " AND m.class = ?";
    c.binds.emplace_back(std::string(label_name(*f.label)));
  }
  if (f.unclassified) c.sql += " AND m.class IS NULL";
  if (f.since) {
    c.sql += " AND m.date >= ?";
    c.binds.emplace_back(static_cast<int64_t>(*f.since));
  }
  if (f.until) {
    c.sql += " AND m.date <= ?";
    c.binds.emplace_back(static_cast<int64_t>(*f.until));
  }
  if (f.thread_id) {
    c.sql += " AND m.thread_id = ?";
    c.binds.emplace_back(*f.thread_id);
  }
  if (f.message_id) {
    c.sql += " AND m.message_id = ?";
    c.binds.emplace_back(*f.message_id);
  }
  // These two conditions match the partial indexes messages_attached / messages_listed
  // (src/store/schema.cc, v5) word for word: change both together.
  if (f.has_attachment) c.sql += " AND m.n_attachments > 0";
  if (f.is_list) {
    c.sql += " AND (m.list_id <> '' OR m.list_unsubscribe <> '' OR lower(m.precedence) IN ('list', 'bulk'))";
  }
  for (const auto& a : f.from) add_address(c, a, "from_text", true);
  for (const auto& a : f.to) add_address(c, a, "to_text", false);
  for (const auto& s : f.subject) {
    if (has_token(s)) {
      add_fts(c, "{subject} : " + fts_quote(s));
    } else {
      c.sql += " AND 0";
    }
  }
  for (const auto& p : q.phrases) {
    if (has_token(p)) add_fts(c, fts_quote(p));
  }
  return c;
}

}  // namespace mailsift::search
