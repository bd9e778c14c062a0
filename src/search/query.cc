#include "search/query.h"

#include <charconv>

#include "core/strings.h"
#include "core/time.h"

namespace mailsift::search {

bool SearchFilters::empty() const {
  return from.empty() && to.empty() && subject.empty() && !label && !unclassified && !thread_id && !message_id &&
         !has_attachment && !is_list && !since && !until;
}

std::string ParsedQuery::text() const {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  for (const auto& p : phrases) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_prefix_name(std::string_view name) {
  if (name.empty() || name.size() > 20) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Reads a quoted string starting after the opening quote at pos; moves pos past the closing
// quote. Returns false when there is none (the rest of the query is taken).
bool read_quoted(std::string_view q, size_t& pos, std::string& out) {
  size_t end = q.find('"', pos);
  if (end == std::string_view::npos) {
    out.assign(q.substr(pos));
    pos = q.size();
    return false;
  }
  out.assign(q.substr(pos, end - pos));
  pos = end + 1;
  return true;
}

Result<void> date_range(std::string_view value, UnixTime now, ParsedQuery& q) {
  std::string_view a = value, b = value;
  bool range = false;
  if (auto dots = value.find(".."); dots != std::string_view::npos) {
    a = value.substr(0, dots);
    b = value.substr(dots + 2);
    range = true;
  }
  if (a.empty() && b.empty()) {
    return fail(Code::kInvalidArgument, "date: needs a date or a range", "e.g. date:2025-01-01..2025-03-31, date:2025-06, date:7d..");
  }
  if (!a.empty()) q.filters.since = MAILSIFT_TRY(parse_date_arg(a, now, false));
  if (!b.empty()) q.filters.until = MAILSIFT_TRY(parse_date_arg(b, now, true));
  if (!range && a.empty()) q.filters.since.reset();
  if (q.filters.since && q.filters.until && *q.filters.since > *q.filters.until) {
    return fail(Code::kInvalidArgument, "date:" + std::string(value) + " ends before it starts");
  }
  return ok();
}

}  // namespace

QuerySyntax::QuerySyntax(UnixTime now) : now_(now) {
  add_prefix("from", "sender address or name", [this](std::string_view v, ParsedQuery& q) -> Result<void> {
    q.filters.from.push_back(MAILSIFT_TRY(address(v)));
    return ok();
  });
  add_prefix("to", "recipient address or name", [this](std::string_view v, ParsedQuery& q) -> Result<void> {
    q.filters.to.push_back(MAILSIFT_TRY(address(v)));
    return ok();
  });
  add_prefix("subject", "words or a phrase in the subject", [](std::string_view v, ParsedQuery& q) -> Result<void> {
    if (!trim(v).empty()) q.filters.subject.emplace_back(trim(v));
    return ok();
  });
  add_prefix("class", "business, operational, noise or unclassified", [](std::string_view v, ParsedQuery& q) -> Result<void> {
    if (iequals(v, "unclassified")) {
      q.filters.unclassified = true;
      return ok();
    }
    auto label = parse_label(v);
    if (!label) {
      return fail(Code::kInvalidArgument, "unknown class '" + std::string(v) + "'",
                  "use class:business, class:operational, class:noise or class:unclassified");
    }
    q.filters.label = label;
    return ok();
  });
  add_prefix("thread", "a thread id (from `mailsift list` or --threads)", [](std::string_view v, ParsedQuery& q) -> Result<void> {
    int64_t id = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), id);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size() || id <= 0) {
      return fail(Code::kInvalidArgument, "thread: takes a thread id number, not '" + std::string(v) + "'");
    }
    q.filters.thread_id = id;
    return ok();
  });
  add_prefix("id", "a Message-ID", [](std::string_view v, ParsedQuery& q) -> Result<void> {
    std::string id(trim(v));
    if (id.size() > 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    if (id.empty()) return fail(Code::kInvalidArgument, "id: needs a Message-ID");
    q.filters.message_id = id;
    return ok();
  });
  add_prefix("has", "has:attachment", [](std::string_view v, ParsedQuery& q) -> Result<void> {
    if (!iequals(v, "attachment") && !iequals(v, "attachments")) {
      return fail(Code::kInvalidArgument, "unknown has:" + std::string(v), "the only one is has:attachment");
    }
    q.filters.has_attachment = true;
    return ok();
  });
  add_prefix("is", "is:list (mailing lists and bulk mail)", [](std::string_view v, ParsedQuery& q) -> Result<void> {
    if (!iequals(v, "list")) return fail(Code::kInvalidArgument, "unknown is:" + std::string(v), "the only one is is:list");
    q.filters.is_list = true;
    return ok();
  });
  add_prefix("date", "date:A..B, date:A.., date:..B or date:A", [this](std::string_view v, ParsedQuery& q) {
    return date_range(v, now_, q);
  });
}

