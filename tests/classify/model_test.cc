// LinearModel: the text format, scoring and reasons; training: determinism, priors, the
// training set that ships beside the model.
#include "classify/model.h"

#include <gtest/gtest.h>

#include "classify/train.h"
#include "classify/training_set.h"
#include "support/test_support.h"

namespace mailsift::classify {
namespace {

std::shared_ptr<const LinearModel> small_model() {
  return std::make_shared<LinearModel>("test-1", std::vector<std::string>{"w:invoice", "w:cake", "hdr:list-id"},
                                       std::vector<ClassWeights>{{-1, 2, -1}, {-1, -1, 2}, {-1, 0, 1}},
                                       ClassScores{0, 0, 0}, std::vector<std::pair<std::string, std::string>>{{"k", "v"}});
}

FeatureBag bag_of(std::initializer_list<std::pair<std::string_view, float>> features) {
  FeatureBag bag;
  for (auto [name, value] : features) bag.features.push_back({feature_id(name), value});
  return bag;
}

TEST(LinearModelTest, ScoresWithSoftmaxAndExplains) {
  auto m = small_model();
  Scored s = m->score(bag_of({{"w:invoice", 1}, {"w:unknown", 1}}), 5);
  EXPECT_EQ(s.label, Label::kOperational);
  EXPECT_NEAR(s.probabilities[0] + s.probabilities[1] + s.probabilities[2], 1.0, 1e-9);
  EXPECT_NEAR(s.confidence, s.probabilities[1], 1e-12);
  ASSERT_EQ(s.reasons.size(), 1u);
  EXPECT_EQ(s.reasons[0].feature, "word 'invoice'");
  EXPECT_GT(s.reasons[0].weight, 0);
}

TEST(LinearModelTest, CountsAFeatureOnce) {
  auto m = small_model();
  Scored once = m->score(bag_of({{"w:cake", 1}}), 0);
  Scored twice = m->score(bag_of({{"w:cake", 1}, {"w:cake", 1}}), 0);
  EXPECT_DOUBLE_EQ(once.confidence, twice.confidence);
}

TEST(LinearModelTest, ExtraLogitsAreAReason) {
  auto m = small_model();
  ClassScores extra{3, 0, 0};
  Scored s = m->score(bag_of({}), 3, &extra, "contact:known");
  EXPECT_EQ(s.label, Label::kBusiness);
  ASSERT_FALSE(s.reasons.empty());
  EXPECT_EQ(s.reasons[0].feature, "contact:known");
}

TEST(LinearModelTest, RoundTripsThroughText) {
  auto m = small_model();
  auto parsed = LinearModel::parse(m->serialize());
  ASSERT_OK(parsed);
  EXPECT_EQ((*parsed)->id(), "test-1");
  EXPECT_EQ((*parsed)->size(), 3u);
  EXPECT_EQ((*parsed)->meta_value("k"), "v");
  EXPECT_EQ((*parsed)->serialize(), m->serialize());
  EXPECT_GE((*parsed)->find(feature_id("hdr:list-id")), 0);
  EXPECT_EQ((*parsed)->find(feature_id("hdr:nope")), -1);
}

TEST(LinearModelTest, RejectsBrokenFiles) {
  EXPECT_EQ(LinearModel::parse("hello\n").error().code, Code::kParse);
  std::string text = small_model()->serialize();
  auto cut = LinearModel::parse(text.substr(0, text.size() - 10));
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("line"), std::string::npos);
  std::string bad = text;
  bad.replace(bad.find("w:cake\t-1"), 9, "w:cake\tx1");
  EXPECT_EQ(LinearModel::parse(bad).error().code, Code::kParse);
}

TEST(LinearModelTest, SavesAtomicallyAndLoads) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/sub/model.tsv";
  ASSERT_OK(small_model()->save(path));
  auto loaded = LinearModel::load(path);
  ASSERT_OK(loaded);
  EXPECT_EQ((*loaded)->id(), "test-1");
  EXPECT_EQ(LinearModel::load(dir.str() + "/none.tsv").error().code, Code::kNotFound);
}

