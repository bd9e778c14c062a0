// The search half of wiring.h: which embedder, the vector index and writer at ingest, the
// model refit after an ingest, and the Searcher that `search`, `eval search`, the chat and the
// HTTP API use.
#include <thread>

#include "cli/wiring.h"
#include "core/time.h"
#include "llm/factory.h"
#include "net/env.h"
#include "search/local_embedder.h"
#include "search/reindex.h"

namespace mailsift::cli {

namespace {

bool local_provider(const Context& ctx) {
  std::string p = ctx.config().get("embeddings.provider", "local");
  return p.empty() || p == "local";
}

Result<std::unique_ptr<search::LocalEmbedder>> load_local(const Context& ctx, std::vector<std::string>* notes) {
  auto model = search::LocalModel::load(search::local_model_path(ctx.data_dir()));
  if (!model) {
    if (model.error().code != Code::kNotFound && notes) notes->push_back(model.error().to_string());
    return std::unique_ptr<search::LocalEmbedder>();
  }
  return std::make_unique<search::LocalEmbedder>(std::move(*model));
}

Result<int64_t> meta_int(sql::Database& db, std::string_view key) {
  auto st = MAILSIFT_TRY(db.prepare("SELECT value FROM meta WHERE key = ?1"));
  st.bind(1, key);
  if (!MAILSIFT_TRY(st.step())) return int64_t{0};
  return static_cast<int64_t>(std::atoll(st.get_text(0).c_str()));
}

Result<void> set_meta(sql::Database& db, std::string_view key, int64_t value) {
  auto st = MAILSIFT_TRY(db.prepare("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  st.bind(1, key).bind(2, std::to_string(value));
  return st.run();
}

}  // namespace

Result<search::VectorIndex::Options> vector_index_options(const Context& ctx, const Embedder& embedder) {
  auto so = MAILSIFT_TRY(search::searcher_options(ctx.config(), ctx.data_dir()));
  search::VectorIndex::Options o;
  o.path = so.index_path;
  o.model = embedder.model_id();
  o.params = so.hnsw;
  o.params.dim = embedder.dimension();
  return o;
}

namespace {

// A remote embedder from [embeddings] (OpenAI-compatible, Ollama, Bedrock Titan: src/llm).
// Errors: the factory's (unknown provider, unset key, unknown dimension).
Result<std::unique_ptr<Embedder>> remote_embedder(const Context& ctx) {
  auto remote = MAILSIFT_TRY(llm::make_remote_embedder(ctx.config(), net::process_env()));
  if (!remote) return fail(Code::kInvalidArgument, "embeddings.provider names no embedder");
  return remote;
}

// Ingest writes each message's vector through the index as it is stored.
Result<void> attach_vector_writer(Context& ctx, Wiring& w, std::unique_ptr<Embedder> embedder) {
  sql::Database& db = w.store->database();
  auto options = MAILSIFT_TRY(vector_index_options(ctx, *embedder));
  w.vector_index = MAILSIFT_TRY(search::VectorIndex::open(db, options));
  w.vector_writer = std::make_unique<search::VectorWriter>(db, w.vector_index.get(), embedder->model_id(),
                                                           embedder->dimension(), /*background=*/true);
  search::VectorWriter* writer = w.vector_writer.get();
  w.bus->subscribe(events::kVectorReady, [writer](const Event& e) -> Result<void> {
    return writer->write(e.email_id, e.model, e.vector);
  });
  w.embedder = std::move(embedder);
  return ok();
}

}  // namespace

Result<void> wire_vectors(Context& ctx, Wiring& w) {
  // A remote model: a failing call leaves the message stored without a vector, and
  // `mailsift reindex` fills the gaps.
  if (!local_provider(ctx)) return attach_vector_writer(ctx, w, MAILSIFT_TRY(remote_embedder(ctx)));
  auto local = MAILSIFT_TRY(load_local(ctx, &w.notes));
  if (!local) {
    w.notes.push_back("no local embedding model yet: it is fitted on this mail after the ingest");
    return ok();
  }
  return attach_vector_writer(ctx, w, std::move(local));
}

void finish_ingest(Context& ctx, Wiring& w) {
  auto run = [&]() -> Result<void> {
    sql::Database& db = w.store->database();
    if (w.vector_writer) MAILSIFT_TRY_VOID(w.vector_writer->flush());
    if (!local_provider(ctx)) return ok();
    auto settings = MAILSIFT_TRY(search::local_embedder_settings(ctx.config()));
    auto* local = dynamic_cast<search::LocalEmbedder*>(w.embedder.get());
    auto count = MAILSIFT_TRY(db.prepare("SELECT count(*) FROM messages"));
    MAILSIFT_TRY(count.step());
    const int64_t messages = count.get_int(0);
    if (messages == 0) return ok();
    const int64_t fitted_at = MAILSIFT_TRY(meta_int(db, "search.model_fitted_at_messages"));
    // Refit while the mailbox is small and has at least doubled since the last fit: the model
    // learns this mailbox's own vocabulary. Larger mailboxes refit on request (reindex --refit).
    bool refit = !local || (settings.auto_refit && messages <= settings.auto_refit_max && messages >= 2 * fitted_at);
    if (refit) {
      const std::string path = search::local_model_path(ctx.data_dir());
      auto fit = MAILSIFT_TRY(search::fit_local_model(db, settings, path));
      MAILSIFT_TRY_VOID(set_meta(db, "search.model_fitted_at_messages", messages));
      w.notes.push_back("fitted the local embedding model on " + std::to_string(fit.emails) + " messages" +
                        (fit.wordnet ? " and WordNet" : "") + " (" + fit.model_id + ")");
      // The old writer stays subscribed but idle: no more events come after the ingest.
      w.embedder = MAILSIFT_TRY(load_local(ctx, &w.notes));
      if (!w.embedder) return fail(Code::kIo, "the fitted model could not be read back");
    }
    // Embed what has no vector of the current model (new model, or mail stored without one).
    auto coverage = MAILSIFT_TRY(search::vector_coverage(db, w.embedder->model_id()));
    if (coverage.with_vector < coverage.messages) {
      auto options = MAILSIFT_TRY(vector_index_options(ctx, *w.embedder));
      search::ReindexOptions ro;
      auto report = MAILSIFT_TRY(search::reindex(db, *w.embedder, options, ro));
      w.notes.push_back("embedded " + std::to_string(report.embedded) + " messages for semantic search");
    }
    return ok();
  };
  if (auto r = run(); !r) {
    w.notes.push_back("semantic search is not up to date (" + r.error().to_string() +
                      "); the mail is stored: run `mailsift reindex`");
  }
}

Result<std::shared_ptr<Embedder>> open_search_embedder(Context& ctx) {
  if (!local_provider(ctx)) return std::shared_ptr<Embedder>(MAILSIFT_TRY(remote_embedder(ctx)));
  auto local = MAILSIFT_TRY(load_local(ctx, nullptr));
  return std::shared_ptr<Embedder>(std::move(local));
}

Result<std::unique_ptr<search::Searcher>> open_searcher(Context& ctx) {
  auto options = MAILSIFT_TRY(search::searcher_options(ctx.config(), ctx.data_dir()));
  auto embedder = MAILSIFT_TRY(open_search_embedder(ctx));
  auto searcher = search::Searcher::open(options, std::move(embedder), now_unix());
  if (searcher) add_contractor_scheme(ctx, (*searcher)->syntax());  // from:contractor:ID (wiring.cc)
  if (!searcher && searcher.error().code == Code::kNotFound) {
    return fail(Code::kNotFound, "no mailsift data in " + ctx.data_dir(),
                "ingest some mail first (mailsift ingest PATH), or point --data-dir / MAILSIFT_DATA_DIR at a data directory");
  }
  return searcher;
}

}  // namespace mailsift::cli
