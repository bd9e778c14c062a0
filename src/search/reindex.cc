#include "search/reindex.h"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/strings.h"
#include "core/time.h"
#include "search/wordnet.h"

namespace mailsift::search {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

std::string stored_embedding_text(const std::string& subject, const std::string& visible, const std::string& body,
                                  size_t max_bytes) {
  Email e;
  e.subject = subject;
  e.visible_text = visible;
  e.text_body = body;
  return embedding_text(e, max_bytes);
}

Result<FitReport> fit_local_model(sql::Database& db, const LocalEmbedderSettings& settings,
                                  const std::string& model_path) {
  auto t0 = std::chrono::steady_clock::now();
  FitReport report;
  auto count_st = MAILSIFT_TRY(db.prepare("SELECT count(*), coalesce(max(id), 0) FROM messages"));
  MAILSIFT_TRY(count_st.step());
  int64_t n = count_st.get_int(0);
  int64_t stride = settings.fit_sample > 0 && n > settings.fit_sample ? (n + settings.fit_sample - 1) / settings.fit_sample : 1;
  std::vector<std::string> texts;
  auto st = MAILSIFT_TRY(db.prepare("SELECT subject, visible_text, body FROM messages WHERE id % ?1 = 0 ORDER BY id"));
  st.bind(1, stride);
  while (MAILSIFT_TRY(st.step())) {
    texts.push_back(stored_embedding_text(st.get_text(0), st.get_text(1), st.get_text(2)));
  }
  std::optional<WordNet> wn;
  if (!settings.wordnet_dir.empty()) {
    auto read = read_wordnet(settings.wordnet_dir);
    if (read) wn = std::move(*read);
  }
  auto model = MAILSIFT_TRY(LocalModel::fit(texts, wn ? &*wn : nullptr, settings.model));
  MAILSIFT_TRY_VOID(model->save(model_path));
  report.model_id = model->id();
  report.emails = static_cast<int64_t>(texts.size());
  report.vocabulary = model->vocabulary();
  report.wordnet = wn.has_value();
  report.seconds = since(t0);
  return report;
}

Result<VectorCoverage> vector_coverage(sql::Database& db, std::string_view model) {
  VectorCoverage c;
  auto st = MAILSIFT_TRY(db.prepare("SELECT count(*) FROM messages"));
  MAILSIFT_TRY(st.step());
  c.messages = st.get_int(0);
  c.with_vector = MAILSIFT_TRY(embeddings::count(db, model));
  return c;
}

Result<ReindexReport> reindex(sql::Database& db, Embedder& embedder, const VectorIndex::Options& index,
                              const ReindexOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  ReindexReport report;
  const std::string model = embedder.model_id();
  const size_t dim = embedder.dimension();

  // Which messages need a vector: all, or those without one of this model.
  std::vector<EmailId> todo;
  {
    auto st = MAILSIFT_TRY(db.prepare(
        options.all ? "SELECT id FROM messages ORDER BY id"
                    : "SELECT m.id FROM messages m LEFT JOIN embeddings e ON e.email_id = m.id "
                      "WHERE e.email_id IS NULL OR e.model <> ?1 OR e.dim <> ?2 ORDER BY m.id"));
    if (!options.all) st.bind(1, model).bind(2, static_cast<int64_t>(dim));
    while (MAILSIFT_TRY(st.step())) todo.push_back(st.get_int(0));
  }
  {
    auto st = MAILSIFT_TRY(db.prepare("SELECT count(*) FROM messages"));
    MAILSIFT_TRY(st.step());
    report.messages = st.get_int(0);
  }
  const int64_t total = static_cast<int64_t>(todo.size());
  size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads)
                                       : std::max<size_t>(1, std::thread::hardware_concurrency());
  if (!embedder.thread_safe()) threads = 1;
  const size_t batch = std::max<size_t>(1, std::min(options.batch, embedder.max_batch() * threads));

  auto text_st = MAILSIFT_TRY(db.prepare("SELECT subject, visible_text, body FROM messages WHERE id = ?1"));
  for (size_t start = 0; start < todo.size(); start += batch) {
    size_t end = std::min(todo.size(), start + batch);
    std::vector<std::string> texts;
    texts.reserve(end - start);
    for (size_t i = start; i < end; ++i) {
      text_st.bind(1, static_cast<int64_t>(todo[i]));
      if (MAILSIFT_TRY(text_st.step())) {
        texts.push_back(stored_embedding_text(text_st.get_text(0), text_st.get_text(1), text_st.get_text(2)));
      } else {
        texts.emplace_back();
      }
      text_st.reset();
    }
    // Embed in slices, in parallel when the embedder allows it.
    std::vector<Vector> vectors(texts.size());
    size_t slice = std::min(embedder.max_batch(), (texts.size() + threads - 1) / threads);
    std::vector<Result<void>> results;
    std::vector<std::thread> pool;
    std::mutex mu;
    Result<void> first_error = ok();
    for (size_t s = 0; s < texts.size(); s += slice) {
      size_t e = std::min(texts.size(), s + slice);
      auto work = [&, s, e] {
        auto v = embedder.embed(std::span<const std::string>(texts.data() + s, e - s), EmbedInput::kDocument);
        std::lock_guard lock(mu);
        if (!v) {
          if (first_error) first_error = fail(v.error());
          return;
        }
        for (size_t i = s; i < e; ++i) vectors[i] = std::move((*v)[i - s]);
      };
      if (threads > 1) {
        pool.emplace_back(work);
      } else {
        work();
      }
    }
    for (auto& t : pool) t.join();
    MAILSIFT_TRY_VOID(first_error);
    MAILSIFT_TRY_VOID(sql::transaction(db, [&]() -> Result<void> {
      UnixTime now = now_unix();
      for (size_t i = 0; i < vectors.size(); ++i) {
        if (vectors[i].size() != dim) return fail(Code::kUnavailable, "the embedder returned a vector of the wrong size");
        MAILSIFT_TRY_VOID(embeddings::put(db, todo[start + i], model, vectors[i], now));
      }
      return ok();
    }));
    report.embedded += static_cast<int64_t>(vectors.size());
    if (options.on_progress) options.on_progress(report.embedded, total);
  }
  // Vectors of other models can no longer be searched: drop them.
  MAILSIFT_TRY_VOID(sql::transaction(db, [&]() -> Result<void> {
    auto st = MAILSIFT_TRY(db.prepare("DELETE FROM embeddings WHERE model <> ?1"));
    st.bind(1, model);
    MAILSIFT_TRY_VOID(st.run());
    report.removed = db.changes();
    return ok();
  }));
  // A fresh index of this model, saved; the change log it covers is dropped.
  if ((report.embedded > 0 || report.removed > 0) && !index.path.empty()) {
    std::error_code ec;
    std::filesystem::remove(index.path + ".meta", ec);
    std::filesystem::remove(index.path, ec);
  }
  auto opened = MAILSIFT_TRY(VectorIndex::open(db, index, &report.index));
  MAILSIFT_TRY_VOID(opened->save(db, /*prune=*/true));
  report.index.size = opened->store().size();
  report.seconds = since(t0);
  return report;
}

}  // namespace mailsift::search
