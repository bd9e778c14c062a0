// mailsift: the command-line entry point. Parses the command line, loads the configuration,
// runs one subcommand and maps its result to an exit status:
//   0 success, 1 failure, 2 usage error (bad flags or arguments).
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/context.h"

extern char** environ;

namespace mailsift::cli {
namespace {

int exit_status(const Error& error) { return error.code == Code::kInvalidArgument ? 2 : 1; }

int run(int argc, char** argv) {
  Context ctx(environ);
  CLI::App app("mailsift: file, classify and search an operations team's inbound email.", "mailsift");
  app.set_version_flag("--version", std::string("mailsift ") + MAILSIFT_VERSION);
  app.add_option("--data-dir", ctx.global.data_dir,
                 "Data directory (else $MAILSIFT_DATA_DIR, else $XDG_DATA_HOME/mailsift)");
  app.add_option("--config", ctx.global.config_path, "A TOML config file (else $MAILSIFT_CONFIG; <data-dir>/config.toml is read too)");
  app.add_flag("-q,--quiet", ctx.global.quiet, "Print only results, no notes or progress");
  app.add_flag("-v,--verbose", ctx.global.verbose, "More detail on stderr (repeat for more)");
  app.require_subcommand(1);
  app.footer(R"(Start with:
  mailsift ingest demo/mailbox          # store the demo mailbox
  mailsift list                         # newest messages
  mailsift show 1                       # one message
  mailsift stats

Every command has --help with examples, and --json where it prints data.)");

  Action action;
  add_ingest(app, ctx, action);
  add_list(app, ctx, action);
  add_show(app, ctx, action);
  add_thread(app, ctx, action);
  add_stats(app, ctx, action);
  add_quarantine(app, ctx, action);
  add_contractors(app, ctx, action);
  add_contacts(app, ctx, action);
  add_directory(app, ctx, action);
  add_enrich(app, ctx, action);
  add_serve(app, ctx, action);
  add_token(app, ctx, action);
  add_search(app, ctx, action);
  add_chat(app, ctx, action);
  add_reindex(app, ctx, action);
  auto* eval = app.add_subcommand("eval", "Measure quality on judged sets (eval search, ...)");
  eval->require_subcommand(1);
  add_eval_search(*eval, ctx, action);
  add_eval_classify(*eval, ctx, action);
  add_classify(app, ctx, action);
  add_label(app, ctx, action);
  add_rules(app, ctx, action);
  add_train(app, ctx, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the usage error
    return code == 0 ? 0 : 2;
  }
  if (auto loaded = ctx.load(); !loaded) {
    std::cerr << "mailsift: " << loaded.error().to_string() << "\n";
    return exit_status(loaded.error());
  }
  if (!action) return 2;
  auto result = action();
  if (!result) {
    std::cerr << "mailsift: " << result.error().message << "\n";
    if (!result.error().hint.empty()) std::cerr << "  hint: " << result.error().hint << "\n";
    return exit_status(result.error());
  }
  return 0;
}

}  // namespace
}  // namespace mailsift::cli

int main(int argc, char** argv) {
  // The one last-resort catch: library code reports errors as Results; anything thrown past
  // that is a bug, reported as such rather than as a crash.
  try {
    return mailsift::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "mailsift: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "mailsift: internal error\n";
  }
  return 1;
}
