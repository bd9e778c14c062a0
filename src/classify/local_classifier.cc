#include "classify/local_classifier.h"

#include <filesystem>

#include "classify/shipped_model.h"

namespace mailsift::classify {

LocalClassifier::LocalClassifier(std::shared_ptr<const LinearModel> model, Options options)
    : model_(std::move(model)), options_(std::move(options)), extractor_(options_.features) {
  // A model trained without contact evidence (the labelled sets have none) does not know the
  // feature: a known sender then counts with its hand-set prior instead.
  if (model_->find(feature_id("contact:known")) < 0) {
    for (const Prior& p : evidence_priors()) {
      if (p.feature == "contact:known") contact_prior_ = ClassScores{p.business, p.operational, p.noise};
    }
  }
}

Result<Classification> LocalClassifier::classify(const Email& email) {
  thread_local FeatureBag bag;
  const ContactLookup* contacts = options_.contacts ? &options_.contacts : nullptr;
  extractor_.extract(email, bag, /*with_names=*/false, contacts);
  // The extractor has asked the lookup already: a known sender left contact:known in the bag.
  const ClassScores* extra = nullptr;
  if (contacts && contact_prior_) {
    static const uint64_t kKnown = feature_id("contact:known");
    for (const Feature& f : bag.features) {
      if (f.id == kKnown) extra = &*contact_prior_;
    }
  }
  Scored s = model_->score(bag, options_.max_reasons, extra, "known contact");
  Classification c;
  c.label = s.label;
  c.confidence = s.confidence;
  c.decided_by = Decider::kModel;
  c.model = name();
  c.reasons = std::move(s.reasons);
  return c;
}

Result<std::shared_ptr<const LinearModel>> shipped_model() {
  static const Result<std::shared_ptr<const LinearModel>> kModel = [] {
    auto m = LinearModel::parse(std::string_view(reinterpret_cast<const char*>(kShippedModel), kShippedModelSize));
    if (!m) return Result<std::shared_ptr<const LinearModel>>(fail(Code::kInternal, "the shipped model does not parse: " + m.error().message));
    return m;
  }();
  return kModel;
}

std::string trained_model_path(const std::string& data_dir) { return data_dir + "/classifier/model.tsv"; }

Result<std::shared_ptr<const LinearModel>> load_model(const std::string& data_dir, const std::string& override_path) {
  if (!override_path.empty()) return LinearModel::load(override_path);
  if (!data_dir.empty()) {
    const std::string own = trained_model_path(data_dir);
    std::error_code ec;
    if (std::filesystem::exists(own, ec)) return LinearModel::load(own);
  }
  return shipped_model();
}

}  // namespace mailsift::classify
