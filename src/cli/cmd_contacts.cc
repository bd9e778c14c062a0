// mailsift contacts [QUERY] | contacts show ADDR: every address seen, and what it is linked to.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/contacts_views.h"
#include "cli/wiring.h"
#include "core/strings.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct ListArgs {
  std::string query, contractor;
  bool directory = false, json = false;
  int limit = 50, offset = 0;
};

struct ShowArgs {
  std::string address;
  int emails = 10;
  bool json = false;
};

Result<void> run_list(Context& ctx, const ListArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  contacts::SqliteContacts store_contacts(store->database());
  contacts::ContactQuery q;
  q.text = args.query;
  q.contractor_id = args.contractor;
  q.directory_only = args.directory;
  q.limit = args.limit;
  q.offset = args.offset;
  auto rows = MAILSIFT_TRY(store_contacts.list(q));
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : rows) out.push_back(contact_json(c));
    ctx.print_json(out);
    return ok();
  }
  for (const auto& c : rows) {
    std::string name = c.names.empty() ? "" : c.names.front().name;
    std::cout << fmt::format("{:<40}  {:<22}  {:>4} sent {:>4} recv  {}  {}\n", fit(c.address, 40), fit(name, 22),
                             c.sent, c.received, format_short(c.last_seen), describe(c.links));
  }
  if (rows.empty()) {
    auto st = MAILSIFT_TRY(store_contacts.stats());
    ctx.note(st.contacts == 0 ? "no contacts yet: ingest mail, or run `mailsift enrich` over mail already stored"
                              : "no contact matches");
  }
  return ok();
}

Result<void> run_show(Context& ctx, const ShowArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  contacts::SqliteContacts store_contacts(store->database());
  auto found = MAILSIFT_TRY(store_contacts.get(args.address));
  if (!found) {
    return fail(Code::kNotFound, "no contact " + args.address,
                "list contacts with `mailsift contacts TEXT`; run `mailsift enrich` if mail was stored before");
  }
  const contacts::Contact& c = *found;
  auto activity = MAILSIFT_TRY(store_contacts.activity(c.address, args.emails));
  std::vector<EmailSummary> emails;
  for (EmailId id : activity.latest) emails.push_back(MAILSIFT_TRY(store->get(id)).summary);
  if (args.json) {
    auto j = contact_json(c);
    nlohmann::json by_class = nlohmann::json::object(), by_direction = nlohmann::json::object();
    for (const auto& [k, n] : activity.by_class) by_class[k] = n;
    for (const auto& [k, n] : activity.by_direction) by_direction[k] = n;
    j["by_class"] = by_class;
    j["by_direction"] = by_direction;
    nlohmann::json latest = nlohmann::json::array();
    for (const auto& e : emails) latest.push_back(to_json(e));
    j["latest_emails"] = latest;
    ctx.print_json(j);
    return ok();
  }
  std::cout << c.address << "\n";
  std::vector<std::string> names;
  for (const auto& n : c.names) names.push_back(fmt::format("{} ({}×)", n.name, n.count));
  std::cout << "Names:        " << (names.empty() ? "-" : join(names, ", ")) << "\n";
  std::cout << "Seen:         " << format_short(c.first_seen) << " to " << format_short(c.last_seen) << " UTC\n";
  std::cout << fmt::format("Messages:     sent {}, received {}\n", c.sent, c.received);
  std::vector<std::string> parts;
  for (const auto& [k, n] : activity.by_class) parts.push_back(fmt::format("{} {}", k, n));
  std::cout << "By class:     " << (parts.empty() ? "-" : join(parts, ", ")) << "\n";
  parts.clear();
  for (const auto& [k, n] : activity.by_direction) parts.push_back(fmt::format("{} {}", k, n));
  std::cout << "By direction: " << (parts.empty() ? "-" : join(parts, ", ")) << "\n";
  std::cout << "Directory:    ";
  if (c.links.directory) {
    const auto& d = *c.links.directory;
    std::cout << d.id << " " << d.name << (d.role.empty() ? "" : ", " + d.role)
              << (d.organisation.empty() ? "" : " (" + d.organisation + ")") << "\n";
  } else {
    std::cout << (c.links.own ? "- (an own-organisation address)" : "-") << "\n";
  }
  std::cout << "Contractor:   ";
  if (c.links.contractor) {
    const auto& k = *c.links.contractor;
    std::cout << k.id << " " << (k.name.empty() ? "(no longer in the registry)" : k.name) << " (by " << k.match
              << ")  — mailsift contractors show " << k.id << "\n";
  } else {
    std::cout << "-\n";
  }
  std::cout << "\nLatest messages:\n";
  print_summaries(ctx, emails, false);
  return ok();
}

}  // namespace

void add_contacts(CLI::App& app, Context& ctx, Action& action) {
  auto la = std::make_shared<ListArgs>();
  auto* cmd = app.add_subcommand("contacts", "Everyone seen on stored mail, with their directory and contractor links");
  cmd->add_option("query", la->query, "Address, domain or name contains this text (optional)");
  cmd->add_option("--contractor", la->contractor, "Only contacts linked to this contractor id");
  cmd->add_flag("--directory", la->directory, "Only contacts linked to a directory account");
  cmd->add_option("-n,--limit", la->limit, "At most this many contacts")->capture_default_str();
  cmd->add_option("--offset", la->offset, "Skip this many first")->capture_default_str();
  cmd->add_flag("--json", la->json, "Print a JSON array");
  cmd->footer(R"(Columns: address, most used name, messages sent and received, last seen (UTC), links.
Contacts come from enrichment at ingest; after importing a registry or a directory run
`mailsift enrich` to refresh the links.

Examples:
  mailsift contacts                       # most recently seen first
  mailsift contacts brightwire
  mailsift contacts --contractor CTR-0007 --json
  mailsift contacts show mike.fenwick@outlook.example)");
  cmd->callback([&ctx, &action, la, cmd] {
    if (cmd->get_subcommands().empty()) action = [&ctx, la] { return run_list(ctx, *la); };
  });

  auto sa = std::make_shared<ShowArgs>();
  auto* show = cmd->add_subcommand("show", "One contact: names, dates, counts by class and direction, links");
  show->add_option("address", sa->address, "The email address")->required();
  show->add_option("--emails", sa->emails, "How many of the latest messages to list")->capture_default_str();
  show->add_flag("--json", sa->json, "Print one JSON object");
  show->footer(R"(Examples:
  mailsift contacts show dean.hollis@brightwire-utilities.example
  mailsift contacts show priya.raman@harrowgate-ns.example --json | jq .by_class)");
  show->callback([&ctx, &action, sa] { action = [&ctx, sa] { return run_show(ctx, *sa); }; });
}

}  // namespace mailsift::cli
