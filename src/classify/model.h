// LinearModel: the statistical half of the local classifier, a multinomial logistic regression
// over named features (features.h). Scoring a message is one hash lookup per feature and three
// multiply-adds; the class probabilities come from a softmax.
//
// Text format (UTF-8, tab-separated, one record per line; what `mailsift train` writes):
//   mailsift-linear-model<TAB>1
//   id<TAB>lr-1a2b3c4d
//   meta<TAB>KEY<TAB>VALUE            (any number: what it was trained on, options, scores)
//   classes<TAB>BUSINESS<TAB>OPERATIONAL<TAB>NOISE
//   bias<TAB>b0<TAB>b1<TAB>b2
//   features<TAB>N
//   NAME<TAB>w0<TAB>w1<TAB>w2         (N lines)
//
// Thread-safety: a LinearModel is immutable after construction; score() may run on any number
// of threads at once (its scratch space is per thread).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "classify/features.h"
#include "core/result.h"
#include "core/types.h"

namespace mailsift::classify {

constexpr size_t kClasses = 3;  // indexed like Label: BUSINESS, OPERATIONAL, NOISE
using ClassWeights = std::array<float, kClasses>;
using ClassScores = std::array<double, kClasses>;

inline size_t class_index(Label label) { return static_cast<size_t>(label); }
inline Label class_label(size_t index) { return static_cast<Label>(index); }

struct Scored {
  ClassScores probabilities{};
  Label label = Label::kNoise;
  double confidence = 0;        // the probability of `label`
  std::vector<Reason> reasons;  // features that most favour `label` over the runner-up, strongest first
};

class LinearModel {
 public:
  // REQUIRES: names.size() == weights.size(); names unique.
  LinearModel(std::string id, std::vector<std::string> names, std::vector<ClassWeights> weights, ClassScores bias,
              std::vector<std::pair<std::string, std::string>> meta = {});

  // Errors: kParse (with the line number) for anything that is not the format above.
  static Result<std::shared_ptr<const LinearModel>> parse(std::string_view text);
  // Errors: kNotFound (no file), kIo, kParse.
  static Result<std::shared_ptr<const LinearModel>> load(const std::string& path);
  std::string serialize() const;
  // Writes atomically (a temporary file renamed over `path`); creates the parent folder.
  // Errors: kIo.
  Result<void> save(const std::string& path) const;

  // Scores a bag of features; a feature id seen twice counts once, unknown ids count zero.
  // `extra` adds to the logits before the softmax (a prior, e.g. a known contact), with
  // `extra_reason` naming it. Keeps at most `max_reasons` reasons.
  Scored score(const FeatureBag& bag, size_t max_reasons, const ClassScores* extra = nullptr,
               std::string_view extra_reason = {}) const;

  const std::string& id() const { return id_; }
  size_t size() const { return names_.size(); }
  const std::string& name(size_t i) const { return names_[i]; }
  const ClassWeights& weights(size_t i) const { return weights_[i]; }
  const ClassScores& bias() const { return bias_; }
  // The feature's index, or -1 when the model does not know it.
  int64_t find(uint64_t feature_id) const;
  const std::vector<std::pair<std::string, std::string>>& meta() const { return meta_; }
  std::string meta_value(std::string_view key) const;

 private:
  std::string id_;
  std::vector<std::string> names_;
  std::vector<ClassWeights> weights_;
  ClassScores bias_{};
  std::vector<std::pair<std::string, std::string>> meta_;
  // Open addressing: slot -> (feature id, index + 1); index 0 marks an empty slot.
  std::vector<std::pair<uint64_t, uint32_t>> table_;
  uint64_t mask_ = 0;
};

}  // namespace mailsift::classify
