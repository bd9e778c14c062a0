#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

Result<std::optional<UnixTime>> date_option(const std::string& text, bool end_of_period) {
  if (text.empty()) return std::optional<UnixTime>{};
  return std::optional<UnixTime>(MAILSIFT_TRY(parse_date_arg(text, now_unix(), end_of_period)));
}

void print_summaries(const Context& ctx, const std::vector<EmailSummary>& rows, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) out.push_back(to_json(r));
    ctx.print_json(out);
    return;
  }
  for (const auto& r : rows) {
    std::string from = r.from.name.empty() ? r.from.address : r.from.name;
    std::string cls = r.label ? std::string(label_name(*r.label)) : "-";
    std::cout << fmt::format("{:>6}  {}  {:<24}  {:<11}  {}{}\n", r.id, format_short(r.date), fit(from, 24), cls,
                             fit(r.subject.empty() ? "(no subject)" : r.subject, 70), r.attachments ? "  📎" : "");
  }
}

namespace {

struct ListArgs {
  std::string from, since, until, label;
  int limit = 20;
  int offset = 0;
  bool unclassified = false;
  bool json = false;
};

Result<void> run_list(Context& ctx, const ListArgs& args) {
  ListQuery q;
  q.from = args.from;
  q.since = MAILSIFT_TRY(date_option(args.since, false));
  q.until = MAILSIFT_TRY(date_option(args.until, true));
  if (!args.label.empty()) {
    q.label = parse_label(args.label);
    if (!q.label) return fail(Code::kInvalidArgument, "unknown class '" + args.label + "'", "use BUSINESS, OPERATIONAL or NOISE");
  }
  q.unclassified_only = args.unclassified;
  q.limit = args.limit;
  q.offset = args.offset;
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  auto rows = MAILSIFT_TRY(store->list(q));
  print_summaries(ctx, rows, args.json);
  if (!args.json && rows.empty()) ctx.note("no messages match");
  return ok();
}

}  // namespace

void add_list(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ListArgs>();
  auto* cmd = app.add_subcommand("list", "List stored messages, newest first");
  cmd->add_option("--from", args->from, "Sender address or name contains this text");
  cmd->add_option("--since", args->since, "On or after this date (2025-03-01, 2025-03, 7d, yesterday, ...)");
  cmd->add_option("--until", args->until, "On or before this date (the whole day/month/year)");
  cmd->add_option("--class", args->label, "Only this class: BUSINESS, OPERATIONAL or NOISE");
  cmd->add_flag("--unclassified", args->unclassified, "Only messages without a class yet");
  cmd->add_option("-n,--limit", args->limit, "At most this many messages")->capture_default_str();
  cmd->add_option("--offset", args->offset, "Skip this many first")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print a JSON array");
  cmd->footer(R"(Columns: id, date (UTC), sender, class, subject. Use the id with `show` and `thread`.

Examples:
  mailsift list --limit 50
  mailsift list --from brightwire --since 2025-06 --until 2025-08
  mailsift list --class BUSINESS --json | jq '.[].subject')");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_list(ctx, *args); }; });
}

}  // namespace mailsift::cli
