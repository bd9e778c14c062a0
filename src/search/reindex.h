// Deriving vectors again from what is stored: fitting the local model on the store's own mail,
// and re-embedding every message whose vector is missing or was made by another model (a model
// change is answered here, never by mixing vectors of two models).
#pragma once

#include <functional>
#include <string>

#include "core/result.h"
#include "search/embedder.h"
#include "search/local_embedder.h"
#include "search/vector_index.h"
#include "store/sqlite.h"

namespace mailsift::search {

// The text embedded for a stored message (embedding_text of its subject and visible text).
std::string stored_embedding_text(const std::string& subject, const std::string& visible, const std::string& body,
                                  size_t max_bytes = 4000);

struct FitReport {
  std::string model_id;
  int64_t emails = 0;      // messages the model was fitted on (a sample of the store)
  size_t vocabulary = 0;
  bool wordnet = false;
  double seconds = 0;
};

// Fits a LocalModel on up to settings.fit_sample messages of the store (an even sample by id)
// and WordNet (when settings.wordnet_dir has it), and saves it to model_path.
// Errors: kInvalidArgument (nothing to fit on), kIo.
Result<FitReport> fit_local_model(sql::Database& db, const LocalEmbedderSettings& settings,
                                  const std::string& model_path);

struct ReindexOptions {
  bool all = false;          // re-embed every message, not only missing / other-model ones
  int threads = 0;           // embedding threads when the embedder is thread-safe; 0 = cores
  size_t batch = 1024;
  std::function<void(int64_t done, int64_t total)> on_progress;
};

struct ReindexReport {
  int64_t embedded = 0;
  int64_t removed = 0;       // vectors of other models dropped
  int64_t messages = 0;
  double seconds = 0;
  IndexOpenReport index;
};

// Embeds the messages that need it with `embedder`, drops vectors of other models, and
// rebuilds and saves the index at index.path. Errors: kIo, kUnavailable (embedder).
Result<ReindexReport> reindex(sql::Database& db, Embedder& embedder, const VectorIndex::Options& index,
                              const ReindexOptions& options);

// Messages in the store, and how many have a vector of `model`.
struct VectorCoverage {
  int64_t messages = 0;
  int64_t with_vector = 0;
};
Result<VectorCoverage> vector_coverage(sql::Database& db, std::string_view model);

}  // namespace mailsift::search
