#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/wiring.h"
#include "pipeline/ingest.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  bool json = false;
  bool no_progress = false;
  int batch = 500;
  int threads = 0;
  std::string max_size;
};

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ~ProgressBar() { clear(); }
  void update(const IngestProgress& p) {
    if (!enabled_) return;
    double rate = p.seconds > 0 ? static_cast<double>(p.items) / p.seconds : 0;
    std::string line;
    if (p.total_bytes > 0) {
      double frac = std::min(1.0, static_cast<double>(p.done_bytes) / static_cast<double>(p.total_bytes));
      int filled = static_cast<int>(frac * 30);
      line = fmt::format("\r[{}{}] {:3.0f}%  {} messages  {:.0f}/s ", std::string(filled, '#'),
                         std::string(30 - filled, '.'), frac * 100, p.items, rate);
    } else {
      line = fmt::format("\r{} messages  {:.0f}/s ", p.items, rate);
    }
    std::cerr << line << std::flush;
    shown_ = true;
  }
  void clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
};

nlohmann::json notes_json(const std::vector<IngestNote>& notes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : notes) out.push_back({{"path", n.origin}, {"reason", n.reason}});
  return out;
}

void print_notes(const char* title, const std::vector<IngestNote>& notes) {
  if (notes.empty()) return;
  std::cout << title << ":\n";
  size_t shown = std::min<size_t>(notes.size(), 10);
  for (size_t i = 0; i < shown; ++i) std::cout << "  " << notes[i].origin << ": " << notes[i].reason << "\n";
  if (notes.size() > shown) std::cout << "  … and " << notes.size() - shown << " more (see --json)\n";
}

Result<void> run_ingest(Context& ctx, const IngestArgs& args) {
  if (!args.max_size.empty()) ctx.config().set("ingest.max_message_size", args.max_size);
  const uint64_t max_bytes = MAILSIFT_TRY(ctx.max_message_bytes());
  if (args.batch < 1) return fail(Code::kInvalidArgument, "--batch must be at least 1");
  auto source = MAILSIFT_TRY(open_sources(args.paths, SourceOptions{max_bytes}));
  auto wiring = MAILSIFT_TRY(wire_ingest(ctx, /*create=*/true));
  IngestOptions options;
  options.process.parse.max_message_bytes = max_bytes;
  options.batch_size = args.batch;
  options.threads = args.threads;
  ProgressBar bar(!args.no_progress && !ctx.global.quiet && ctx.stderr_tty());
  options.on_progress = [&](const IngestProgress& p) { bar.update(p); };
  auto summary = ingest(*source, wiring.ports(), options);
  bar.clear();
  if (!summary) return fail(summary.error());
  finish_ingest(ctx, wiring);
  const IngestSummary& s = *summary;
  const int64_t handled = s.added + s.duplicates + s.quarantined + s.failed;
  const double rate = s.seconds > 0 ? static_cast<double>(handled) / s.seconds : 0;
  if (args.json) {
    ctx.print_json({{"new", s.added},
                    {"duplicates", s.duplicates},
                    {"quarantined", s.quarantined},
                    {"failed", s.failed},
                    {"skipped", notes_json(s.skipped)},
                    {"quarantine", notes_json(s.quarantines)},
                    {"failures", notes_json(s.failures)},
                    {"degraded", s.degraded},
                    {"degraded_notes", notes_json(s.degraded_notes)},
                    {"bytes", s.bytes},
                    {"seconds", s.seconds},
                    {"messages_per_second", rate},
                    {"data_dir", ctx.data_dir()}});
  } else {
    std::cout << fmt::format("{} messages in {:.2f} s ({:.0f} messages/s, {:.1f} MB/s) into {}\n", handled, s.seconds,
                             rate, s.seconds > 0 ? static_cast<double>(s.bytes) / 1048576.0 / s.seconds : 0.0,
                             ctx.data_dir());
    std::cout << fmt::format("  new          {}\n  duplicates   {}\n  quarantined  {}\n  failed       {}\n  skipped      {}\n",
                             s.added, s.duplicates, s.quarantined, s.failed, s.skipped.size());
    if (s.degraded > 0) std::cout << fmt::format("  degraded     {} (stored; a derived step failed)\n", s.degraded);
    print_notes("Skipped (not messages)", s.skipped);
    print_notes("Quarantined", s.quarantines);
    print_notes("Failed", s.failures);
    print_notes("Degraded", s.degraded_notes);
    for (const auto& n : wiring.notes) ctx.note("note: " + n);
  }
  if (s.failed > 0) {
    return fail(Code::kIo, std::to_string(s.failed) + " item(s) could not be ingested", "see the list above or --json");
  }
  return ok();
}

}  // namespace

void add_ingest(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand("ingest", "Store email from files, directories, mbox files, Maildirs or stdin");
  cmd->add_option("paths", args->paths, "Files, directories (recursive), mbox files, Maildir folders, or - for stdin")
      ->required();
  cmd->add_flag("--json", args->json, "Print the summary as one JSON object");
  cmd->add_flag("--no-progress", args->no_progress, "Do not draw the progress bar");
  cmd->add_option("--batch", args->batch, "Messages per database transaction")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Parser threads (0 = one per core)")->capture_default_str();
  cmd->add_option("--max-size", args->max_size, "Per-message size limit, e.g. 50MB (setting ingest.max_message_size)");
  cmd->footer(R"(Ingest is idempotent: a message already stored (same Message-ID and bytes) is counted as
a duplicate. Input that is not an email is skipped with a reason; a message that cannot be
parsed or is over the size limit goes to quarantine (see `mailsift quarantine`).

Examples:
  mailsift ingest ~/Maildir                 # a Maildir (cur/ and new/), recursively
  mailsift ingest archive.mbox msgs/*.eml   # mbox files and single messages
  mailsift ingest - < message.eml           # one message from stdin (e.g. from an MTA)
  mailsift ingest --json demo/mailbox       # summary as JSON for scripts)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_ingest(ctx, *args); }; });
}

}  // namespace mailsift::cli
