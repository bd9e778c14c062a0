// The shared labelled set (../shared/labels; skipped when absent): the shipped model can be
// rebuilt from it, and the local model carries over to mail of a source it never saw.
#include <gtest/gtest.h>

#include "classify/evaluate.h"
#include "classify/local_classifier.h"
#include "support/test_support.h"

namespace mailsift::classify {
namespace {

struct Sets {
  std::vector<Example> spamassassin, synthetic, enron, demo;
};

const Sets& sets() {
  static const Sets s = [] {
    Sets out;
    const auto shared = testing::shared_dir().string();
    FeatureExtractor fx;
    auto load = [&](const std::string& name, const std::string& tsv, const std::string& root) {
      auto set = load_examples(tsv, root, name, fx);
      EXPECT_TRUE(set.has_value());
      return set ? set->examples : std::vector<Example>{};
    };
    out.spamassassin = load("spamassassin", shared + "/labels/spamassassin.tsv", shared);
    out.synthetic = load("synthetic", shared + "/labels/synthetic.tsv", shared);
    out.enron = load("enron-dev", shared + "/labels/enron-dev.tsv", shared);
    out.demo = load("demo", (testing::source_dir() / "demo/labels.tsv").string(), "");
    return out;
  }();
  return s;
}

TEST(LabelledSetTest, TheShippedModelIsRebuiltFromTheLabels) {
  SKIP_WITHOUT_LABELS(testing::labels_dir());
  std::vector<Example> all = sets().spamassassin;
  all.insert(all.end(), sets().synthetic.begin(), sets().synthetic.end());
  all.insert(all.end(), sets().enron.begin(), sets().enron.end());
  auto rebuilt = train(all, TrainOptions{});
  ASSERT_OK(rebuilt);
  auto shipped = shipped_model();
  ASSERT_OK(shipped);
  // Same data, same options: the same verdicts on the demo mailbox (floating point may differ
  // between build types in the last digits, so compare verdicts, not bytes).
  size_t same = 0;
  for (const auto& e : sets().demo) same += score_example(**rebuilt, e).label == score_example(**shipped, e).label;
  EXPECT_GE(static_cast<double>(same), 0.97 * static_cast<double>(sets().demo.size()));
}

TEST(LabelledSetTest, CarriesOverToEnronWithoutTrainingOnIt) {
  SKIP_WITHOUT_LABELS(testing::labels_dir());
  std::vector<Example> train_set = sets().spamassassin;
  train_set.insert(train_set.end(), sets().synthetic.begin(), sets().synthetic.end());
  auto m = train_and_test(train_set, sets().enron, TrainOptions{});
  ASSERT_OK(m);
  EXPECT_EQ(m->total(), 450);
  EXPECT_GE(m->macro_f1(), 0.75) << "held-out Enron macro-F1 fell (docs/BENCHMARKS.md)";
}

}  // namespace
}  // namespace mailsift::classify
