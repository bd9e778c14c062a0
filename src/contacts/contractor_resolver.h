// Turns a contractor id into the senders that are that contractor: its listed contact addresses
// and its email domains (free-mail domains left out). Search uses it for `from:contractor:ID`
// (registered with search::QuerySyntax::add_address_scheme by the app's wiring), so the filter
// needs no enrichment run and matches subdomains of the contractor's domains.
//
// Thread-safe: one read-only connection, opened on first use, behind a mutex.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/free_mail.h"
#include "core/result.h"
#include "store/sqlite.h"

namespace mailsift::contacts {

struct ContractorSenders {
  std::string id;  // as stored
  std::string name;
  std::vector<std::string> addresses;  // lower-case
  std::vector<std::string> domains;    // lower-case, without '@'
};

class ContractorResolver {
 public:
  // `db_path` is the data directory's database (opened read-only when first needed).
  ContractorResolver(std::string db_path, FreeMailPolicy free_mail);
  ~ContractorResolver();
  ContractorResolver(const ContractorResolver&) = delete;
  ContractorResolver& operator=(const ContractorResolver&) = delete;

  // Errors: kInvalidArgument for an unknown id or a contractor with neither an address nor a
  // usable domain (a query must not silently match everything), kIo.
  Result<ContractorSenders> resolve(std::string_view id);

 private:
  std::string db_path_;
  FreeMailPolicy free_mail_;
  std::mutex mu_;
  std::unique_ptr<sql::Database> db_;
};

}  // namespace mailsift::contacts
