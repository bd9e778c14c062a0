// mailsift contractors import | search | show: the accredited contractor registry.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/contacts_views.h"
#include "cli/wiring.h"
#include "contacts/regions.h"
#include "contacts/registry_import.h"
#include "core/strings.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct ImportArgs {
  std::string file, format;
  bool dry_run = false, skip_invalid = false, json = false;
};

struct SearchArgs {
  std::string region, scheme, scope, status, name, as_of;
  int limit = 50;
  bool json = false;
};

struct ShowArgs {
  std::string id, as_of;
  int emails = 10;
  bool json = false;
};

Result<void> run_import(Context& ctx, const ImportArgs& args) {
  std::string text = MAILSIFT_TRY(read_input(args.file));
  auto format = MAILSIFT_TRY(file_format(args.format));
  auto parsed = parse_registry(text, format, free_mail_policy(ctx));
  if (!parsed) return fail(parsed.error().code, args.file + ": " + parsed.error().message, parsed.error().hint);
  for (const auto& w : parsed->warnings) ctx.note(args.file + ": " + w);
  const auto& errors = parsed->errors;
  const bool refuse = !errors.empty() && !args.skip_invalid;
  contacts::UpsertStats stats;
  if (!refuse && !args.dry_run) {
    auto store = MAILSIFT_TRY(ctx.open_store(/*create=*/true));
    contacts::SqliteRegistry registry(store->database());
    stats = MAILSIFT_TRY(registry.upsert(parsed->contractors));
  }
  int accreditations = 0;
  for (const auto& c : parsed->contractors) accreditations += static_cast<int>(c.accreditations.size());
  if (args.json) {
    ctx.print_json({{"file", args.file},
                    {"rows", parsed->rows},
                    {"valid_contractors", parsed->contractors.size()},
                    {"imported", !refuse && !args.dry_run},
                    {"added", stats.added},
                    {"updated", stats.updated},
                    {"accreditations", refuse || args.dry_run ? 0 : stats.accreditations},
                    {"rejected", row_errors_json(errors)},
                    {"warnings", parsed->warnings}});
  } else {
    print_row_errors(args.file, errors);
  }
  if (refuse) {
    return fail(Code::kParse, fmt::format("{}: {} row(s) rejected; nothing was imported", args.file, errors.size()),
                "fix the rows listed above (file:line), or pass --skip-invalid to import the contractors whose "
                "rows are all valid");
  }
  if (args.dry_run) {
    if (!args.json) {
      std::cout << fmt::format("{}: {} rows read; {} contractors with {} accreditations would be imported{}\n",
                               args.file, parsed->rows, parsed->contractors.size(), accreditations,
                               errors.empty() ? "" : fmt::format(", {} rows rejected", errors.size()));
    }
    return ok();
  }
  if (!args.json) {
    std::cout << fmt::format("{}: imported {} contractors ({} new, {} updated) with {} accreditations{}\n", args.file,
                             stats.added + stats.updated, stats.added, stats.updated, stats.accreditations,
                             errors.empty() ? "" : fmt::format("; {} rows rejected", errors.size()));
  }
  if (has_messages(ctx)) ctx.note("run `mailsift enrich` to link the messages already stored to the updated registry");
  return ok();
}

Result<contacts::ContractorQuery> build_query(const SearchArgs& args) {
  contacts::ContractorQuery q;
  if (!args.region.empty()) q.regions = MAILSIFT_TRY(contacts::resolve_region(args.region));
  if (!args.scheme.empty()) q.scheme = contacts::canonical_scheme(args.scheme);
  q.scope = args.scope;
  if (!args.status.empty()) q.status = MAILSIFT_TRY(contacts::parse_status_filter(args.status));
  q.name = args.name;
  q.limit = args.limit;
  return q;
}