Example ex(Label label, std::string source, std::vector<std::string> names) {
  Example e;
  e.label = label;
  e.source = std::move(source);
  e.group = e.source;
  e.names = std::move(names);
  e.values.assign(e.names.size(), 1.0f);
  return e;
}

std::vector<Example> toy_set() {
  std::vector<Example> out;
  for (const char* src : {"a", "b"}) {
    for (int i = 0; i < 4; ++i) {
      out.push_back(ex(Label::kBusiness, src, {"w:quote", "w:site", "w:please"}));
      out.push_back(ex(Label::kOperational, src, {"w:invoice", "w:status", "hdr:auto-submitted"}));
      out.push_back(ex(Label::kNoise, src, {"w:offer", "w:discount", "hdr:list-unsubscribe"}));
    }
  }
  out.push_back(ex(Label::kNoise, "a", {"w:onlyina", "w:onlyina"}));
  out.push_back(ex(Label::kNoise, "a", {"w:onlyina"}));
  return out;
}

TEST(TrainTest, LearnsTheToySetDeterministically) {
  auto a = train(toy_set(), TrainOptions{});
  auto b = train(toy_set(), TrainOptions{});
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_EQ((*a)->id(), (*b)->id());
  EXPECT_EQ((*a)->serialize(), (*b)->serialize());
  for (const auto& e : toy_set()) {
    if (e.names[0] == "w:onlyina") continue;
    EXPECT_EQ(score_example(**a, e).label, e.label) << e.names[0];
  }
}

TEST(TrainTest, WordsOfOneSourceAreNotLearned) {
  auto m = train(toy_set(), TrainOptions{});
  ASSERT_OK(m);
  EXPECT_EQ((*m)->find(feature_id("w:onlyina")), -1);
  TrainOptions local;
  local.local_sources = {"a"};
  auto m2 = train(toy_set(), local);
  ASSERT_OK(m2);
  EXPECT_GE((*m2)->find(feature_id("w:onlyina")), 0);
}

TEST(TrainTest, PriorsHoldForEvidenceTheDataNeverShows) {
  auto m = train(toy_set(), TrainOptions{});
  ASSERT_OK(m);
  const int64_t i = (*m)->find(feature_id("mime:report-delivery-status"));
  ASSERT_GE(i, 0);
  const ClassWeights& w = (*m)->weights(static_cast<size_t>(i));
  EXPECT_GT(w[class_index(Label::kOperational)], w[class_index(Label::kBusiness)]);
  EXPECT_GT(w[class_index(Label::kOperational)], w[class_index(Label::kNoise)]);
}

TEST(TrainTest, NeedsTwoClasses) {
  std::vector<Example> one = {ex(Label::kNoise, "a", {"w:x"}), ex(Label::kNoise, "b", {"w:x"})};
  EXPECT_EQ(train(one, TrainOptions{}).error().code, Code::kInvalidArgument);
  EXPECT_EQ(train({}, TrainOptions{}).error().code, Code::kInvalidArgument);
}

TEST(TrainingSetTest, RoundTripsAgainstItsModel) {
  auto set = toy_set();
  auto m = train(set, TrainOptions{});
  ASSERT_OK(m);
  std::string blob = serialize_training_set(**m, set);
  auto back = parse_training_set(blob, **m);
  ASSERT_OK(back);
  ASSERT_EQ(back->size(), set.size());
  for (size_t i = 0; i < set.size(); ++i) {
    EXPECT_EQ((*back)[i].label, set[i].label);
    EXPECT_EQ((*back)[i].source, set[i].source);
    EXPECT_EQ(score_example(**m, (*back)[i]).label, score_example(**m, set[i]).label);
  }
  auto other = std::make_shared<LinearModel>("other", std::vector<std::string>{}, std::vector<ClassWeights>{},
                                             ClassScores{});
  EXPECT_EQ(parse_training_set(blob, *other).error().code, Code::kParse);
  EXPECT_FALSE(parse_training_set("not zstd", **m));
}

TEST(TrainingSetTest, TheShippedSetBelongsToTheShippedModel) {
  auto set = shipped_training_set();
  ASSERT_OK(set);
  EXPECT_GT(set->size(), 1000u);
}

}  // namespace
}  // namespace mailsift::classify
