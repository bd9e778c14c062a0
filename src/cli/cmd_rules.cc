// mailsift rules add|list|remove: sender rules that pin a class on an address or a domain.
#include <iostream>

#include <fmt/format.h>

#include "classify/sqlite_classify.h"
#include "cli/commands.h"
#include "core/time.h"

namespace mailsift::cli {

namespace {

struct RulesArgs {
  std::string target, label, note;
  int64_t id = 0;
  bool json = false;
};

nlohmann::json rule_json(const classify::Rule& r) {
  return {{"id", r.id}, {"kind", classify::rule_kind_name(r.kind)}, {"pattern", r.pattern},
          {"class", label_name(r.label)}, {"note", r.note}, {"created_at", format_iso8601(r.created_at)}};
}

Result<void> run_add(Context& ctx, const RulesArgs& args) {
  classify::Rule rule = MAILSIFT_TRY(classify::parse_rule_target(args.target));
  auto label = classify::parse_rule_label(args.label);
  if (!label) {
    return fail(Code::kInvalidArgument, "unknown class '" + args.label + "'",
                "use BUSINESS, OPERATIONAL, NOISE, allow (= BUSINESS) or deny (= NOISE)");
  }
  rule.label = *label;
  rule.note = args.note;
  auto store = MAILSIFT_TRY(ctx.open_store(true));
  classify::SqliteClassifyTables tables(store->database());
  classify::Rule stored = MAILSIFT_TRY(tables.put_rule(rule));
  if (args.json) {
    ctx.print_json(rule_json(stored));
  } else {
    std::cout << fmt::format("rule #{}: mail from {}{} is {}\n", stored.id,
                             stored.kind == classify::Rule::Kind::kDomain ? "the domain " : "", stored.pattern,
                             label_name(stored.label));
    ctx.note("applies to new mail; `mailsift classify --all` reapplies it to stored mail");
  }
  return ok();
}

Result<void> run_list(Context& ctx, const RulesArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  classify::SqliteClassifyTables tables(store->database());
  auto rules = MAILSIFT_TRY(tables.rules());
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rules) out.push_back(rule_json(r));
    ctx.print_json(out);
    return ok();
  }
  if (rules.empty()) {
    std::cout << "no rules (add one with `mailsift rules add SENDER CLASS`)\n";
    return ok();
  }
  std::cout << fmt::format("{:>4}  {:<8} {:<40} {:<12} {}\n", "id", "kind", "sender", "class", "note");
  for (const auto& r : rules) {
    std::cout << fmt::format("{:>4}  {:<8} {:<40} {:<12} {}\n", r.id, classify::rule_kind_name(r.kind),
                             fit(r.pattern, 40), label_name(r.label), r.note);
  }
  return ok();
}

Result<void> run_remove(Context& ctx, const RulesArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  classify::SqliteClassifyTables tables(store->database());
  MAILSIFT_TRY_VOID(tables.remove_rule(args.id));
  if (args.json) ctx.print_json({{"removed", args.id}});
  else std::cout << fmt::format("rule #{} removed\n", args.id);
  return ok();
}

}  // namespace

void add_rules(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<RulesArgs>();
  auto* cmd = app.add_subcommand("rules", "Pin a class on a sender address or domain (allow / deny lists)");
  cmd->require_subcommand(1);
  cmd->footer(R"(A rule decides before the model and the LLM. Address rules beat domain rules; a domain
rule covers its subdomains. A rule that keeps mail (anything but NOISE) is skipped when the
message failed SPF/DKIM/DMARC, so a forged sender cannot use it.

Examples:
  mailsift rules add alerts@grid-monitor.example OPERATIONAL
  mailsift rules add deals.example deny            # NOISE for the domain and its subdomains
  mailsift rules add pat@contractor.example allow  # BUSINESS
  mailsift rules list
  mailsift rules remove 3)");

  auto* add = cmd->add_subcommand("add", "Add a rule (or change the class of an existing one)");
  add->add_option("sender", args->target, "An address (a@b.example) or a domain (b.example)")->required();
  add->add_option("class", args->label, "BUSINESS, OPERATIONAL, NOISE, allow or deny")->required();
  add->add_option("--note", args->note, "Why the rule exists");
  add->add_flag("--json", args->json, "Print the rule as JSON");
  add->callback([&ctx, &action, args] { action = [&ctx, args] { return run_add(ctx, *args); }; });

  auto* list = cmd->add_subcommand("list", "List the rules");
  list->add_flag("--json", args->json, "Print the rules as a JSON array");
  list->callback([&ctx, &action, args] { action = [&ctx, args] { return run_list(ctx, *args); }; });

  auto* remove = cmd->add_subcommand("remove", "Remove a rule by id");
  remove->add_option("id", args->id, "The rule's id (from rules list)")->required();
  remove->add_flag("--json", args->json, "Print the result as JSON");
  remove->callback([&ctx, &action, args] { action = [&ctx, args] { return run_remove(ctx, *args); }; });
}

}  // namespace mailsift::cli