Result<void> run_search(Context& ctx, const SearchArgs& args) {
  contacts::ContractorQuery q = MAILSIFT_TRY(build_query(args));
  contacts::Day today = MAILSIFT_TRY(as_of_day(args.as_of));
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  contacts::SqliteRegistry registry(store->database());
  auto hits = MAILSIFT_TRY(registry.search(q, today));
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : hits) {
      auto j = contacts::to_json(h.contractor, today);
      nlohmann::json matching = nlohmann::json::array();
      for (size_t i : h.matching) matching.push_back(h.contractor.accreditations[i].certificate);
      j["matching"] = matching;
      out.push_back(std::move(j));
    }
    ctx.print_json(out);
    return ok();
  }
  for (const auto& h : hits) {
    const auto& c = h.contractor;
    std::cout << fmt::format("{}  {}  [{}]{}\n", c.id, c.name, join(c.regions, ", "),
                             c.email_domains.empty() ? "" : "  " + join(c.email_domains, ", "));
    for (size_t i : h.matching) std::cout << "    " << accreditation_line(c.accreditations[i], today) << "\n";
  }
  if (hits.empty()) {
    if (MAILSIFT_TRY(registry.count()) == 0) {
      ctx.note("the registry is empty: import one with `mailsift contractors import FILE`");
    } else {
      ctx.note("no contractor matches");
    }
  } else {
    ctx.note(fmt::format("{} contractor{}{}", hits.size(), hits.size() == 1 ? "" : "s",
                         static_cast<int>(hits.size()) == args.limit ? " (limit reached: --limit N for more)" : ""));
  }
  return ok();
}

Result<void> run_show(Context& ctx, const ShowArgs& args) {
  contacts::Day today = MAILSIFT_TRY(as_of_day(args.as_of));
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  auto cw = MAILSIFT_TRY(wire_contacts(ctx, *store));
  auto found = MAILSIFT_TRY(cw->registry->get(args.id));
  if (!found) {
    return fail(Code::kNotFound, "no contractor " + args.id, "find ids with `mailsift contractors search`");
  }
  const contacts::Contractor& c = *found;
  contacts::ContactQuery cq;
  cq.contractor_id = c.id;
  cq.limit = 20;
  auto linked = MAILSIFT_TRY(cw->contacts->list(cq));
  auto email_ids = MAILSIFT_TRY(cw->contacts->messages_from(c.email_domains, c.contact_emails, args.emails));
  std::vector<EmailSummary> emails;
  for (EmailId id : email_ids) emails.push_back(MAILSIFT_TRY(store->get(id)).summary);
  std::vector<const contacts::Accreditation*> expiring;
  for (const auto& a : c.accreditations) {
    if (a.matches(contacts::StatusFilter::kExpiring, today)) expiring.push_back(&a);
  }

  if (args.json) {
    auto j = contacts::to_json(c, today);
    nlohmann::json soon = nlohmann::json::array();
    for (const auto* a : expiring) soon.push_back(contacts::to_json(*a, today));
    j["expiring_within_30_days"] = soon;
    nlohmann::json people = nlohmann::json::array();
    for (const auto& k : linked) people.push_back(contact_json(k));
    j["contacts"] = people;
    nlohmann::json latest = nlohmann::json::array();
    for (const auto& e : emails) latest.push_back(to_json(e));
    j["latest_emails"] = latest;
    j["as_of"] = contacts::format_day(today);
    ctx.print_json(j);
    return ok();
  }
  std::cout << c.id << "  " << c.name << "\n";
  if (!c.trading_names.empty()) std::cout << "Trading as:     " << join(c.trading_names, "; ") << "\n";
  std::cout << "Regions:        " << (c.regions.empty() ? "-" : join(c.regions, ", ")) << "\n";
  std::cout << "Email domains:  " << (c.email_domains.empty() ? "-" : join(c.email_domains, ", ")) << "\n";
  std::cout << "Contacts:       " << (c.contact_emails.empty() ? "-" : join(c.contact_emails, ", ")) << "\n";
  if (!c.phone.empty()) std::cout << "Phone:          " << c.phone << "\n";
  if (!c.address.empty()) std::cout << "Address:        " << c.address << "\n";
  for (const auto& n : c.notes()) std::cout << "Note:           " << n << "\n";
  std::cout << "\nAccreditations (as of " << contacts::format_day(today) << "):\n";
  for (const auto& a : c.accreditations) std::cout << "  " << accreditation_line(a, today) << "\n";
  if (!expiring.empty()) {
    std::cout << "\nExpiring within 30 days:\n";
    for (const auto* a : expiring) {
      std::cout << fmt::format("  {} {} on {} (in {} days)\n", a->scheme, a->certificate,
                               contacts::format_day(a->expires), a->days_left(today));
    }
  }
  if (!linked.empty()) {
    std::cout << "\nPeople who wrote or were written to:\n";
    for (const auto& k : linked) {
      std::string name = k.names.empty() ? "" : k.names.front().name + " ";
      std::cout << fmt::format("  {}<{}>  sent {}, received {}, last seen {}\n", name, k.address, k.sent, k.received,
                               format_short(k.last_seen));
    }
  }
  std::cout << "\nLatest emails from its domains and addresses:\n";
  if (emails.empty()) {
    std::cout << "  (none stored)\n";
  } else {
    print_summaries(ctx, emails, false);
  }
  return ok();
}

}  // namespace

