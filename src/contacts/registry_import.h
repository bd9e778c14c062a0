// Reading a contractor registry file: CSV or JSON, validated row by row.
//
// CSV: UTF-8 (a byte-order mark is allowed), a header row, RFC 4180 quoting, one row per
// accreditation; rows with the same id describe one contractor and must agree on its fields.
// Columns (any order; unknown ones are ignored with a warning):
//   id*, name*, trading_names, email_domains, contact_emails, phone, address, regions,
//   scheme*, certificate*, scopes, status*, issued, expires*, notes        (* required)
// Multi-valued fields (trading_names, email_domains, contact_emails, regions, scopes) are
// separated by ';'. status is valid | suspended | withdrawn ("active" = valid); dates are
// YYYY-MM-DD; regions are UK regions by name or alias (regions.h); notes belong to the row's
// accreditation.
//
// JSON: an array (or {"contractors": [...]}) of either
//   - contractors: {"id", "name", ..., "regions", "accreditations": [{"scheme", "certificate",
//     "scopes", "status", "issued", "expires", "notes"}]}, or
//   - flat rows with the CSV column names as keys.
// Multi-valued fields may be JSON arrays or ';'-separated strings. Errors name the line where
// the element starts.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contacts/contractor.h"
#include "contacts/free_mail.h"
#include "core/result.h"

namespace mailsift::contacts {

struct RowError {
  int line = 0;    // 1-based line of the row (CSV) or element (JSON)
  std::string id;  // the contractor id when known
  std::string reason;

  std::string to_string() const;  // "line 12 (CTR-0007): reason"
};

struct ParsedRegistry {
  std::vector<Contractor> contractors;  // those whose every row is valid, in file order
  std::vector<RowError> errors;         // every rejected row, by line
  std::vector<std::string> warnings;    // e.g. ignored columns
  int rows = 0;                         // accreditation rows read
};

enum class FileFormat { kAuto, kCsv, kJson };

// Parses and validates a registry. A contractor with any rejected row is left out whole, and
// its other rows are reported too (as not imported), so nothing is half-imported. Email domains
// that `free_mail` calls free-mail are rejected (list such addresses in contact_emails).
// kAuto picks JSON when the text (after a BOM and blanks) starts with '[' or '{'.
// Errors (the whole file): kParse for text that is not CSV or JSON, or lacks a required column.
Result<ParsedRegistry> parse_registry(std::string_view text, FileFormat format, const FreeMailPolicy& free_mail);

// Shared with the directory importer: lower-cased, validated values.
// Errors: kInvalidArgument with the reason.
Result<std::string> normalize_domain(std::string_view text);
Result<std::string> normalize_email(std::string_view text);

// The line on which each element of a JSON file's top-level array (or of its "contractors" /
// "users" array when the top level is an object) starts, in order. Best effort: empty when the
// text is not a JSON array or object.
std::vector<int> json_element_lines(std::string_view text);

}  // namespace mailsift::contacts
