// mailsift classify ID...|--all|--unclassified|--retry-fallbacks: (re)classifies stored mail with
// the configured classifier (rules, local model, LLM) and records the verdicts. A human verdict
// stays current whatever the classifier says.
#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "classify/sqlite_classify.h"
#include "cli/commands.h"
#include "core/strings.h"
#include "cli/wiring.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct ClassifyArgs {
  std::vector<int64_t> ids;
  bool all = false, unclassified = false, retry_fallbacks = false, json = false, dry_run = false;
  std::string mode;
  int threads = 0;
};

Result<std::vector<EmailId>> targets(SqliteEmailStore& store, const ClassifyArgs& args) {
  if (args.retry_fallbacks) return classify::SqliteClassifyTables(store.database()).fallback_ids();
  if (!args.all && !args.unclassified) return std::vector<EmailId>(args.ids.begin(), args.ids.end());
  ListQuery q;
  q.unclassified_only = args.unclassified;
  q.limit = -1;
  auto rows = MAILSIFT_TRY(store.list(q));
  std::vector<EmailId> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

struct Tally {
  std::map<std::string, int64_t> by_class, by_decider;
  int64_t classified = 0, fallbacks = 0, human_kept = 0, failed = 0;
  std::vector<std::string> failures;
};

void print_verdict(EmailId id, const StoredEmail& se, const Classification& c) {
  std::cout << fmt::format("{}  {}  {:.0f}%  by {}{}  {}\n", id, label_name(c.label), c.confidence * 100,
                           decider_name(c.decided_by), c.fallback ? " (fallback)" : "", fit(se.email.subject, 50));
  std::vector<std::string> reasons;
  for (const auto& r : c.reasons) reasons.push_back(fmt::format("{} {:+.2f}", r.feature, r.weight));
  if (!reasons.empty()) std::cout << "    because: " << join(reasons, "; ") << "\n";
  if (!c.note.empty()) std::cout << "    note: " << c.note << "\n";
}

Result<void> run_classify(Context& ctx, const ClassifyArgs& args) {
  const int chosen = static_cast<int>(!args.ids.empty()) + args.all + args.unclassified + args.retry_fallbacks;
  if (chosen != 1) {
    return fail(Code::kInvalidArgument, "say which messages: IDs, --all, --unclassified or --retry-fallbacks (one of them)");
  }
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  auto wiring = MAILSIFT_TRY(wire_classifier(ctx, store.get(), ClassifierChoice{args.mode, false}));
  for (const auto& n : wiring.notes) ctx.note("note: " + n);
  const std::vector<EmailId> ids = MAILSIFT_TRY(targets(*store, args));
  Classifier& classifier = *wiring.classifier;
  const bool verbose = !args.json && ids.size() <= 20;
  const unsigned threads = !classifier.thread_safe() ? 1u
                           : args.threads > 0        ? static_cast<unsigned>(args.threads)
                           : wiring.llm              ? 4u
                                                     : 1u;
  Tally tally;
  nlohmann::json rows = nlohmann::json::array();
  constexpr size_t kChunk = 256;
  for (size_t begin = 0; begin < ids.size(); begin += kChunk) {
    const size_t end = std::min(ids.size(), begin + kChunk);
    std::vector<StoredEmail> emails;
    std::vector<EmailId> chunk_ids;
    for (size_t i = begin; i < end; ++i) {
      auto se = store->get(ids[i]);
      if (!se) {
        if (se.error().code == Code::kNotFound) return fail(se.error());
        tally.failures.push_back(fmt::format("{}: {}", ids[i], se.error().to_string()));
        ++tally.failed;
        continue;
      }
      if (se->classification && se->classification->decided_by == Decider::kHuman && (args.all || args.unclassified)) {
        ++tally.human_kept;
        continue;
      }
      chunk_ids.push_back(ids[i]);
      emails.push_back(std::move(*se));
    }
    // The CPU (or network) work on `threads` threads; the writes below on this one.
    std::vector<Result<Classification>> verdicts(emails.size(), fail(Code::kInternal, "not classified"));
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t k = next++; k < emails.size(); k = next++) verdicts[k] = classifier.classify(emails[k].email);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::min<size_t>(threads, emails.size()); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();

    if (!args.dry_run) MAILSIFT_TRY_VOID(store->begin_batch());
    for (size_t k = 0; k < emails.size(); ++k) {
      auto& v = verdicts[k];
      if (!v) {
        ++tally.failed;
        tally.failures.push_back(fmt::format("{}: {}", chunk_ids[k], v.error().to_string()));
        continue;
      }
      v->decided_at = now_unix();
      if (!args.dry_run) {
        if (auto r = store->add_classification(chunk_ids[k], *v); !r) {
          store->rollback_batch();
          return fail(r.error());
        }
      }
      ++tally.classified;
      ++tally.by_class[std::string(label_name(v->label))];
      ++tally.by_decider[std::string(decider_name(v->decided_by))];
      tally.fallbacks += v->fallback;
      if (args.json && ids.size() <= 1000) rows.push_back({{"id", chunk_ids[k]}, {"classification", to_json(*v)}});
      if (verbose) print_verdict(chunk_ids[k], emails[k], *v);
    }
    if (!args.dry_run) MAILSIFT_TRY_VOID(store->commit_batch());
  }

  if (args.json) {
    nlohmann::json out = {{"classified", tally.classified}, {"by_class", tally.by_class},
                          {"by_decider", tally.by_decider}, {"fallbacks", tally.fallbacks},
                          {"human_kept", tally.human_kept}, {"failed", tally.failed},
                          {"failures", tally.failures},      {"mode", wiring.mode},
                          {"dry_run", args.dry_run}};
    if (ids.size() <= 1000) out["messages"] = rows;
    ctx.print_json(out);
  } else {
    std::vector<std::string> parts;
    for (const auto& [k, n] : tally.by_class) parts.push_back(fmt::format("{} {}", k, n));
    std::vector<std::string> deciders;
    for (const auto& [k, n] : tally.by_decider) deciders.push_back(fmt::format("{} {}", k, n));
    std::cout << fmt::format("{}{} message(s) classified ({}) in mode {}: {}; decided by {}\n",
                             args.dry_run ? "dry run: " : "", tally.classified, wiring.local_model, wiring.mode,
                             parts.empty() ? "none" : join(parts, ", "), deciders.empty() ? "-" : join(deciders, ", "));
    if (tally.fallbacks > 0) {
      std::cout << fmt::format("  {} fallback(s): the LLM failed, local verdict kept (retry: mailsift classify --retry-fallbacks)\n",
                               tally.fallbacks);
    }
    if (tally.human_kept > 0) std::cout << fmt::format("  {} kept: a person labelled them\n", tally.human_kept);
    for (const auto& f : tally.failures) std::cout << "  failed: " << f << "\n";
  }
  if (tally.failed > 0) return fail(Code::kUnavailable, fmt::format("{} message(s) could not be classified", tally.failed));
  return ok();
}

}  // namespace

