// mailsift enrich: re-runs contact enrichment over every stored message.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/wiring.h"
#include "core/strings.h"

namespace mailsift::cli {

namespace {

Result<void> run_enrich(Context& ctx, bool json) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  auto cw = MAILSIFT_TRY(wire_contacts(ctx, *store));
  for (const auto& n : cw->notes) ctx.note(n);
  const bool progress = !json && !ctx.global.quiet && ctx.stderr_tty();
  auto summary = MAILSIFT_TRY(cw->enricher->enrich_all([&](int64_t done, int64_t total) {
    if (progress) std::cerr << fmt::format("\renriching {}/{}", done, total) << std::flush;
  }));
  if (progress) std::cerr << "\n";
  const auto& st = summary.stats;
  int64_t contractors = MAILSIFT_TRY(cw->registry->count());
  if (json) {
    ctx.print_json({{"messages", summary.messages},
                    {"contacts", st.contacts},
                    {"contacts_with_contractor", st.with_contractor},
                    {"contacts_with_directory", st.with_directory},
                    {"own_contacts", st.own},
                    {"messages_with_contractor", st.messages_with_contractor},
                    {"own_domains", summary.own_domains},
                    {"directory", cw->directory ? cw->directory->describe() : ""},
                    {"registry_contractors", contractors},
                    {"seconds", summary.seconds}});
    return ok();
  }
  std::cout << fmt::format(
      "enriched {} messages in {:.2f} s: {} contacts, {} linked to a contractor, {} to a directory "
      "account; {} messages from contractors\n",
      summary.messages, summary.seconds, st.contacts, st.with_contractor, st.with_directory,
      st.messages_with_contractor);
  std::cout << "own domains: "
            << (summary.own_domains.empty() ? "none (every message counts as inbound)"
                                            : join(summary.own_domains, ", "))
            << "\n";
  std::cout << "directory:   " << (cw->directory ? cw->directory->describe() : "none") << "\n";
  std::cout << fmt::format("registry:    {} contractors\n", contractors);
  return ok();
}

}  // namespace

void add_enrich(CLI::App& app, Context& ctx, Action& action) {
  auto json = std::make_shared<bool>(false);
  auto* cmd =
      app.add_subcommand("enrich", "Re-link every stored message's addresses to contacts, directory and contractors");
  cmd->add_flag("--json", *json, "Print the summary as one JSON object");
  cmd->footer(R"(Ingest enriches each new message as it is stored. Run this after importing a contractor
registry or a directory, or after changing contacts.* settings: it rebuilds every contact and
link from the stored messages, in one transaction.

Examples:
  mailsift contractors import demo/contractors.csv && mailsift enrich
  mailsift enrich --json)");
  cmd->callback([&ctx, &action, json] { action = [&ctx, json] { return run_enrich(ctx, *json); }; });
}

}  // namespace mailsift::cli
