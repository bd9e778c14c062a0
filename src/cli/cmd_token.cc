// `mailsift token show|rotate`: the API token of `mailsift serve` (src/server/auth.h).
#include <iostream>

#include "cli/commands.h"
#include "server/auth.h"

namespace mailsift::cli {

namespace {

Result<void> run_token(Context& ctx, const std::string& verb) {
  MAILSIFT_TRY(ctx.open_store(/*create=*/true));  // makes the data directory when needed
  if (verb == "rotate") {
    auto t = MAILSIFT_TRY(server::rotate_token(ctx.data_dir()));
    ctx.note("new API token written to " + t.path + "; the old one stops working within a second");
    std::cout << t.token << "\n";
    return ok();
  }
  auto t = MAILSIFT_TRY(server::ensure_token(ctx.data_dir()));
  if (t.created) ctx.note("generated a new API token in " + t.path);
  std::cout << t.token << "\n";
  return ok();
}

}  // namespace

void add_token(CLI::App& app, Context& ctx, Action& action) {
  auto verb = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("token", "Show or rotate the API token of `mailsift serve`");
  auto* show = cmd->add_subcommand("show", "Print the current token (generating one if there is none)");
  auto* rotate = cmd->add_subcommand("rotate", "Replace the token; a running server accepts only the new one");
  cmd->require_subcommand(1);
  cmd->footer(R"(The token lives in <data-dir>/api-token (mode 0600).

Examples:
  mailsift token show
  mailsift token rotate)");
  show->callback([&ctx, &action, verb] {
    *verb = "show";
    action = [&ctx, verb] { return run_token(ctx, *verb); };
  });
  rotate->callback([&ctx, &action, verb] {
    *verb = "rotate";
    action = [&ctx, verb] { return run_token(ctx, *verb); };
  });
}

}  // namespace mailsift::cli
