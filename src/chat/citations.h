// Citations in chat answers.
//
// The assistant cites what it used in square brackets, right after the statement:
//
//   The invoice is still unpaid [email:102], after a reminder on 3 October [email:103].
//   Pennant holds a valid NERS accreditation [contractor:CTR-0063].
//
// The syntax the system prompt asks for is one `[kind:ID]` per source, with kind `email`
// (ID = the numeric email id the tools return) or another kind a tool set introduces (e.g.
// `contractor`). Models are not always exact, so parsing also accepts a list in one bracket
// (`[email:12, email:14]`, `[email:12, 14]`, `[emails 12; 14]`), `#` or a space instead of the
// colon, and either case. The web UI (web/js/chat.js) links the same forms.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace mailsift::chat {

struct Citation {
  std::string kind;  // "email", "contractor", ... (lower case, singular)
  std::string id;    // as written: digits for emails
  bool operator==(const Citation&) const = default;
};

// Every citation in `text`, in order of first appearance, without repeats. Email citations
// whose id is not a number are ignored.
std::vector<Citation> parse_citations(std::string_view text);

// The email ids cited in `text`, in order of first appearance, without repeats.
std::vector<EmailId> cited_email_ids(std::string_view text);

// "[email:42]": how an email is cited.
std::string email_citation(EmailId id);

}  // namespace mailsift::chat
