// LocalClassifier: the offline Classifier adapter. Header evidence and text features
// (features.h) scored by a linear model (model.h); returns the class, its probability as the
// confidence, and the features that weighed most as reasons. No network, no I/O per message.
//
// Which model: the one `mailsift train` wrote into the data directory when there is one,
// else the model shipped inside the binary (trained on ../shared/labels; see
// src/classify/model/README.md for the command that reproduces it).
//
// Thread-safe: classify() may run on any number of threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "classify/classifier.h"
#include "classify/features.h"
#include "classify/model.h"

namespace mailsift::classify {

class LocalClassifier final : public Classifier {
 public:
  struct Options {
    FeatureOptions features;
    size_t max_reasons = 5;
    ContactLookup contacts;  // empty: no contact evidence
  };

  // REQUIRES: model != nullptr.
  LocalClassifier(std::shared_ptr<const LinearModel> model, Options options);

  // Never fails.
  Result<Classification> classify(const Email& email) override;
  std::string name() const override { return "local:" + model_->id(); }
  bool thread_safe() const override { return true; }

  const LinearModel& model() const { return *model_; }

 private:
  std::shared_ptr<const LinearModel> model_;
  std::optional<ClassScores> contact_prior_;  // set when the model lacks contact:known
  Options options_;
  FeatureExtractor extractor_;
};

// The model compiled into the binary. Errors: kInternal if it does not parse (a build problem).
Result<std::shared_ptr<const LinearModel>> shipped_model();

// Where `mailsift train` keeps a data directory's own model.
std::string trained_model_path(const std::string& data_dir);

// The data directory's trained model when it has one, else the shipped model. `override_path`
// (setting classify.model), when not empty, must name a model file. Errors: kNotFound (override
// missing), kParse, kIo.
Result<std::shared_ptr<const LinearModel>> load_model(const std::string& data_dir, const std::string& override_path);

}  // namespace mailsift::classify
