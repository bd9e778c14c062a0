#include "contacts/free_mail.h"

#include <algorithm>

#include "core/strings.h"

namespace mailsift::contacts {

namespace {

// Second-level labels under which registrable names sit in many country domains (co.uk,
// com.au, org.nz, ...). Enough to tell "outlook.co.uk" from "outlook.brightwire.example".
bool is_second_level(std::string_view label) {
  static const std::vector<std::string_view> kLabels = {"co",  "com", "org", "net", "ac",
                                                        "gov", "ne",  "or",  "ltd", "plc"};
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

// True when the labels after a provider name form a public suffix: one label ("com",
// "example"), or a second-level label plus a two-letter country ("co.uk").
bool is_public_suffix(const std::vector<std::string>& labels, size_t from) {
  size_t n = labels.size() - from;
  if (n == 1) return true;
  if (n == 2) return is_second_level(labels[from]) && labels[from + 1].size() == 2;
  return false;
}

}  // namespace

FreeMailPolicy::FreeMailPolicy(std::vector<std::string> patterns) {
  for (auto& p : patterns) {
    std::string t = to_lower(trim(p));
    if (!t.empty()) patterns_.push_back(std::move(t));
  }
}

const std::vector<std::string>& FreeMailPolicy::default_patterns() {
  static const std::vector<std::string> kDefaults = {
      // Providers whose name is theirs under every suffix.
      "gmail.*", "googlemail.*", "outlook.*", "hotmail.*", "yahoo.*", "ymail.*", "rocketmail.*", "aol.*", "icloud.*",
      "protonmail.*", "gmx.*", "yandex.*", "zohomail.*", "tutanota.*", "btinternet.*",
      // Single domains.
      "live.com", "live.co.uk", "msn.com", "me.com", "mac.com", "aim.com", "proton.me", "pm.me", "mail.com",
      "email.com", "hey.com", "fastmail.com", "fastmail.fm", "tuta.io", "mail.ru", "inbox.ru", "qq.com", "163.com",
      "126.com", "web.de", "t-online.de", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it", "sky.com",
      "talktalk.net", "virginmedia.com", "ntlworld.com", "blueyonder.co.uk", "btopenworld.com", "tiscali.co.uk",
      "googlegroups.com"};
  return kDefaults;
}

FreeMailPolicy FreeMailPolicy::defaults() {
  return FreeMailPolicy(default_patterns());
}

bool FreeMailPolicy::is_free_mail(std::string_view domain_in) const {
  std::string domain = to_lower(trim(domain_in));
  while (!domain.empty() && domain.back() == '.') domain.pop_back();
  if (domain.empty()) return false;
  std::vector<std::string> labels = split(domain, '.');
  for (const auto& p : patterns_) {
    if (p.ends_with(".*")) {
      std::string_view name = std::string_view(p).substr(0, p.size() - 2);
      for (size_t i = 0; i + 1 < labels.size(); ++i) {
        if (labels[i] == name && is_public_suffix(labels, i + 1)) return true;
      }
    } else if (domain == p ||
               (domain.size() > p.size() && domain.ends_with(p) && domain[domain.size() - p.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

}  // namespace mailsift::contacts
