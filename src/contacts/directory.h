// Directory: the port to the organisation's user accounts (DESIGN.md). Enrichment links a sender
// to the account that owns its address, and learns the organisation's own email domains from it
// when contacts.own_domains is not set.
//
// Adapters: a CSV / JSON file (this header; `mailsift directory import` validates a file and
// keeps a normalised copy in the data directory), and later a DynamoDB table in another AWS
// account reached through STS AssumeRole.
//
// File format. CSV: a header row with the columns id, name, organisation, role, addresses
// (addresses ';'-separated), UTF-8 with or without a byte-order mark. JSON: an array (or
// {"users": [...]}) of {"id", "name", "organisation", "role", "addresses": [...]} objects
// ("addresses" may also be a ';'-separated string). id and name are required and at least one
// address; ids and addresses must be unique.
//
// Thread-safety: FileDirectory is immutable after open(); thread-safe.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/registry_import.h"
#include "core/result.h"

namespace mailsift::contacts {

struct DirectoryUser {
  std::string id;
  std::string name;
  std::string organisation;
  std::string role;
  std::vector<std::string> addresses;  // lower-case
};

class Directory {
 public:
  virtual ~Directory() = default;
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;

  // The account owning this address (compared lower-case), if any.
  // Errors: kUnavailable when a remote directory cannot be reached.
  virtual Result<std::optional<DirectoryUser>> find_by_address(std::string_view address) = 0;
  // The email domains of the organisation's own accounts (may be empty).
  virtual Result<std::vector<std::string>> own_domains() = 0;
  // For notes and `enrich` output, e.g. "file directory.json (28 users)".
  virtual std::string describe() const = 0;

 protected:
  Directory() = default;
};

struct ParsedDirectory {
  std::vector<DirectoryUser> users;  // the valid rows, in file order
  std::vector<RowError> errors;      // every rejected row, by line
  std::vector<std::string> warnings;
};

// Errors (the whole file): kParse for text that is neither CSV nor JSON or lacks a column.
Result<ParsedDirectory> parse_directory(std::string_view text, FileFormat format);

// {"users": [...]} as the file adapter reads it back.
nlohmann::json directory_to_json(const std::vector<DirectoryUser>& users);

class FileDirectory final : public Directory {
 public:
  // Reads and validates a CSV or JSON file. `own_organisation` names the organisation whose
  // accounts are "us"; empty picks the organisation with the most accounts (the first listed on
  // a tie). Errors: kIo (unreadable), kParse (invalid file; the message lists the first errors).
  static Result<std::unique_ptr<FileDirectory>> open(const std::string& path, std::string own_organisation = {});
  // An in-memory directory (tests, other adapters' caches).
  static std::unique_ptr<FileDirectory> from_users(std::vector<DirectoryUser> users, std::string own_organisation = {},
                                                   std::string source = "memory");

  Result<std::optional<DirectoryUser>> find_by_address(std::string_view address) override;
  Result<std::vector<std::string>> own_domains() override;
  std::string describe() const override;

  const std::string& own_organisation() const { return own_organisation_; }
  const std::vector<DirectoryUser>& users() const { return users_; }

 private:
  FileDirectory(std::vector<DirectoryUser> users, std::string own_organisation, std::string source);
  std::vector<DirectoryUser> users_;
  std::map<std::string, size_t> by_address_;
  std::string own_organisation_;
  std::string source_;
};

}  // namespace mailsift::contacts