void add_contractors(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("contractors", "The accredited contractor registry: import, search, show");
  cmd->require_subcommand(1);
  cmd->footer(R"(Examples:
  mailsift contractors import demo/contractors.csv
  mailsift contractors search --region "NW England" --scheme NERS --scope "LV jointing"
  mailsift contractors show CTR-0007)");

  auto imp = std::make_shared<ImportArgs>();
  auto* i = cmd->add_subcommand("import", "Import a registry file (CSV or JSON), upserting contractors by id");
  i->add_option("file", imp->file, "The registry file, or - for stdin")->required();
  i->add_option("--format", imp->format, "csv, json or auto (default: from the content)");
  i->add_flag("--dry-run", imp->dry_run, "Validate and report, import nothing");
  i->add_flag("--skip-invalid", imp->skip_invalid,
              "Import the contractors whose rows are all valid even when other rows are rejected");
  i->add_flag("--json", imp->json, "Print the outcome and every rejected row as JSON");
  i->footer(R"(CSV columns (header row; UTF-8, a byte-order mark is fine; one row per accreditation):
  id,name,trading_names,email_domains,contact_emails,phone,address,regions,
  scheme,certificate,scopes,status,issued,expires,notes
Required: id, name, scheme, certificate, status (valid|suspended|withdrawn), expires (YYYY-MM-DD).
Multi-valued fields are separated by ';'. Rows of one id must agree on the contractor's fields.
JSON: an array of contractors with an "accreditations" array, or of flat rows with the CSV keys.

Every rejected row is reported as FILE:LINE with the reason. By default nothing is imported when
any row is rejected; the import is one transaction either way.

Examples:
  mailsift contractors import demo/contractors.csv
  mailsift contractors import registry.json --dry-run
  mailsift contractors import export.csv --skip-invalid --json | jq '.rejected')");
  i->callback([&ctx, &action, imp] { action = [&ctx, imp] { return run_import(ctx, *imp); }; });

  auto sa = std::make_shared<SearchArgs>();
  auto* s = cmd->add_subcommand("search", "Find contractors by region, scheme, scope of work and status");
  s->add_option("--region", sa->region,
                "A UK region by name or alias: \"North West\", \"NW England\", NW, Yorkshire, Midlands, ...");
  s->add_option("--scheme", sa->scheme,
                "Accreditation scheme code: NERS, GIRS, WIRS, Constructionline, CHAS, SafeContractor");
  s->add_option("--scope", sa->scope,
                "Work the accreditation covers, matched by words and their stems (\"LV jointing\")");
  s->add_option("--status", sa->status, "valid | expiring (ends within 30 days) | expired | suspended | withdrawn");
  s->add_option("--name", sa->name, "Name or trading name contains this text");
  s->add_option("-n,--limit", sa->limit, "At most this many contractors")->capture_default_str();
  s->add_option("--as-of", sa->as_of, "Compute expiry as of this date (default: today)");
  s->add_flag("--json", sa->json, "Print a JSON array of contractors (with a \"matching\" list of certificates)");
  s->footer(R"(Scheme, scope and status must hold for the same accreditation; the accreditations shown are
the ones that match.

Examples:
  mailsift contractors search --region "North West" --scheme NERS --scope "LV jointing" --status valid
  mailsift contractors search --region Wales --scope "HV jointing"
  mailsift contractors search --status expiring
  mailsift contractors search --scheme GIRS --json | jq '.[].id')");
  s->callback([&ctx, &action, sa] { action = [&ctx, sa] { return run_search(ctx, *sa); }; });

  auto sh = std::make_shared<ShowArgs>();
  auto* w = cmd->add_subcommand("show", "Everything about one contractor, with its latest emails");
  w->add_option("id", sh->id, "Contractor id, e.g. CTR-0007")->required();
  w->add_option("--emails", sh->emails, "How many of the latest emails to list")->capture_default_str();
  w->add_option("--as-of", sh->as_of, "Compute expiry as of this date (default: today)");
  w->add_flag("--json", sh->json, "Print one JSON object");
  w->footer(R"(Shows the registry entry, every accreditation with its standing, those expiring within 30
days, the people linked to it, and the latest emails from its domains and listed addresses.

Examples:
  mailsift contractors show CTR-0007
  mailsift contractors show CTR-0063 --json | jq .expiring_within_30_days)");
  w->callback([&ctx, &action, sh] { action = [&ctx, sh] { return run_show(ctx, *sh); }; });
}

}  // namespace mailsift::cli
