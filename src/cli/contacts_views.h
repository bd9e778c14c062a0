// What the contacts, contractors, directory and enrich commands share: reading an input file,
// the day status is computed for, and the text and JSON views of contractors, contacts and a
// message's enrichment links (also printed by `show`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/context.h"
#include "contacts/contact_store.h"
#include "contacts/contractor.h"
#include "contacts/registry_import.h"
#include "core/result.h"

namespace mailsift::cli {

// The whole file ("-" reads stdin). Errors: kNotFound (no such file), kIo.
Result<std::string> read_input(const std::string& path);
// Parses --format: "" or "auto", "csv", "json". Errors: kInvalidArgument.
Result<contacts::FileFormat> file_format(const std::string& text);
// True when the data directory holds stored messages (to suggest `mailsift enrich`).
bool has_messages(Context& ctx);
// The day expiry is computed for: --as-of DATE, else today (UTC). Errors: kInvalidArgument.
Result<contacts::Day> as_of_day(const std::string& as_of);

nlohmann::json row_errors_json(const std::vector<contacts::RowError>& errors);
// Prints rejected rows on stderr as "FILE:LINE: (ID) reason".
void print_row_errors(const std::string& file, const std::vector<contacts::RowError>& errors);

// One line per accreditation: scheme, certificate, standing with dates, scopes.
std::string accreditation_line(const contacts::Accreditation& a, contacts::Day today);
// "CTR-0007 Brightwire Utilities Ltd (by address)", "HNS-U001 Priya Raman, Head of Operations", ...
std::string describe(const contacts::Links& links);

nlohmann::json contact_json(const contacts::Contact& c);
nlohmann::json links_json(const contacts::Links& links);

// The "Sender:" / "Direction:" lines of `show` (each ending in a newline); empty when the
// message was not enriched. And the same as JSON (null when not enriched).
Result<std::string> message_links_text(SqliteEmailStore& store, EmailId id);
Result<nlohmann::json> message_links_json(SqliteEmailStore& store, EmailId id);

}  // namespace mailsift::cli
