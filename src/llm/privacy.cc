#include "llm/privacy.h"

#include <cctype>
#include <vector>

#include "core/strings.h"
#include "core/time.h"

namespace mailsift::llm {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
bool is_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) {
  return is_alnum(c) || c == '.' || c == '-';
}

std::string redact_emails(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at < copied) continue;
    size_t start = at;
    while (start > copied && is_local_char(text[start - 1])) --start;
    size_t end = at + 1;
    while (end < text.size() && is_domain_char(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;  // trailing punctuation
    std::string_view domain = text.substr(at + 1, end - at - 1);
    if (start == at || domain.find('.') == std::string_view::npos) continue;
    out.append(text.substr(copied, start - copied));
    out += "[email]";
    copied = end;
  }
  out.append(text.substr(copied));
  return out;
}

// A run of digits and separators starting at i: returns its end and digit count.
struct Run {
  size_t end = 0;
  int digits = 0;
};

Run number_run(std::string_view text, size_t i, bool phone_separators) {
  Run r{i, 0};
  size_t j = i;
  while (j < text.size()) {
    char c = text[j];
    if (is_digit(c)) {
      ++r.digits;
      r.end = ++j;
    } else if ((c == ' ' || c == '-') || (phone_separators && (c == '.' || c == '(' || c == ')'))) {
      // A separator only counts when a digit follows soon.
      size_t k = j + 1;
      while (k < text.size() && k - j < 3 && !is_digit(text[k]) &&
             (text[k] == ' ' || text[k] == '-' || text[k] == '(' || text[k] == ')')) {
        ++k;
      }
      if (k < text.size() && is_digit(text[k]) && (phone_separators || k == j + 1)) {
        j = k;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  return r;
}

bool preceded_by_account_word(std::string_view text, size_t i) {
  size_t from = i > 24 ? i - 24 : 0;
  std::string before = to_lower(text.substr(from, i - from));
  for (const char* word : {"account", "acct", "a/c", "iban", "sort code", "bsb", "routing", "acc no", "account no"}) {
    if (before.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string redact_numbers(std::string_view text, bool phones, bool accounts) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    bool boundary = i == 0 || !is_alnum(text[i - 1]);
    // IBAN: two capital letters, two digits, then 10-30 letters/digits (groups of 4 may be spaced).
    if (accounts && boundary && i + 4 <= text.size() && std::isupper(static_cast<unsigned char>(c)) &&
        std::isupper(static_cast<unsigned char>(text[i + 1])) && is_digit(text[i + 2]) && is_digit(text[i + 3])) {
      auto iban_char = [](char ch) { return is_digit(ch) || (ch >= 'A' && ch <= 'Z'); };
      size_t j = i + 4;
      int n = 0;
      while (j < text.size() && n < 30) {
        if (iban_char(text[j])) {
          ++n;
          ++j;
          continue;
        }
        // A space may separate groups of up to four characters ("GB33 BUKB 2020 ...").
        size_t k = j + 1;
        while (k < text.size() && iban_char(text[k]) && k - j <= 4) ++k;
        bool group = text[j] == ' ' && k > j + 1 && k - j <= 5 && (k == text.size() || !is_alnum(text[k]));
        if (!group) break;
        j = j + 1;
      }
      if (n >= 10 && (j == text.size() || !is_alnum(text[j]))) {
        out += "[account]";
        i = j;
        continue;
      }
    }
    bool plus = c == '+' && i + 1 < text.size() && is_digit(text[i + 1]);
    if (boundary && (is_digit(c) || plus)) {
      size_t start = plus ? i + 1 : i;
      Run phone = number_run(text, start, true);
      Run plain = number_run(text, start, false);
      bool alnum_after = phone.end < text.size() && is_alpha(text[phone.end]);
      if (!alnum_after) {
        if (phones && plus && phone.digits >= 7 && phone.digits <= 15) {
          out += "[phone]";
          i = phone.end;
          continue;
        }
        if (accounts && (plain.digits >= 12 || (plain.digits >= 6 && preceded_by_account_word(text, i)))) {
          out += "[account]";
          i = plain.end;
          continue;
        }
        if (phones && phone.digits >= 9 && phone.digits <= 15) {
          out += "[phone]";
          i = phone.end;
          continue;
        }
      }
      // Not sensitive: copy the whole run so that its tail is not matched on its own.
      size_t end = std::max(phone.end, plain.end);
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

Result<PrivacyPolicy> PrivacyPolicy::from_config(const Config& config) {
  PrivacyPolicy p;
  p.send_subject = MAILSIFT_TRY(config.get_bool("privacy.send_subject", p.send_subject));
  p.send_sender = MAILSIFT_TRY(config.get_bool("privacy.send_sender", p.send_sender));
  p.send_recipients = MAILSIFT_TRY(config.get_bool("privacy.send_recipients", p.send_recipients));
  p.send_body = MAILSIFT_TRY(config.get_bool("privacy.send_body", p.send_body));
  int64_t max_chars =
      MAILSIFT_TRY(config.get_int("privacy.max_chars_per_email", static_cast<int64_t>(p.max_chars_per_email)));
  if (max_chars < 0) return fail(Code::kInvalidArgument, "privacy.max_chars_per_email must not be negative");
  p.max_chars_per_email = static_cast<size_t>(max_chars);
  p.redact_email_addresses = MAILSIFT_TRY(config.get_bool("privacy.redact_email_addresses", false));
  p.redact_phone_numbers = MAILSIFT_TRY(config.get_bool("privacy.redact_phone_numbers", false));
  p.redact_account_numbers = MAILSIFT_TRY(config.get_bool("privacy.redact_account_numbers", false));
  return p;
}

std::string redact_text(const PrivacyPolicy& policy, std::string_view text) {
  std::string out(text);
  if (policy.redact_email_addresses) out = redact_emails(out);
  if (policy.redact_phone_numbers || policy.redact_account_numbers) {
    out = redact_numbers(out, policy.redact_phone_numbers, policy.redact_account_numbers);
  }
  return out;
}

OutgoingEmail apply_privacy(const PrivacyPolicy& policy, const Email& email) {
  OutgoingEmail out;
  out.date = email.date;
  auto addresses = [&](const std::vector<Address>& list) {
    std::vector<std::string> parts;
    for (const auto& a : list) parts.push_back(redact_text(policy, a.display()));
    return join(parts, ", ");
  };
  if (policy.send_subject) out.subject = redact_text(policy, email.subject);
  if (policy.send_sender) out.from = addresses(email.from.empty() ? email.sender : email.from);
  if (policy.send_recipients) {
    std::vector<Address> to = email.to;
    to.insert(to.end(), email.cc.begin(), email.cc.end());
    out.to = addresses(to);
  }
  if (policy.send_body) {
    const std::string& source = email.visible_text.empty() ? email.text_body : email.visible_text;
    // Redact a little more than is kept, so that a cut never reveals half an address.
    std::string_view head = utf8_prefix(source, policy.max_chars_per_email + 256);
    std::string body = redact_text(policy, head);
    if (body.size() > policy.max_chars_per_email || head.size() < source.size()) {
      std::string cut(utf8_prefix(body, policy.max_chars_per_email));
      out.truncated = cut.size() < body.size() || head.size() < source.size();
      body = std::move(cut);
    }
    out.body = std::move(body);
  }
  return out;
}

std::string render_email(const OutgoingEmail& email) {
  std::string out;
  if (email.subject) out += "Subject: " + *email.subject + "\n";
  if (email.from) out += "From: " + *email.from + "\n";
  if (email.to) out += "To: " + *email.to + "\n";
  if (email.date > 0) out += "Date: " + format_iso8601(email.date) + "\n";
  if (email.body) {
    out += "\n" + *email.body;
    if (email.truncated) out += "\n[truncated]";
  }
  return out;
}

}  // namespace mailsift::llm
