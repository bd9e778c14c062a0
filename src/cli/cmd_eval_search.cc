// mailsift eval search QUERIES.tsv: relevance of search in each mode on a judged query set.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/wiring.h"
#include "search/eval.h"

namespace mailsift::cli {

namespace {

struct EvalSearchArgs {
  std::string path;
  std::vector<std::string> modes;
  bool json = false;
  bool per_query = false;
};

nlohmann::json metrics_json(const search::Metrics& m) {
  return {{"queries", m.queries}, {"ndcg@10", m.ndcg}, {"recall@10", m.recall}, {"mrr", m.mrr},
          {"found_in_top10", m.hit_at_10}};
}

Result<void> run_eval_search(Context& ctx, const EvalSearchArgs& args) {
  std::vector<search::SearchMode> modes;
  for (const auto& m : args.modes.empty() ? std::vector<std::string>{"bm25", "vector", "hybrid"} : args.modes) {
    auto mode = search::parse_mode(m);
    if (!mode) return fail(Code::kInvalidArgument, "unknown mode '" + m + "'", "use bm25, vector or hybrid");
    modes.push_back(*mode);
  }
  auto queries = MAILSIFT_TRY(search::read_judged_queries(args.path));
  auto searcher = MAILSIFT_TRY(open_searcher(ctx));
  auto report = MAILSIFT_TRY(search::evaluate(*searcher, queries, modes));
  if (args.json) {
    nlohmann::json out = {{"queries", queries.size()}, {"evaluated", report.outcomes.size()}, {"skipped", report.skipped}};
    for (const auto& [mode, m] : report.overall) out["overall"][mode] = metrics_json(m);
    for (const auto& [kind, by_mode] : report.by_kind) {
      for (const auto& [mode, m] : by_mode) out["by_kind"][kind][mode] = metrics_json(m);
    }
    if (args.per_query) {
      for (const auto& o : report.outcomes) {
        out["per_query"].push_back({{"line", o.query->line}, {"kind", o.query->kind}, {"query", o.query->query},
                                    {"ndcg@10", o.ndcg}, {"first_relevant_rank", o.first_rank}});
      }
    }
    ctx.print_json(out);
    return ok();
  }
  std::cout << fmt::format("{} queries evaluated ({} skipped: judged messages not stored)\n\n", report.outcomes.size(),
                           report.skipped.size());
  std::cout << fmt::format("{:<12} {:<7} {:>7} {:>8} {:>10} {:>7} {:>10}\n", "kind", "mode", "queries", "nDCG@10",
                           "recall@10", "MRR", "found@10");
  auto row = [](const std::string& kind, const std::string& mode, const search::Metrics& m) {
    std::cout << fmt::format("{:<12} {:<7} {:>7} {:>8.3f} {:>10.3f} {:>7.3f} {:>10}\n", kind, mode, m.queries, m.ndcg,
                             m.recall, m.mrr, m.hit_at_10);
  };
  for (const auto& [mode, m] : report.overall) row("all", mode, m);
  for (const auto& [kind, by_mode] : report.by_kind) {
    for (const auto& [mode, m] : by_mode) row(kind, mode, m);
  }
  if (args.per_query) {
    std::cout << "\nper query: first relevant rank (0 = not in the top 10)\n";
    for (const auto& o : report.outcomes) {
      std::string ranks;
      for (const auto& [mode, r] : o.first_rank) ranks += fmt::format(" {}={}", mode, r);
      std::cout << fmt::format("  line {:>3} {:<11}{}  {}\n", o.query->line, o.query->kind, ranks, o.query->query);
    }
  }
  for (const auto& s : report.skipped) ctx.note("skipped " + s);
  return ok();
}

}  // namespace

void add_eval_search(CLI::App& eval, Context& ctx, Action& action) {
  auto args = std::make_shared<EvalSearchArgs>();
  auto* cmd = eval.add_subcommand("search", "Relevance of search (nDCG@10, recall@10, MRR) on judged queries");
  cmd->add_option("queries", args->path, "TSV: kind, query, relevant Message-IDs (space-separated)")->required();
  cmd->add_option("--mode", args->modes, "Only these modes (bm25, vector, hybrid); default all three");
  cmd->add_flag("--json", args->json, "Print the metrics as JSON");
  cmd->add_flag("--per-query", args->per_query, "Also show each query's first relevant rank per mode");
  cmd->footer(R"(Examples (judged sets ship in tests/search/):
  mailsift ingest demo/mailbox && mailsift eval search tests/search/queries_demo.tsv
  mailsift eval search --json tests/search/queries_spamassassin.tsv)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_eval_search(ctx, *args); }; });
}

}  // namespace mailsift::cli