void QuerySyntax::add_prefix(const std::string& name, const std::string& help, PrefixHandler handler) {
  prefixes_[to_lower(name)] = {help, std::move(handler)};
}

void QuerySyntax::add_address_scheme(const std::string& scheme, AddressResolver resolver) {
  schemes_[to_lower(scheme)] = std::move(resolver);
}

std::string QuerySyntax::prefix_list() const {
  std::string out;
  for (const auto& [name, entry] : prefixes_) {
    if (!out.empty()) out += ' ';
    out += name + ":";
  }
  return out;
}

Result<AddressFilter> QuerySyntax::address(std::string_view value) const {
  value = trim(value);
  if (value.empty()) return fail(Code::kInvalidArgument, "from: and to: need an address or a name");
  // from:SCHEME:VALUE, when SCHEME is registered (e.g. contractor:C-0042).
  if (auto colon = value.find(':'); colon != std::string_view::npos && is_prefix_name(value.substr(0, colon))) {
    std::string scheme = to_lower(value.substr(0, colon));
    auto it = schemes_.find(scheme);
    if (it == schemes_.end()) {
      std::string known;
      for (const auto& [name, r] : schemes_) known += (known.empty() ? "" : ", ") + name + ":";
      return fail(Code::kInvalidArgument, "unknown address scheme '" + scheme + ":'",
                  known.empty() ? "from: takes an address or a name" : "known schemes: " + known);
    }
    return it->second(value.substr(colon + 1));
  }
  AddressFilter f;
  f.text = std::string(value);
  return f;
}

Result<ParsedQuery> QuerySyntax::parse(std::string_view query) const {
  if (query.size() > kMaxQueryBytes) {
    return fail(Code::kTooLarge, "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes",
                "search for a few distinctive words or a phrase");
  }
  ParsedQuery q;
  std::string valid = make_valid_utf8(query);
  std::string_view s(valid);
  size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos >= s.size()) break;
    if (s[pos] == '"') {
      ++pos;
      std::string phrase;
      if (!read_quoted(s, pos, phrase)) q.notes.push_back("unbalanced quote: the phrase runs to the end of the query");
      if (!trim(phrase).empty()) q.phrases.emplace_back(trim(phrase));
      continue;
    }
    size_t start = pos;
    while (pos < s.size() && !is_space(s[pos]) && s[pos] != ':' && s[pos] != '"') ++pos;
    std::string_view name = s.substr(start, pos - start);
    if (pos < s.size() && s[pos] == ':' && is_prefix_name(name)) {
      size_t value_start = pos + 1;
      std::string value;
      bool quoted = value_start < s.size() && s[value_start] == '"';
      size_t after = value_start;
      if (quoted) {
        ++after;
        if (!read_quoted(s, after, value)) q.notes.push_back("unbalanced quote: the value runs to the end of the query");
      } else {
        while (after < s.size() && !is_space(s[after])) ++after;
        value.assign(s.substr(value_start, after - value_start));
      }
      auto it = prefixes_.find(to_lower(name));
      if (it != prefixes_.end()) {
        if (value.empty() && !quoted) {
          return fail(Code::kInvalidArgument, "'" + std::string(name) + ":' needs a value",
                      std::string(name) + ": means " + it->second.first);
        }
        MAILSIFT_TRY_VOID(it->second.second(value, q));
        pos = after;
        continue;
      }
      // Not a prefix: "Re:" on its own and URLs are text; anything else is a mistyped prefix.
      if (!quoted && !value.empty() && value.rfind("//", 0) != 0) {
        return fail(Code::kInvalidArgument, "unknown search prefix '" + std::string(name) + ":'",
                    "known prefixes: " + prefix_list() + " (put text with a colon in \"quotes\")");
      }
    }
    // A free word: up to the next space (a colon or quote inside it is just a character).
    pos = start;
    while (pos < s.size() && !is_space(s[pos])) ++pos;
    q.words.emplace_back(s.substr(start, pos - start));
  }
  return q;
}

}  // namespace mailsift::search
