// The local Embedder adapter: no network, deterministic, thread-safe, fast enough to embed
// inline at ingest. It embeds with a LocalModel (local_model.h) kept in the data directory
// (models/local.model), fitted on WordNet and the user's own mail by `mailsift reindex --refit`
// (and automatically after an ingest while the mailbox is small: embeddings.auto_refit).
//
// Settings (embeddings.*): dim (128), identity (0.4), email_weight (2), wordnet_dir
// (/usr/share/wordnet; "" or "none" to fit without WordNet), fit_sample (20000 messages),
// auto_refit (true), auto_refit_max (100000 messages).
#pragma once

#include <memory>
#include <string>

#include "core/config.h"
#include "search/embedder.h"
#include "search/local_model.h"
#include "search/wordnet.h"

namespace mailsift::search {

class LocalEmbedder final : public Embedder {
 public:
  explicit LocalEmbedder(std::shared_ptr<const LocalModel> model) : model_(std::move(model)) {}

  Result<std::vector<Vector>> embed(std::span<const std::string> texts, EmbedInput input) override;
  std::string model_id() const override { return model_->id(); }
  size_t dimension() const override { return model_->dim(); }
  size_t max_batch() const override { return 4096; }
  bool thread_safe() const override { return true; }

  const LocalModel& model() const { return *model_; }
  std::shared_ptr<const LocalModel> shared_model() const { return model_; }

 private:
  std::shared_ptr<const LocalModel> model_;
};

struct LocalEmbedderSettings {
  LocalModelOptions model;
  std::string wordnet_dir = default_wordnet_dir();  // empty: fit without WordNet
  int64_t fit_sample = 20000;
  bool auto_refit = true;
  int64_t auto_refit_max = 100000;
};

// Reads embeddings.* (see above). Errors: kInvalidArgument naming the bad key.
Result<LocalEmbedderSettings> local_embedder_settings(const Config& config);

// <data_dir>/models/local.model
std::string local_model_path(const std::string& data_dir);

}  // namespace mailsift::search
