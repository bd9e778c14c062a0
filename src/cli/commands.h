// The subcommands of `mailsift`, one file each (cmd_<verb>.cc). Each add_<verb> registers its
// subcommand, options and help on the app; when that subcommand is chosen on the command line,
// `action` is set to the function that runs it.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "core/result.h"

namespace mailsift::search {
struct SearchHit;
}

namespace mailsift::cli {

using Action = std::function<Result<void>()>;

void add_ingest(CLI::App& app, Context& ctx, Action& action);
void add_list(CLI::App& app, Context& ctx, Action& action);
void add_show(CLI::App& app, Context& ctx, Action& action);
void add_thread(CLI::App& app, Context& ctx, Action& action);
void add_stats(CLI::App& app, Context& ctx, Action& action);
void add_quarantine(CLI::App& app, Context& ctx, Action& action);
void add_contractors(CLI::App& app, Context& ctx, Action& action);
void add_contacts(CLI::App& app, Context& ctx, Action& action);
void add_directory(CLI::App& app, Context& ctx, Action& action);
void add_enrich(CLI::App& app, Context& ctx, Action& action);
void add_serve(CLI::App& app, Context& ctx, Action& action);
void add_token(CLI::App& app, Context& ctx, Action& action);
void add_search(CLI::App& app, Context& ctx, Action& action);
void add_chat(CLI::App& app, Context& ctx, Action& action);
void add_reindex(CLI::App& app, Context& ctx, Action& action);
// `mailsift eval search`, registered on the `eval` parent command.
void add_eval_search(CLI::App& eval, Context& ctx, Action& action);
// Classification: label, train, rules, classify, and `eval classify` (on the `eval` parent).
void add_label(CLI::App& app, Context& ctx, Action& action);
void add_train(CLI::App& app, Context& ctx, Action& action);
void add_rules(CLI::App& app, Context& ctx, Action& action);
void add_classify(CLI::App& app, Context& ctx, Action& action);
void add_eval_classify(CLI::App& eval, Context& ctx, Action& action);

// One search hit as JSON, as `mailsift search --json` prints it (cmd_search.cc); the HTTP API
// answers with the same shape.
nlohmann::json hit_json(const search::SearchHit& hit, bool threads);

// Shared by the listing commands: one row per message, or a JSON array.
void print_summaries(const Context& ctx, const std::vector<EmailSummary>& rows, bool json);
// A date option value parsed for a command, as a Result so the command can fail with a hint.
Result<std::optional<UnixTime>> date_option(const std::string& text, bool end_of_period);

}  // namespace mailsift::cli
