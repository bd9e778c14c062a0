#include "cli/contacts_views.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "contacts/sqlite_contacts.h"
#include "core/strings.h"
#include "core/time.h"

namespace mailsift::cli {

Result<std::string> read_input(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(Code::kNotFound, "no such file: " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kIo, "cannot read " + path);
  ss << in.rdbuf();
  return ss.str();
}

Result<contacts::FileFormat> file_format(const std::string& text) {
  if (text.empty() || iequals(text, "auto")) return contacts::FileFormat::kAuto;
  if (iequals(text, "csv")) return contacts::FileFormat::kCsv;
  if (iequals(text, "json")) return contacts::FileFormat::kJson;
  return fail(Code::kInvalidArgument, "unknown format '" + text + "'", "use csv, json or auto");
}

bool has_messages(Context& ctx) {
  std::error_code ec;
  if (!std::filesystem::exists(ctx.db_path(), ec)) return false;
  auto store = ctx.open_store(false);
  if (!store) return false;
  ListQuery one;
  one.limit = 1;
  auto rows = (*store)->list(one);
  return rows && !rows->empty();
}

Result<contacts::Day> as_of_day(const std::string& as_of) {
  if (as_of.empty()) return contacts::day_of(now_unix());
  UnixTime t = MAILSIFT_TRY(parse_date_arg(as_of, now_unix()));
  return contacts::day_of(t);
}

nlohmann::json row_errors_json(const std::vector<contacts::RowError>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : errors) out.push_back({{"line", e.line}, {"id", e.id}, {"reason", e.reason}});
  return out;
}

void print_row_errors(const std::string& file, const std::vector<contacts::RowError>& errors) {
  for (const auto& e : errors) {
    std::cerr << file << ":" << e.line << ": " << (e.id.empty() ? "" : "(" + e.id + ") ") << e.reason << "\n";
  }
}

std::string accreditation_line(const contacts::Accreditation& a, contacts::Day today) {
  std::string standing = a.standing(today);
  int64_t left = a.days_left(today);
  std::string when;
  if (left < 0) {
    when = fmt::format("expired {} ({} days ago)", contacts::format_day(a.expires), -left);
  } else if (a.expiry(today) == contacts::Expiry::kExpiring) {
    when = fmt::format("expires {} (in {} day{})", contacts::format_day(a.expires), left, left == 1 ? "" : "s");
  } else {
    when = "until " + contacts::format_day(a.expires);
  }
  return fmt::format("{:<16} {:<14} {:<9} {:<32} {}", a.scheme, a.certificate, standing, when,
                     a.scopes.empty() ? "-" : join(a.scopes, "; "));
}

std::string describe(const contacts::Links& links) {
  std::vector<std::string> parts;
  if (links.contractor) {
    const auto& k = *links.contractor;
    parts.push_back("contractor " + k.id + (k.name.empty() ? " (no longer in the registry)" : " " + k.name) + " (by " +
                    k.match + ")");
  }
  if (links.directory) {
    const auto& d = *links.directory;
    std::string who = d.id + " " + d.name;
    if (!d.role.empty()) who += ", " + d.role;
    if (!d.organisation.empty()) who += " (" + d.organisation + ")";
    parts.push_back("directory " + who);
  }
  if (links.own && !links.directory) parts.push_back("own organisation");
  return parts.empty() ? "not linked" : join(parts, "; ");
}

nlohmann::json links_json(const contacts::Links& links) {
  nlohmann::json j = {{"own", links.own}, {"directory", nullptr}, {"contractor", nullptr}};
  if (links.directory) {
    const auto& d = *links.directory;
    j["directory"] = {{"id", d.id}, {"name", d.name}, {"organisation", d.organisation}, {"role", d.role}};
  }
  if (links.contractor) {
    const auto& k = *links.contractor;
    j["contractor"] = {{"id", k.id}, {"name", k.name}, {"match", k.match}};
  }
  return j;
}

nlohmann::json contact_json(const contacts::Contact& c) {
  nlohmann::json names = nlohmann::json::array();
  for (const auto& n : c.names) {
    names.push_back({{"name", n.name}, {"count", n.count}, {"last_seen", format_iso8601(n.last_seen)}});
  }
  return {{"address", c.address},
          {"domain", c.domain},
          {"names", names},
          {"first_seen", format_iso8601(c.first_seen)},
          {"last_seen", format_iso8601(c.last_seen)},
          {"sent", c.sent},
          {"received", c.received},
          {"links", links_json(c.links)}};
}

Result<std::string> message_links_text(SqliteEmailStore& store, EmailId id) {
  contacts::SqliteContacts contacts(store.database());
  auto m = MAILSIFT_TRY(contacts.message_links(id));
  if (!m) return std::string();
  return "Sender:     " + (m->sender.empty() ? std::string("(none)") : m->sender) + ": " + describe(m->sender_links) +
         "\nDirection:  " + std::string(contacts::direction_name(m->direction)) + "\n";
}

Result<nlohmann::json> message_links_json(SqliteEmailStore& store, EmailId id) {
  contacts::SqliteContacts contacts(store.database());
  auto m = MAILSIFT_TRY(contacts.message_links(id));
  if (!m) return nlohmann::json(nullptr);
  return nlohmann::json{{"sender", m->sender},
                        {"direction", contacts::direction_name(m->direction)},
                        {"links", links_json(m->sender_links)}};
}

}  // namespace mailsift::cli
