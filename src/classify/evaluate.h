// Evaluation of classifiers on labelled messages: the labels file format, the metrics
// (accuracy, per-class precision / recall / F1, macro-F1, confusion matrix), loading labelled
// messages as training examples, and cross-validation with folds grouped so that one user's or
// one sender's near-identical messages never sit on both sides.
//
// Labels file: tab-separated, one message per line, the first column a path (relative to a
// root folder), the second a class name (BUSINESS, OPERATIONAL, NOISE, any case); further
// columns are ignored; a first line whose second column is not a class is a header.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/classifier.h"
#include "classify/features.h"
#include "classify/train.h"
#include "core/result.h"
#include "core/types.h"

namespace mailsift::classify {

struct LabelledPath {
  std::string path;      // resolved: root / the path in the file
  std::string relative;  // as written in the file
  Label label = Label::kNoise;
};

// Errors: kIo (unreadable), kParse (a line without two columns, an unknown class: names the line).
Result<std::vector<LabelledPath>> read_labels(const std::string& tsv_path, const std::string& root);

class Metrics {
 public:
  void add(Label truth, Label predicted) { ++confusion_[class_index(truth)][class_index(predicted)]; }
  void merge(const Metrics& other);

  int64_t total() const;
  int64_t count(Label truth, Label predicted) const { return confusion_[class_index(truth)][class_index(predicted)]; }
  int64_t support(Label truth) const;
  double accuracy() const;
  // 0 when undefined (no predictions / no messages of that class).
  double precision(Label label) const;
  double recall(Label label) const;
  double f1(Label label) const;
  // Mean F1 over the classes that occur in the truth or the predictions.
  double macro_f1() const;

 private:
  std::array<std::array<int64_t, kClasses>, kClasses> confusion_{};  // [truth][predicted]
};

// The cross-validation group of a labelled message: "user:NAME" for Enron-style paths
// (".../maildir/NAME/..."), else "from:ADDRESS" (one sender's template stays together).
std::string group_of(std::string_view path, const Email& email);

// Assigns each group a fold in [0, k): the largest groups first, each to the fold with the
// fewest messages so far (ties: lowest fold). Deterministic. Returns one fold per element.
std::vector<int> assign_folds(const std::vector<std::string>& groups, int k);

struct LoadedSet {
  std::vector<Example> examples;
  std::vector<std::string> paths;     // parallel to examples
  std::vector<std::string> failures;  // "path: reason" for files that could not be read or parsed
};

// Reads and parses every file of a labels file and turns it into an example of `source`.
// Errors: those of read_labels. Unreadable or unparsable messages are listed in failures.
Result<LoadedSet> load_examples(const std::string& tsv_path, const std::string& root, const std::string& source,
                                const FeatureExtractor& extractor);

// k-fold cross-validation over groups (assign_folds). Errors: those of train().
Result<Metrics> cross_validate(const std::vector<Example>& examples, int k, const TrainOptions& options);

// Trains on one set and scores another.
Result<Metrics> train_and_test(const std::vector<Example>& train_set, const std::vector<Example>& test_set,
                               const TrainOptions& options);

// One message the classifier got wrong.
struct Mistake {
  std::string path;  // as in the labels file
  Label truth = Label::kNoise;
  Classification verdict;
};

struct ClassifierReport {
  Metrics metrics;
  int64_t sent_to_llm = 0;            // verdicts by the LLM, and fallbacks after an LLM failure
  int64_t fallbacks = 0;
  int64_t by_rules = 0;
  std::vector<Mistake> mistakes;
  std::vector<std::string> failures;  // "path: reason" for files that could not be read or parsed
  double seconds = 0;                 // classifying only (not reading or parsing)
};

// Reads, parses and classifies every labelled file, storing nothing. `on_email` (optional) sees
// each parsed message (e.g. to estimate what sending it to an LLM would cost).
Result<ClassifierReport> evaluate_classifier(Classifier& classifier, const std::vector<LabelledPath>& files,
                                             const std::function<void(const Email&)>& on_email = {});

}  // namespace mailsift::classify
