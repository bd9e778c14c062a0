#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

Result<void> run_stats(Context& ctx, bool json) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  StoreStats s = MAILSIFT_TRY(store->stats());
  if (json) {
    auto j = to_json(s);
    j["data_dir"] = ctx.data_dir();
    ctx.print_json(j);
    return ok();
  }
  std::cout << fmt::format("{} messages in {} threads, {} attachments ({} received, {} stored compressed)\n",
                           s.messages, s.threads, s.attachments, human_bytes(s.raw_bytes), human_bytes(s.stored_bytes));
  if (s.oldest && s.newest) {
    std::cout << fmt::format("from {} to {}\n", format_short(*s.oldest), format_short(*s.newest));
  }
  std::cout << fmt::format("quarantined: {}\n", s.quarantined);
  std::cout << "\nBy class:\n";
  for (const auto& [name, n] : s.by_class) std::cout << fmt::format("  {:<13} {:>8}\n", name, n);
  if (!s.by_month.empty()) {
    std::cout << "\nBy month:\n";
    int64_t top = 1;
    for (const auto& m : s.by_month) top = std::max(top, m.count);
    for (const auto& m : s.by_month) {
      int bar = static_cast<int>((m.count * 40 + top - 1) / top);
      std::cout << fmt::format("  {}  {:>7}  {}\n", m.month, m.count, std::string(static_cast<size_t>(bar), '#'));
    }
  }
  return ok();
}

}  // namespace

void add_stats(CLI::App& app, Context& ctx, Action& action) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("stats", "Counts: messages, threads, classes, months, quarantine, storage");
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->footer("Example:\n  mailsift stats --json | jq .by_class");
  cmd->callback([&ctx, &action, json] { action = [&ctx, json] { return run_stats(ctx, *json); }; });
}

}  // namespace mailsift::cli
