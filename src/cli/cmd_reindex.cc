// mailsift reindex: derive the vectors again — after a change of embedding model (which is
// never mixed with the old one), after mail was stored without vectors, or with --refit to fit
// the local model on the mail stored now.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/wiring.h"
#include "search/local_embedder.h"
#include "search/reindex.h"

namespace mailsift::cli {

namespace {

struct ReindexArgs {
  bool refit = false;
  bool all = false;
  int threads = 0;
  bool json = false;
};

Result<void> run_reindex(Context& ctx, const ReindexArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  sql::Database& db = store->database();
  nlohmann::json out = nlohmann::json::object();
  const std::string provider = ctx.config().get("embeddings.provider", "local");
  if (args.refit && !provider.empty() && provider != "local") {
    return fail(Code::kInvalidArgument, "--refit fits the local embedding model, but embeddings.provider is '" + provider + "'",
                "run `mailsift reindex` (without --refit) to embed with the remote model");
  }
  auto embedder = MAILSIFT_TRY(open_search_embedder(ctx));
  if (args.refit || !embedder) {
    auto settings = MAILSIFT_TRY(search::local_embedder_settings(ctx.config()));
    ctx.note("fitting the local embedding model…");
    auto fit = MAILSIFT_TRY(search::fit_local_model(db, settings, search::local_model_path(ctx.data_dir())));
    auto count = MAILSIFT_TRY(db.prepare("SELECT count(*) FROM messages"));
    MAILSIFT_TRY(count.step());
    auto meta = MAILSIFT_TRY(db.prepare(
        "INSERT INTO meta(key, value) VALUES ('search.model_fitted_at_messages', ?1) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    meta.bind(1, std::to_string(count.get_int(0)));
    MAILSIFT_TRY_VOID(meta.run());
    out["fit"] = {{"model", fit.model_id}, {"emails", fit.emails}, {"vocabulary", fit.vocabulary},
                  {"wordnet", fit.wordnet}, {"seconds", fit.seconds}};
    if (!args.json) {
      std::cout << fmt::format("fitted {} on {} messages{} ({} words) in {:.1f} s\n", fit.model_id, fit.emails,
                               fit.wordnet ? " and WordNet" : "", fit.vocabulary, fit.seconds);
    }
    embedder = MAILSIFT_TRY(open_search_embedder(ctx));
    if (!embedder) return fail(Code::kIo, "the fitted model could not be read back");
  }
  auto options = MAILSIFT_TRY(vector_index_options(ctx, *embedder));
  search::ReindexOptions ro;
  ro.all = args.all;
  ro.threads = args.threads;
  const bool progress = !args.json && !ctx.global.quiet && ctx.stderr_tty();
  ro.on_progress = [progress](int64_t done, int64_t total) {
    if (progress) std::cerr << fmt::format("\rembedding {}/{}", done, total) << std::flush;
  };
  auto r = MAILSIFT_TRY(search::reindex(db, *embedder, options, ro));
  if (progress) std::cerr << "\r\033[K";
  out["model"] = embedder->model_id();
  out["dimension"] = embedder->dimension();
  out["messages"] = r.messages;
  out["embedded"] = r.embedded;
  out["removed_other_model"] = r.removed;
  out["index_size"] = r.index.size;
  out["seconds"] = r.seconds;
  if (args.json) {
    ctx.print_json(out);
  } else {
    std::cout << fmt::format("{} messages: embedded {}, dropped {} vectors of other models, index holds {} ({:.1f} s)\n",
                             r.messages, r.embedded, r.removed, r.index.size, r.seconds);
  }
  return ok();
}

}  // namespace

void add_reindex(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ReindexArgs>();
  auto* cmd = app.add_subcommand("reindex", "Embed the stored mail again for semantic search (after a model change)");
  cmd->add_flag("--refit", args->refit, "Fit the local embedding model on the mail stored now (and WordNet) first");
  cmd->add_flag("--all", args->all, "Embed every message, not only those without a vector of the current model");
  cmd->add_option("--threads", args->threads, "Embedding threads (default: one per core)");
  cmd->add_flag("--json", args->json, "Print a JSON summary");
  cmd->footer(R"(Vectors are stored with the model that made them; search never mixes two models. After
changing embeddings.* settings, or when search says the vectors are of another model, run:
  mailsift reindex
To let the local model learn the words of the mail you have now (it does so by itself after
an ingest while the mailbox is under embeddings.auto_refit_max messages):
  mailsift reindex --refit)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_reindex(ctx, *args); }; });
}

}  // namespace mailsift::cli
