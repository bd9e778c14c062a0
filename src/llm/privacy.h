// The privacy policy: what of an email may leave the machine in a request to a remote model.
//
// Applied in one place: the chat tools and the LLM classifier build what they send about an
// email with apply_privacy() (or redact_text() for other text), never from Email fields
// directly. Settings ([privacy] in the config file):
//   privacy.send_subject, privacy.send_sender, privacy.send_recipients, privacy.send_body
//       which fields may be sent (default true, true, false, true)
//   privacy.max_chars_per_email   cut the body to this many bytes, on a UTF-8 boundary (4000)
//   privacy.redact_email_addresses / redact_phone_numbers / redact_account_numbers
//       replace matches with [email] / [phone] / [account] (default false)
// Redaction is a heuristic: addresses are local@domain.tld; phone numbers are runs of 9-15
// digits with the usual separators, or 7-15 after a '+'; account numbers are IBANs, digit runs
// of 12 or more (cards, bank accounts), and numbers of 6+ digits after a word such as "account",
// "acct", "IBAN", "sort code" or "BSB".
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/result.h"
#include "core/types.h"

namespace mailsift::llm {

struct PrivacyPolicy {
  bool send_subject = true;
  bool send_sender = true;
  bool send_recipients = false;
  bool send_body = true;
  size_t max_chars_per_email = 4000;
  bool redact_email_addresses = false;
  bool redact_phone_numbers = false;
  bool redact_account_numbers = false;

  // Reads privacy.* settings. Errors: kInvalidArgument for a malformed value.
  static Result<PrivacyPolicy> from_config(const Config& config);
};

// The parts of one email that may be sent. Absent fields are not allowed by the policy.
struct OutgoingEmail {
  std::optional<std::string> subject;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> body;
  UnixTime date = 0;
  bool truncated = false;  // the body was cut to max_chars_per_email
};

// The policy applied to one email: allowed fields only, redacted, body (the visible text, else
// the text body) cut to the limit.
OutgoingEmail apply_privacy(const PrivacyPolicy& policy, const Email& email);

// The policy's redactions applied to any text (a search snippet, a question quoting an email).
std::string redact_text(const PrivacyPolicy& policy, std::string_view text);

// "Subject: ...\nFrom: ...\nTo: ...\nDate: ...\n\n<body>" with only the fields present.
std::string render_email(const OutgoingEmail& email);

}  // namespace mailsift::llm
