// mailsift search QUERY: hybrid (BM25 + semantic) search over the stored mail.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/wiring.h"
#include "core/strings.h"
#include "core/time.h"

namespace mailsift::cli {

nlohmann::json hit_json(const search::SearchHit& h, bool threads) {
  nlohmann::json j = {{"id", h.id},
                      {"message_id", h.message_id},
                      {"thread_id", h.thread_id},
                      {"date", format_iso8601(h.date)},
                      {"from", h.from.display()},
                      {"subject", h.subject},
                      {"class", h.label ? nlohmann::json(std::string(label_name(*h.label))) : nlohmann::json(nullptr)},
                      {"score", h.score},
                      {"snippet", h.snippet}};
  if (threads) j["thread_hits"] = h.thread_hits;
  return j;
}

namespace {

struct SearchArgs {
  std::vector<std::string> words;
  std::string mode = "hybrid";
  int limit = 20;
  int offset = 0;
  bool threads = false;
  bool json = false;
  bool explain = false;
};

Result<void> run_search(Context& ctx, const SearchArgs& args) {
  auto mode = search::parse_mode(args.mode);
  if (!mode) return fail(Code::kInvalidArgument, "unknown --mode '" + args.mode + "'", "use hybrid, bm25 or vector");
  if (args.limit < 1 || args.limit > 1000) return fail(Code::kInvalidArgument, "--limit must be 1..1000");
  if (args.offset < 0) return fail(Code::kInvalidArgument, "--offset must not be negative");
  auto searcher = MAILSIFT_TRY(open_searcher(ctx));
  search::SearchRequest req;
  req.query = join(args.words, " ");
  req.mode = *mode;
  req.limit = args.limit;
  req.offset = args.offset;
  req.threads = args.threads;
  auto res = MAILSIFT_TRY(searcher->search(req));
  for (const auto& n : res.notes) ctx.note("note: " + n);
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : res.hits) out.push_back(hit_json(h, args.threads));
    ctx.print_json(out);
    return ok();
  }
  if (res.hits.empty()) {
    ctx.note("no messages match");
    return ok();
  }
  for (const auto& h : res.hits) {
    std::string from = h.from.name.empty() ? h.from.address : h.from.name;
    std::string cls = h.label ? std::string(label_name(*h.label)) : "-";
    std::string subject = h.subject.empty() ? "(no subject)" : h.subject;
    if (args.threads && h.thread_hits > 1) subject += fmt::format("  ({} hits in thread {})", h.thread_hits, h.thread_id);
    std::cout << fmt::format("{:>6}  {}  {:<24}  {:<11}  {}  [{:.4g}]\n", h.id, format_short(h.date), fit(from, 24), cls,
                             fit(subject, 64), h.score);
    if (!h.snippet.empty()) std::cout << "        " << fit(h.snippet, 200) << "\n";
    if (args.explain) {
      std::cout << fmt::format("        bm25 rank {}, vector rank {}, thread {}, <{}>\n",
                               h.bm25_rank ? std::to_string(h.bm25_rank) : "-",
                               h.vector_rank ? std::to_string(h.vector_rank) : "-", h.thread_id, h.message_id);
    }
  }
  return ok();
}

}  // namespace

void add_search(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<SearchArgs>();
  auto* cmd = app.add_subcommand("search", "Find messages by words and by meaning (hybrid BM25 + semantic search)");
  cmd->add_option("query", args->words, "Words, \"phrases\" and prefixes (see below)")->required();
  cmd->add_option("--mode", args->mode, "hybrid (default), bm25 (exact words) or vector (meaning)")->capture_default_str();
  cmd->add_option("-n,--limit", args->limit, "At most this many results")->capture_default_str();
  cmd->add_option("--offset", args->offset, "Skip this many first (paging)")->capture_default_str();
  cmd->add_flag("--threads", args->threads, "One result per thread: its newest matching message and the hit count");
  cmd->add_flag("--json", args->json, "Print a JSON array of hits");
  cmd->add_flag("--explain", args->explain, "Show each hit's BM25 and vector ranks");
  cmd->footer(R"(Query syntax (prefixes are case-insensitive; quote values with spaces):
  free words          ranked by exact words (BM25) and by meaning
  "exact phrase"      must appear as written
  from:TEXT to:TEXT   sender / recipients (address or name)     subject:TEXT
  class:business|operational|noise|unclassified                  thread:ID   id:MESSAGE-ID
  has:attachment      is:list       date:2025-01-01..2025-03-31, date:2025-06, date:7d..

Matching words are marked [[like this]] in snippets.

Examples:
  mailsift search invoice outstanding
  mailsift search "contractors complaining about late payment"
  mailsift search --mode bm25 from:brightwire date:2025-06..2025-09
  mailsift search class:business permit council --threads
  mailsift search --json insurance certificate | jq '.[].subject')");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_search(ctx, *args); }; });
}

}  // namespace mailsift::cli
