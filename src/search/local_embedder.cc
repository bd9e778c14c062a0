#include "search/local_embedder.h"

#include "search/wordnet.h"

namespace mailsift::search {

Result<std::vector<Vector>> LocalEmbedder::embed(std::span<const std::string> texts, EmbedInput /*input*/) {
  // Queries and documents share one path on purpose: the same words give the same vector.
  if (texts.size() > max_batch()) {
    return fail(Code::kInvalidArgument, "at most " + std::to_string(max_batch()) + " texts per embed() call");
  }
  std::vector<Vector> out(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    out[i].resize(model_->dim());
    model_->embed(texts[i], out[i].data());
  }
  return out;
}

Result<LocalEmbedderSettings> local_embedder_settings(const Config& config) {
  LocalEmbedderSettings s;
  s.model.dim = static_cast<size_t>(MAILSIFT_TRY(config.get_int("embeddings.dim", 256)));
  s.model.identity = MAILSIFT_TRY(config.get_double("embeddings.identity", s.model.identity));
  s.model.email_weight = MAILSIFT_TRY(config.get_double("embeddings.email_weight", s.model.email_weight));
  s.model.singular_power = MAILSIFT_TRY(config.get_double("embeddings.singular_power", s.model.singular_power));
  s.model.power_iterations = static_cast<int>(MAILSIFT_TRY(config.get_int("embeddings.power_iterations", s.model.power_iterations)));
  s.model.synonyms = MAILSIFT_TRY(config.get_double("embeddings.synonyms", s.model.synonyms));
  s.model.graph = MAILSIFT_TRY(config.get_double("embeddings.graph", s.model.graph));
  if (s.model.dim < 8 || s.model.dim > 1024) {
    return fail(Code::kInvalidArgument, "embeddings.dim must be between 8 and 1024");
  }
  if (s.model.identity < 0 || s.model.identity > 1) {
    return fail(Code::kInvalidArgument, "embeddings.identity must be between 0 and 1");
  }
  s.wordnet_dir = config.get("embeddings.wordnet_dir", default_wordnet_dir());
  if (s.wordnet_dir == "none") s.wordnet_dir.clear();
  s.fit_sample = MAILSIFT_TRY(config.get_int("embeddings.fit_sample", s.fit_sample));
  s.auto_refit = MAILSIFT_TRY(config.get_bool("embeddings.auto_refit", s.auto_refit));
  s.auto_refit_max = MAILSIFT_TRY(config.get_int("embeddings.auto_refit_max", s.auto_refit_max));
  return s;
}

std::string local_model_path(const std::string& data_dir) { return data_dir + "/models/local.model"; }

}  // namespace mailsift::search
