// The search query language, in the spirit of notmuch:
//
//   free words                      ranked by BM25 and by meaning (any word may match)
//   "exact phrase"                  must appear as written (in any field)
//   from:TEXT  to:TEXT              sender / recipients (address or name words; "quoted" ok)
//   from:SCHEME:VALUE               a registered address resolver (e.g. contractor:ID, later)
//   subject:TEXT                    in the subject
//   class:business|operational|noise|unclassified
//   thread:N   id:MESSAGE-ID
//   has:attachment   is:list
//   date:A..B  date:A..  date:..B  date:A   (dates as `list --since` takes them: 2025-03-04,
//                                            2025-03, 2025, 7d, yesterday, ...)
//
// Prefixes are case-insensitive. Anything else of the form `word:value` is an error that lists
// the prefixes, except words that merely contain a colon (10:30, "Re:" alone, URLs). Extra
// prefixes can be registered (QuerySyntax::add_prefix) without touching the parser.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift::search {

// Who a message is from (or to): words of the address or name, and/or an explicit list of
// addresses and domains (from a resolver). A message matches when any part matches.
struct AddressFilter {
  std::string text;                    // words, matched as a prefix phrase in the field
  std::vector<std::string> addresses;  // exact, lower-case
  std::vector<std::string> domains;    // lower-case, without '@'
  bool empty() const { return text.empty() && addresses.empty() && domains.empty(); }
};

// Structured restrictions; every set field must hold (AND).
struct SearchFilters {
  std::vector<AddressFilter> from;
  std::vector<AddressFilter> to;
  std::vector<std::string> subject;    // phrases that must be in the subject
  std::optional<Label> label;
  bool unclassified = false;
  std::optional<int64_t> thread_id;
  std::optional<std::string> message_id;
  bool has_attachment = false;
  bool is_list = false;
  std::optional<UnixTime> since;       // inclusive
  std::optional<UnixTime> until;       // inclusive
  bool empty() const;
};

struct ParsedQuery {
  std::vector<std::string> words;      // free words as typed (no quotes)
  std::vector<std::string> phrases;    // quoted phrases (required)
  SearchFilters filters;
  std::vector<std::string> notes;      // e.g. "unbalanced quote: closed at the end"
  // The free text (words and phrases) that is embedded and snippeted.
  std::string text() const;
};

class QuerySyntax {
 public:
  // Handles the value of a prefix (quotes removed): update q or fail (kInvalidArgument).
  using PrefixHandler = std::function<Result<void>(std::string_view value, ParsedQuery& q)>;
  // Turns the value of from:SCHEME:VALUE / to:SCHEME:VALUE into addresses and domains.
  using AddressResolver = std::function<Result<AddressFilter>(std::string_view value)>;

  // The built-in prefixes; `now` anchors relative dates.
  explicit QuerySyntax(UnixTime now);

  void add_prefix(const std::string& name, const std::string& help, PrefixHandler handler);
  void add_address_scheme(const std::string& scheme, AddressResolver resolver);

  // Errors: kInvalidArgument for an unknown prefix (the message lists the known ones), a bad
  // value (class:, date:, has:, is:, thread:), or a query over kMaxQueryBytes.
  Result<ParsedQuery> parse(std::string_view query) const;

  // "from: to: subject: ..." for messages.
  std::string prefix_list() const;

 private:
  Result<AddressFilter> address(std::string_view value) const;
  std::map<std::string, std::pair<std::string, PrefixHandler>> prefixes_;
  std::map<std::string, AddressResolver> schemes_;
  UnixTime now_;
};

inline constexpr size_t kMaxQueryBytes = 16384;  // a 10 kB pasted paragraph still searches

}  // namespace mailsift::search
