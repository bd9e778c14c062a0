#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct QuarantineArgs {
  int64_t raw_id = 0;
  int limit = 50;
  int offset = 0;
  bool json = false;
};

Result<void> run_quarantine(Context& ctx, const QuarantineArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  if (args.raw_id > 0) {
    std::string raw = MAILSIFT_TRY(store->quarantined_raw(args.raw_id));
    std::cout.write(raw.data(), static_cast<std::streamsize>(raw.size()));
    return ok();
  }
  auto rows = MAILSIFT_TRY(store->quarantined(args.limit, args.offset));
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& q : rows) out.push_back(to_json(q));
    ctx.print_json(out);
    return ok();
  }
  if (rows.empty()) {
    ctx.note("the quarantine is empty");
    return ok();
  }
  for (const auto& q : rows) {
    std::cout << fmt::format("{:>5}  {}  {:>9}  {}\n       {}{}\n", q.id, format_short(q.received_at), human_bytes(q.size),
                             q.source, q.reason, q.raw_kept ? "" : " (bytes not kept)");
  }
  return ok();
}

}  // namespace

void add_quarantine(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<QuarantineArgs>();
  auto* cmd = app.add_subcommand("quarantine", "List input that could not be stored as a message, with reasons");
  cmd->add_option("--raw", args->raw_id, "Write the kept bytes of quarantined item N to stdout");
  cmd->add_option("-n,--limit", args->limit, "At most this many")->capture_default_str();
  cmd->add_option("--offset", args->offset, "Skip this many first")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print a JSON array");
  cmd->footer(R"(Quarantined input is kept with the reason it was refused (unparseable, over the size limit).
Input over the size limit is listed but its bytes are not kept: the file stays where it was.

Examples:
  mailsift quarantine
  mailsift quarantine --raw 3 > broken.eml)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_quarantine(ctx, *args); }; });
}

}  // namespace mailsift::cli
