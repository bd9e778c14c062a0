// The hand-set priors of the header evidence (training starts from them and is regularised
// towards them) and how a feature's name reads in `mailsift show`. Declared in features.h.
#include "classify/features.h"

namespace mailsift::classify {

const std::vector<Prior>& evidence_priors() {
  // Deliberately moderate: each is evidence, not a verdict. B, O, N.
  static const std::vector<Prior> kPriors = {
      {"hdr:auto-submitted", -1.0f, 1.5f, -0.5f},
      {"hdr:auto-replied", -1.0f, 1.5f, -0.5f},
      {"hdr:auto-response", -0.5f, 1.0f, -0.5f},
      {"subj:auto-reply", -1.0f, 1.5f, -0.5f},
      {"mime:report", -1.0f, 1.5f, -0.5f},
      {"mime:report-delivery-status", -1.0f, 1.5f, -0.5f},
      {"subj:bounce", -1.0f, 1.5f, -0.5f},
      {"mime:calendar", -0.5f, 1.0f, -0.5f},
      {"att:calendar", -0.5f, 1.0f, -0.5f},
      {"subj:calendar", -0.75f, 1.5f, -0.75f},
      {"hdr:ticket-system", -1.0f, 1.5f, -0.5f},
      {"hdr:monitoring-system", -1.0f, 1.5f, -0.5f},
      {"subj:ticket-ref", -0.25f, 0.5f, -0.25f},
      {"body:fields", -0.5f, 1.0f, -0.5f},
      {"body:automated", -0.75f, 0.75f, 0.0f},
      {"from:noreply", -1.0f, 0.5f, 0.5f},
      {"from:system", -0.5f, 0.5f, 0.0f},
      {"mailer:system", -0.5f, 0.5f, 0.0f},
      {"mailer:bulk", -0.5f, -0.5f, 1.0f},
      {"hdr:list-id", -0.5f, -0.25f, 0.75f},
      {"hdr:list-unsubscribe", -0.75f, 0.0f, 0.75f},
      {"hdr:one-click-unsubscribe", -0.75f, 0.0f, 0.75f},
      {"hdr:bulk-sender", -0.75f, 0.0f, 0.75f},
      {"hdr:precedence-bulk", -0.5f, 0.0f, 0.5f},
      {"hdr:precedence-list", -0.5f, 0.0f, 0.5f},
      {"hdr:precedence-junk", -0.75f, -0.25f, 1.0f},
      {"body:unsubscribe", -0.5f, 0.0f, 0.5f},
      {"body:view-online", -0.5f, 0.0f, 0.5f},
      {"hdr:auth-fail", -0.5f, -0.5f, 1.0f},
      {"hdr:thread-reply", 0.5f, -0.25f, -0.25f},
      {"subj:reply", 0.5f, -0.25f, -0.25f},
      {"mailer:client", 0.25f, -0.25f, 0.0f},
      {"contact:known", 1.0f, -0.25f, -0.75f},
      {"subj:dated", -0.25f, 0.5f, -0.25f},
      {"subj:notice-word", -0.5f, 0.75f, -0.25f},
      {"from:org-name", -0.5f, 0.25f, 0.25f},
      {"body:click", -0.5f, 0.25f, 0.25f},
      {"from:person-name", 0.25f, -0.25f, 0.0f},
      {"body:greeting", 0.25f, -0.25f, 0.0f},
      {"body:signoff", 0.25f, -0.25f, 0.0f},
      {"body:question", 0.25f, -0.25f, 0.0f},
      {"to:few", 0.25f, -0.25f, 0.0f},
      {"to:cc", 0.25f, -0.25f, 0.0f},
      {"to:undisclosed", -0.5f, 0.0f, 0.5f},
      {"to:crowd", -0.25f, 0.25f, 0.0f},
      {"from:bulk-role", -0.5f, 0.0f, 0.5f},
      {"hdr:reply-to-elsewhere", -0.25f, 0.0f, 0.25f},
      {"lex:social", -0.25f, -0.25f, 0.5f},
      {"lex:social+", -0.5f, -0.5f, 1.0f},
      {"lex:promo", -0.25f, -0.25f, 0.5f},
      {"lex:promo+", -0.5f, -0.5f, 1.0f},
      {"lex:system", -0.25f, 0.5f, -0.25f},
      {"lex:system+", -0.5f, 1.0f, -0.5f},
      {"lex:work", 0.25f, 0.0f, -0.25f},
      {"lex:work+", 0.5f, 0.0f, -0.5f},
  };
  return kPriors;
}

std::string describe_feature(std::string_view name) {
  if (name.starts_with("l.")) return describe_feature(name.substr(2)) + " (list/bulk mail)";
  if (name.starts_with("s:")) return "subject word '" + std::string(name.substr(2)) + "'";
  if (name.starts_with("w:")) return "word '" + std::string(name.substr(2)) + "'";
  if (name.starts_with("b:")) {
    std::string words(name.substr(2));
    for (char& c : words) {
      if (c == '_') c = ' ';
    }
    return "words '" + words + "'";
  }
  return std::string(name);
}

}  // namespace mailsift::classify
