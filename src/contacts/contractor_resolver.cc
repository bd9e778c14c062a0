#include "contacts/contractor_resolver.h"

#include "contacts/sqlite_registry.h"
#include "core/strings.h"

namespace mailsift::contacts {

ContractorResolver::ContractorResolver(std::string db_path, FreeMailPolicy free_mail)
    : db_path_(std::move(db_path)), free_mail_(std::move(free_mail)) {}

ContractorResolver::~ContractorResolver() = default;

Result<ContractorSenders> ContractorResolver::resolve(std::string_view id_in) {
  std::string id(trim(id_in));
  if (id.empty()) {
    return fail(Code::kInvalidArgument, "from:contractor: needs a contractor id",
                "e.g. from:contractor:CTR-0007 (ids from `mailsift contractors search`)");
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!db_) {
    sql::Database::Options options;
    options.read_only = true;
    db_ = MAILSIFT_TRY(sql::Database::open(db_path_, options));
  }
  SqliteRegistry registry(*db_);
  auto found = MAILSIFT_TRY(registry.get(id));
  if (!found) {
    return fail(Code::kInvalidArgument, "no contractor " + id + " in the registry",
                "find ids with `mailsift contractors search`");
  }
  ContractorSenders out;
  out.id = found->id;
  out.name = found->name;
  out.addresses = found->contact_emails;
  for (const auto& d : found->email_domains) {
    if (!free_mail_.is_free_mail(d)) out.domains.push_back(d);
  }
  if (out.addresses.empty() && out.domains.empty()) {
    return fail(Code::kInvalidArgument, "contractor " + out.id + " has no email address or domain to search by");
  }
  return out;
}

}  // namespace mailsift::contacts
