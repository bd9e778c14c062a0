#include "contacts/enrich.h"

#include <algorithm>
#include <chrono>

#include "core/strings.h"

namespace mailsift::contacts {

std::string address_domain(std::string_view address) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string d = to_lower(trim(address.substr(at + 1)));
  while (!d.empty() && d.back() == '.') d.pop_back();
  return d;
}

bool domain_within(std::string_view domain, std::string_view parent) {
  if (parent.empty()) return false;
  if (domain == parent) return true;
  return domain.size() > parent.size() && domain.ends_with(parent) && domain[domain.size() - parent.size() - 1] == '.';
}

Enricher::Enricher(EmailStore& store, ContactStore& contacts, ContractorRegistry& registry, Directory* directory,
                   EnrichOptions options)
    : store_(store), contacts_(contacts), registry_(registry), directory_(directory), options_(std::move(options)) {}

Result<std::vector<std::string>> Enricher::own_domains() {
  if (!own_domains_) {
    std::vector<std::string> domains;
    for (const auto& d : options_.own_domains) {
      std::string t = to_lower(trim(d));
      if (t.starts_with("@")) t.erase(0, 1);
      if (!t.empty()) domains.push_back(t);
    }
    if (domains.empty() && directory_) domains = MAILSIFT_TRY(directory_->own_domains());
    own_domains_ = std::move(domains);
  }
  return *own_domains_;
}

Result<bool> Enricher::is_own(std::string_view domain) {
  auto own = MAILSIFT_TRY(own_domains());
  return std::any_of(own.begin(), own.end(), [&](const std::string& o) { return domain_within(domain, o); });
}

Result<std::optional<ContractorLink>> Enricher::contractor_for(const std::string& address, const std::string& domain) {
  using Link = std::optional<ContractorLink>;
  // A listed address is the strongest evidence, and the only one for free-mail senders.
  auto by_address = MAILSIFT_TRY(registry_.by_contact_email(address));
  if (by_address.size() == 1) return Link(ContractorLink{by_address.front(), "address", {}});
  if (by_address.size() > 1) return Link{};  // ambiguous
  if (domain.empty() || options_.free_mail.is_free_mail(domain)) return Link{};
  // The domain, then each parent that still has two labels.
  std::string d = domain;
  while (std::count(d.begin(), d.end(), '.') >= 1) {
    auto ids = MAILSIFT_TRY(registry_.by_domain(d));
    if (ids.size() == 1) return Link(ContractorLink{ids.front(), "domain", {}});
    if (ids.size() > 1) return Link{};  // ambiguous
    d = d.substr(d.find('.') + 1);
  }
  return Link{};
}

Result<Links> Enricher::links_for(std::string_view address_in) {
  std::string address = to_lower(trim(address_in));
  if (auto it = cache_.find(address); it != cache_.end()) return it->second;
  Links links;
  std::string domain = address_domain(address);
  links.own = !domain.empty() && MAILSIFT_TRY(is_own(domain));
  if (directory_) {
    auto user = MAILSIFT_TRY(directory_->find_by_address(address));
    if (user) links.directory = DirectoryLink{user->id, user->name, user->organisation, user->role};
  }
  if (!links.own) links.contractor = MAILSIFT_TRY(contractor_for(address, domain));
  if (cache_.size() > 50'000) cache_.clear();
  cache_.emplace(address, links);
  return links;
}

Result<Direction> Enricher::direction_of(const Email& email) {
  std::string sender_domain = address_domain(email.primary_from().address);
  if (sender_domain.empty() || !MAILSIFT_TRY(is_own(sender_domain))) return Direction::kInbound;
  bool any = false;
  for (const auto* list : {&email.to, &email.cc, &email.bcc}) {
    for (const auto& a : *list) {
      std::string d = address_domain(a.address);
      if (d.empty()) continue;
      any = true;
      if (!MAILSIFT_TRY(is_own(d))) return Direction::kOutbound;
    }
  }
  return any ? Direction::kInternal : Direction::kOutbound;
}

Result<bool> Enricher::enrich(EmailId id) {
  StoredEmail se = MAILSIFT_TRY(store_.get(id));
  return enrich(id, se.email);
}

Result<bool> Enricher::enrich(EmailId id, const Email& email) {
  Enrichment e;
  e.email_id = id;
  e.date = email.date;
  e.sender = email.primary_from().normalized();
  e.direction = MAILSIFT_TRY(direction_of(email));
  auto add = [&](const std::vector<Address>& list, const char* role) -> Result<void> {
    for (const auto& a : list) {
      std::string addr = a.normalized();
      if (addr.empty() || addr.find('@') == std::string::npos) continue;
      MessageAddress m{addr, a.name, role, MAILSIFT_TRY(links_for(addr))};
      e.addresses.push_back(std::move(m));
    }
    return ok();
  };
  // The sender first: Sender when there is no From (primary_from's fallback).
  if (!email.from.empty()) {
    MAILSIFT_TRY_VOID(add(email.from, "from"));
  } else {
    MAILSIFT_TRY_VOID(add(email.sender, "from"));
  }
  MAILSIFT_TRY_VOID(add(email.to, "to"));
  MAILSIFT_TRY_VOID(add(email.cc, "cc"));
  MAILSIFT_TRY_VOID(add(email.bcc, "bcc"));
  MAILSIFT_TRY_VOID(add(email.reply_to, "reply_to"));
  return contacts_.apply(e);
}

Result<EnrichSummary> Enricher::enrich_all(const std::function<void(int64_t, int64_t)>& on_progress) {
  auto start = std::chrono::steady_clock::now();
  cache_.clear();
  own_domains_.reset();
  EnrichSummary summary;
  summary.own_domains = MAILSIFT_TRY(own_domains());
  ListQuery all;
  all.limit = -1;
  auto rows = MAILSIFT_TRY(store_.list(all));
  MAILSIFT_TRY_VOID(store_.begin_batch());
  auto run = [&]() -> Result<void> {
    MAILSIFT_TRY_VOID(contacts_.clear());
    // Oldest first, so progress reads naturally; the result does not depend on the order.
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
      MAILSIFT_TRY_VOID(enrich(it->id));
      ++summary.messages;
      if (on_progress && summary.messages % 1000 == 0) on_progress(summary.messages, static_cast<int64_t>(rows.size()));
    }
    return ok();
  };
  if (auto r = run(); !r) {
    store_.rollback_batch();
    return fail(r.error());
  }
  MAILSIFT_TRY_VOID(store_.commit_batch());
  if (on_progress) on_progress(summary.messages, static_cast<int64_t>(rows.size()));
  summary.stats = MAILSIFT_TRY(contacts_.stats());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace mailsift::contacts
