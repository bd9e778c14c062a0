// The contractor tools of the mailsift assistant (a tool set, src/chat/tools.h), over the
// contractor registry and the contacts that enrichment derives from the stored mail:
//
//   searchContractors {region?, scopeSearch?, scheme?, status?, name?, limit?}
//       the seed's search: contractors working in a region (names and aliases, regions.h) with
//       an accreditation of the scheme whose scopes match the words (registry.h); returns
//       {"as_of", "query", "count", "contractors":[{"id","name","regions","email_domains",
//       "accreditations":[the matching ones: scheme, certificate, scopes, standing, expires,
//       days_left]}], "more"} and a hint for finding their emails (from:contractor:ID).
//   getContractorDetail {contractorId}
//       everything the registry holds (contractor.h's JSON view), the accreditations expiring
//       within 30 days, and the latest stored emails from its domains and addresses.
//   getContact {address}
//       what mailsift knows of an address: names seen, first and last seen, messages sent and
//       received by class and direction, its links (own organisation, directory account,
//       contractor) and its latest emails.
//
// All three are read-only and marked untrusted (registry files and names are outside text).
// Text that leaves the machine goes through the privacy policy: redaction applies to every
// string, email subjects and senders are left out when the policy does not allow them, and
// getContact refuses when senders may not be sent at all.
//
// Offline (no model configured), the set's hook answers contractor questions ("which NERS
// contractors in the North West do LV jointing?", QuestionCriteria below): it runs
// searchContractors with what the question names and lists the matching contractors, cited
// [contractor:ID]. Other questions (a storm warning in the North West) are left to the emails.
//
// Thread-safe: each call takes its own store lease (env.store) and builds the ports on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chat/tools.h"
#include "contacts/registry.h"

namespace mailsift::contacts {

struct ContractorToolOptions {
  int default_results = 15;  // searchContractors without a limit
  int max_results = 50;
  int latest_emails = 5;     // emails listed by getContractorDetail and getContact
  int offline_results = 15;  // contractors listed in the offline answer
};

// The tool set (name "contractors") as a factory for ChatParts::extra_tools.
chat::ToolFactory contractor_tools(ContractorToolOptions options = {});

// What a question asks the registry for, read from its words: the regions it names (a window
// of one to four words that resolve_region accepts; a short alias such as "NW" only in capitals,
// a word that is also an everyday word ("East", "North") only capitalised; groups as wide as
// England or the UK are ignored),
// the scheme (a known scheme's code, as a word), a status word (expired, expiring, suspended,
// withdrawn), and the words that name scopes the registry knows (each word checked with
// has_scope; common words skipped).
struct QuestionCriteria {
  std::vector<std::string> regions;      // canonical
  std::string region_text;               // as the question wrote it ("North West")
  std::string scheme;                    // canonical
  std::optional<StatusFilter> status;
  std::vector<std::string> scope_words;  // in question order, as written
  bool mentions_contractors = false;     // "contractor(s)", "accredited", "accreditation(s)", ...

  // A contractor question: it names a scheme; or it is about contractors and names a region, a
  // scope or a status; or it names both a region and a scope ("LV jointing in Wales").
  bool is_contractor_question() const;
};

// Errors: the registry's (kIo).
Result<QuestionCriteria> read_question(std::string_view question, ContractorRegistry& registry);

}  // namespace mailsift::contacts
