// Which email domains are free-mail or shared hosts (gmail.com, outlook.com, ...). Anyone can
// get an address there, so a sender is never linked to a contractor by such a domain — only by
// an address the registry lists — and a registry may not claim one as its email domain.
//
// A pattern is either a domain ("gmail.com": that domain and its subdomains) or a provider name
// followed by ".*" ("outlook.*": that name under any public suffix — outlook.com, outlook.co.uk,
// outlook.example — and their subdomains). The default list is a sensible set of large
// providers; configuration replaces it (contacts.free_mail_domains) or adds to it
// (contacts.free_mail_extra).
//
// Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailsift::contacts {

class FreeMailPolicy {
 public:
  // Patterns are lower-cased; empty ones are ignored.
  explicit FreeMailPolicy(std::vector<std::string> patterns);
  static FreeMailPolicy defaults();
  static const std::vector<std::string>& default_patterns();

  // True when `domain` (any case) is a free-mail or shared host.
  bool is_free_mail(std::string_view domain) const;
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;
};

}  // namespace mailsift::contacts
