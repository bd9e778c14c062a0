#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/strings.h"

namespace mailsift::cli {

namespace {

struct ThreadArgs {
  std::string id;
  bool json = false;
};

Result<void> run_thread(Context& ctx, const ThreadArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  EmailId id = 0;
  if (args.id.find('@') != std::string::npos) {
    auto ids = MAILSIFT_TRY(store->find_by_message_id(args.id));
    if (ids.empty()) return fail(Code::kNotFound, "no message with Message-ID " + args.id);
    id = ids.front();
  } else {
    try {
      size_t used = 0;
      id = std::stoll(args.id, &used);
      if (used != args.id.size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      return fail(Code::kInvalidArgument, "'" + args.id + "' is not a message id", "give a number from `mailsift list` or a Message-ID");
    }
  }
  StoredEmail se = MAILSIFT_TRY(store->get(id));
  auto rows = MAILSIFT_TRY(store->thread(se.summary.thread_id));
  if (!args.json) {
    std::cout << fmt::format("Thread {}: {} message{} — {}\n", se.summary.thread_id, rows.size(),
                             rows.size() == 1 ? "" : "s", rows.front().subject);
  }
  print_summaries(ctx, rows, args.json);
  return ok();
}

}  // namespace

void add_thread(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ThreadArgs>();
  auto* cmd = app.add_subcommand("thread", "Show the conversation a message belongs to, oldest first");
  cmd->add_option("id", args->id, "A message id, or a Message-ID like <abc@host>")->required();
  cmd->add_flag("--json", args->json, "Print a JSON array");
  cmd->footer(R"(Threads come from Message-ID, In-Reply-To and References; a reply that arrives before its
parent joins the thread when the parent arrives.

Examples:
  mailsift thread 42
  mailsift thread '<20250304101500.4471@brightwire.example>' --json)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_thread(ctx, *args); }; });
}

}  // namespace mailsift::cli
