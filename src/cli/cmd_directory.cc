// mailsift directory import | list: the staff directory file adapter's data.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/contacts_views.h"
#include "cli/wiring.h"
#include "contacts/directory.h"
#include "core/strings.h"
#include "store/email_json.h"

namespace fs = std::filesystem;

namespace mailsift::cli {

namespace {

struct ImportArgs {
  std::string file, format;
  bool dry_run = false, skip_invalid = false, json = false;
};

struct ListArgs {
  std::string query;
  bool json = false;
};

// Writes the normalised directory beside the database, replacing any previous one atomically.
Result<std::string> save(Context& ctx, const std::vector<contacts::DirectoryUser>& users) {
  std::error_code ec;
  fs::create_directories(ctx.data_dir(), ec);
  if (ec) return fail(Code::kIo, "cannot create the data directory " + ctx.data_dir() + ": " + ec.message());
  std::string path = ctx.data_dir() + "/directory.json";
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << dump(contacts::directory_to_json(users), 2) << "\n";
    if (!out) return fail(Code::kIo, "cannot write " + tmp);
  }
  fs::rename(tmp, path, ec);
  if (ec) return fail(Code::kIo, "cannot replace " + path + ": " + ec.message());
  return path;
}

Result<void> run_import(Context& ctx, const ImportArgs& args) {
  std::string text = MAILSIFT_TRY(read_input(args.file));
  auto format = MAILSIFT_TRY(file_format(args.format));
  auto parsed = contacts::parse_directory(text, format);
  if (!parsed) return fail(parsed.error().code, args.file + ": " + parsed.error().message, parsed.error().hint);
  for (const auto& w : parsed->warnings) ctx.note(args.file + ": " + w);
  const bool refuse = !parsed->errors.empty() && !args.skip_invalid;
  std::string path;
  if (!refuse && !args.dry_run) path = MAILSIFT_TRY(save(ctx, parsed->users));
  auto dir = contacts::FileDirectory::from_users(parsed->users, ctx.config().get("contacts.own_organisation"));
  auto own = MAILSIFT_TRY(dir->own_domains());
  if (args.json) {
    ctx.print_json({{"file", args.file},
                    {"users", parsed->users.size()},
                    {"imported", !refuse && !args.dry_run},
                    {"saved_to", path},
                    {"own_organisation", dir->own_organisation()},
                    {"own_domains", own},
                    {"rejected", row_errors_json(parsed->errors)},
                    {"warnings", parsed->warnings}});
  } else {
    print_row_errors(args.file, parsed->errors);
  }
  if (refuse) {
    return fail(Code::kParse,
                fmt::format("{}: {} row(s) rejected; nothing was imported", args.file, parsed->errors.size()),
                "fix the rows listed above (file:line), or pass --skip-invalid to import the valid rows");
  }
  if (!args.json) {
    std::cout << fmt::format(
        "{}: {} {} users{}; own organisation: {} ({})\n", args.file, args.dry_run ? "would import" : "imported",
        parsed->users.size(), parsed->errors.empty() ? "" : fmt::format(", {} rows rejected", parsed->errors.size()),
        dir->own_organisation().empty() ? "-" : dir->own_organisation(), own.empty() ? "no domains" : join(own, ", "));
  }
  if (!args.dry_run) {
    std::string configured = ctx.config().get("contacts.directory_file");
    if (!configured.empty() && configured != path) {
      ctx.note("note: contacts.directory_file points at " + configured + ", so " + path + " is not used");
    }
    if (has_messages(ctx)) ctx.note("run `mailsift enrich` to link the messages already stored to the directory");
  }
  return ok();
}

Result<void> run_list(Context& ctx, const ListArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  auto cw = MAILSIFT_TRY(wire_contacts(ctx, *store));
  auto* dir = dynamic_cast<contacts::FileDirectory*>(cw->directory.get());
  if (!dir) return fail(Code::kNotFound, "no directory is configured", "import one: mailsift directory import FILE");
  std::vector<contacts::DirectoryUser> users;
  for (const auto& u : dir->users()) {
    std::string hay = u.id + " " + u.name + " " + u.organisation + " " + u.role + " " + join(u.addresses, " ");
    if (args.query.empty() || icontains(hay, args.query)) users.push_back(u);
  }
  if (args.json) {
    ctx.print_json(contacts::directory_to_json(users)["users"]);
    return ok();
  }
  for (const auto& u : users) {
    std::cout << fmt::format("{:<10}  {:<26}  {:<34}  {}\n", u.id, fit(u.name, 26), fit(u.role, 34),
                             join(u.addresses, ", "));
  }
  ctx.note(dir->describe());
  return ok();
}

}  // namespace

void add_directory(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("directory", "The staff directory that senders are linked to: import, list");
  cmd->require_subcommand(1);
  auto ia = std::make_shared<ImportArgs>();
  auto* imp = cmd->add_subcommand("import", "Validate a directory file (CSV or JSON) and use it from now on");
  imp->add_option("file", ia->file, "The directory file, or - for stdin")->required();
  imp->add_option("--format", ia->format, "csv, json or auto (default: from the content)");
  imp->add_flag("--dry-run", ia->dry_run, "Validate and report, change nothing");
  imp->add_flag("--skip-invalid", ia->skip_invalid, "Keep the valid rows even when others are rejected");
  imp->add_flag("--json", ia->json, "Print the outcome and every rejected row as JSON");
  imp->footer(R"(CSV columns (header row; UTF-8, a byte-order mark is fine):
  id,name,organisation,role,addresses        (addresses separated by ';')
JSON: an array of {"id","name","organisation","role","addresses":[...]} (or {"users": [...]}).
id, name and one address are required; ids and addresses must be unique. Every rejected row is
reported as FILE:LINE. The import replaces the previous directory as a whole
(<data-dir>/directory.json). The organisation with the most accounts is taken as your own
(set contacts.own_organisation or contacts.own_domains to choose).

Examples:
  mailsift directory import demo/directory.csv
  mailsift directory import accounts.json --dry-run --json)");
  imp->callback([&ctx, &action, ia] { action = [&ctx, ia] { return run_import(ctx, *ia); }; });

  auto la = std::make_shared<ListArgs>();
  auto* list = cmd->add_subcommand("list", "List the directory's accounts");
  list->add_option("query", la->query, "Only accounts whose id, name, organisation, role or address contains this");
  list->add_flag("--json", la->json, "Print a JSON array");
  list->footer("Examples:\n  mailsift directory list\n  mailsift directory list harrowgate --json");
  list->callback([&ctx, &action, la] { action = [&ctx, la] { return run_list(ctx, *la); }; });
}

}  // namespace mailsift::cli
