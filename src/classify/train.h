// Training the local model: labelled messages in, a LinearModel out.
//
// A message becomes an Example (its named features, label, source and group). train() keeps the
// features that enough messages share — and, for words, that appear in at least two sources
// (shared file / origin) when the data has several, so that names, domains and house style of
// one source are not learned as a class — then fits a multinomial logistic regression with L2
// regularisation by L-BFGS on class- and source-balanced weights. Deterministic: the same
// examples and options give the same model, byte for byte.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/features.h"
#include "classify/model.h"
#include "core/result.h"
#include "core/types.h"

namespace mailsift::classify {

struct Example {
  Label label = Label::kNoise;
  std::string source;  // where it came from (a labels file, "human"): word features must span sources
  std::string group;   // messages of one group stay in one cross-validation fold
  double weight = 1;   // multiplies the balanced weight (human corrections count more)
  std::vector<std::string> names;
  std::vector<float> values;
};

// The example of one parsed message.
Example make_example(const FeatureExtractor& extractor, const Email& email, Label label, std::string source,
                     std::string group);

struct TrainOptions {
  int min_docs = 2;            // a feature must occur in at least this many messages
  int min_sources = 2;         // a word feature must occur in this many sources (capped at the number present)
  int min_source_docs = 1;     // ... in at least this many messages of each
  std::vector<std::string> local_sources;  // sources whose words need no other source (human labels)
  double l2 = 3.0;             // regularisation strength (towards the priors, else zero)
  bool balance_classes = true; // each class weighs the same in total
  bool balance_sources = true; // share each class among its sources by size^source_power
  double source_power = 0.5;   // 0: by size (no balancing), 0.5: by square root, 1: equally
  bool fit_bias = false;        // false: the classes start level; only evidence moves them
  bool use_priors = true;      // start from evidence_priors() and regularise towards them
  double prior_strength = 10;  // multiplies l2 for the features with a prior
  double text_only_weight = 1.0; // > 0: also learn from each direct message with its headers removed
  int max_iterations = 400;
  double prune_below = 0.05;   // features whose weights all stay under this are dropped
  std::string id;              // model id; empty: derived from the weights
  std::vector<std::pair<std::string, std::string>> meta;
};

// Errors: kInvalidArgument (no examples, or fewer than two classes present).
Result<std::shared_ptr<const LinearModel>> train(const std::vector<Example>& examples, const TrainOptions& options);

// Scores an example with a model (features by name), as the classifier would score the message.
Scored score_example(const LinearModel& model, const Example& example, size_t max_reasons = 0);

}  // namespace mailsift::classify