void add_classify(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ClassifyArgs>();
  auto* cmd = app.add_subcommand("classify", "(Re)classify stored messages as BUSINESS, OPERATIONAL or NOISE");
  cmd->add_option("ids", args->ids, "Message id(s)");
  cmd->add_flag("--all", args->all, "Every stored message (human verdicts are kept)");
  cmd->add_flag("--unclassified", args->unclassified, "Messages without a class yet");
  cmd->add_flag("--retry-fallbacks", args->retry_fallbacks, "Messages whose LLM verdict failed and fell back to the local one");
  cmd->add_option("--mode", args->mode, "local, llm or cascade (setting classify.mode)");
  cmd->add_option("--threads", args->threads, "Parallel classifications (default 4 with an LLM, else 1)");
  cmd->add_flag("--dry-run", args->dry_run, "Classify and print, but record nothing");
  cmd->add_flag("--json", args->json, "Print the result as one JSON object");
  cmd->footer(R"(Modes: local (rules + the local model, offline), llm (every message to the LLM), cascade
(the LLM only when the local model is unsure: classify.threshold, default 0.8). Without a
setting, cascade when an LLM is configured, else local.

Examples:
  mailsift classify 42                     # one message, with its reasons
  mailsift classify --unclassified
  mailsift classify --all --mode local     # after `mailsift train` or new rules
  mailsift classify --retry-fallbacks      # ask the LLM again where it failed)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_classify(ctx, *args); }; });
}

}  // namespace mailsift::cli
