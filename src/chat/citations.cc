#include "chat/citations.h"

#include <charconv>
#include <optional>

#include "core/strings.h"

namespace mailsift::chat {

namespace {

constexpr size_t kMaxBracket = 300;  // longer brackets are prose, not citations

bool is_id_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The canonical kind of a word, or nullopt when the word names no kind of source.
std::optional<std::string> kind_of(std::string_view word) {
  std::string w = to_lower(word);
  if (w == "email" || w == "emails" || w == "id") return "email";
  if (w == "contractor" || w == "contractors") return "contractor";
  return std::nullopt;
}

// One item of a bracket: "[kind][:# ]*id" with the kind optional after the first item.
// Returns false when the item is not a citation.
bool parse_item(std::string_view item, std::string& kind, std::string& id) {
  item = trim(item);
  size_t i = 0;
  while (i < item.size() && is_alpha(item[i])) ++i;
  if (i > 0 && i < item.size() && (item[i] == ':' || item[i] == '#' || item[i] == ' ' || item[i] == '\t')) {
    auto k = kind_of(item.substr(0, i));
    if (!k) return false;
    kind = *k;
    while (i < item.size() && (item[i] == ':' || item[i] == '#' || item[i] == ' ' || item[i] == '\t')) ++i;
    item = item.substr(i);
  } else if (kind.empty()) {
    return false;  // the first item must say what it cites
  }
  if (item.empty()) return false;
  for (char c : item) {
    if (!is_id_char(c)) return false;
  }
  id = std::string(item);
  return true;
}

// Parses the inside of one bracket; empty when it is not a citation.
std::vector<Citation> parse_bracket(std::string_view inside) {
  std::vector<Citation> out;
  std::string kind;
  size_t start = 0;
  for (size_t i = 0; i <= inside.size(); ++i) {
    if (i < inside.size() && inside[i] != ',' && inside[i] != ';') continue;
    std::string id;
    if (!parse_item(inside.substr(start, i - start), kind, id)) return {};
    if (kind == "email" && !is_digits(id)) return {};
    out.push_back(Citation{kind, id});
    start = i + 1;
  }
  return out;
}

}  // namespace

std::vector<Citation> parse_citations(std::string_view text) {
  std::vector<Citation> out;
  size_t pos = 0;
  while ((pos = text.find('[', pos)) != std::string_view::npos) {
    size_t end = text.find_first_of("[]\n", pos + 1);
    if (end == std::string_view::npos) break;
    if (text[end] != ']' || end - pos > kMaxBracket) {
      pos = end;
      continue;
    }
    for (auto& c : parse_bracket(text.substr(pos + 1, end - pos - 1))) {
      bool seen = false;
      for (const auto& o : out) seen = seen || (o.kind == c.kind && iequals(o.id, c.id));
      if (!seen) out.push_back(std::move(c));
    }
    pos = end + 1;
  }
  return out;
}

std::vector<EmailId> cited_email_ids(std::string_view text) {
  std::vector<EmailId> ids;
  for (const auto& c : parse_citations(text)) {
    if (c.kind != "email") continue;
    EmailId id = 0;
    auto [ptr, ec] = std::from_chars(c.id.data(), c.id.data() + c.id.size(), id);
    if (ec != std::errc() || ptr != c.id.data() + c.id.size() || id <= 0) continue;
    bool seen = false;
    for (EmailId other : ids) seen = seen || other == id;
    if (!seen) ids.push_back(id);
  }
  return ids;
}

std::string email_citation(EmailId id) { return "[email:" + std::to_string(id) + "]"; }

}  // namespace mailsift::chat
