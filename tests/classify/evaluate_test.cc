// Labels files, metrics and grouped folds.
#include "classify/evaluate.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::classify {
namespace {

TEST(ReadLabelsTest, HeaderExtraColumnsAndRoots) {
  testing::TempDir dir;
  auto tsv = dir.write("set/labels.tsv", "path\tlabel\treason\nmail/1.eml\tBUSINESS\tx\nmail/2.eml\tnoise\n\n# note\n");
  auto l = read_labels(tsv.string(), "");
  ASSERT_OK(l);
  ASSERT_EQ(l->size(), 2u);
  EXPECT_EQ((*l)[0].relative, "mail/1.eml");
  EXPECT_EQ((*l)[0].path, (dir.path() / "set/mail/1.eml").string());
  EXPECT_EQ((*l)[1].label, Label::kNoise);
  auto rooted = read_labels(tsv.string(), "/elsewhere");
  ASSERT_OK(rooted);
  EXPECT_EQ((*rooted)[0].path, "/elsewhere/mail/1.eml");
}

TEST(ReadLabelsTest, NamesTheBadLine) {
  testing::TempDir dir;
  auto tsv = dir.write("l.tsv", "a.eml\tBUSINESS\nb.eml\tSPAM\n");
  auto l = read_labels(tsv.string(), "");
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().code, Code::kParse);
  EXPECT_NE(l.error().message.find("line 2"), std::string::npos);
  EXPECT_EQ(read_labels(dir.str() + "/none.tsv", "").error().code, Code::kIo);
}

TEST(MetricsTest, AccuracyPrecisionRecallMacroF1) {
  Metrics m;
  for (int i = 0; i < 8; ++i) m.add(Label::kBusiness, Label::kBusiness);
  for (int i = 0; i < 2; ++i) m.add(Label::kBusiness, Label::kNoise);
  for (int i = 0; i < 5; ++i) m.add(Label::kNoise, Label::kNoise);
  EXPECT_EQ(m.total(), 15);
  EXPECT_NEAR(m.accuracy(), 13.0 / 15, 1e-12);
  EXPECT_NEAR(m.precision(Label::kBusiness), 1.0, 1e-12);
  EXPECT_NEAR(m.recall(Label::kBusiness), 0.8, 1e-12);
  EXPECT_NEAR(m.precision(Label::kNoise), 5.0 / 7, 1e-12);
  // OPERATIONAL never occurs: it is left out of the macro average.
  const double f1_b = 2 * 0.8 / 1.8, f1_n = 2 * (5.0 / 7) / (5.0 / 7 + 1);
  EXPECT_NEAR(m.macro_f1(), (f1_b + f1_n) / 2, 1e-12);
  Metrics sum;
  sum.merge(m);
  sum.merge(m);
  EXPECT_EQ(sum.total(), 30);
  EXPECT_DOUBLE_EQ(sum.macro_f1(), m.macro_f1());
}

TEST(FoldsTest, GroupsStayTogetherAndFoldsBalance) {
  std::vector<std::string> groups;
  for (int i = 0; i < 30; ++i) groups.push_back("big");
  for (int g = 0; g < 40; ++g) groups.push_back("g" + std::to_string(g % 20));
  auto folds = assign_folds(groups, 5);
  ASSERT_EQ(folds.size(), groups.size());
  for (size_t i = 1; i < 30; ++i) EXPECT_EQ(folds[i], folds[0]);
  std::map<std::string, int> fold_of;
  std::vector<int> sizes(5, 0);
  for (size_t i = 0; i < groups.size(); ++i) {
    auto [it, fresh] = fold_of.emplace(groups[i], folds[i]);
    EXPECT_EQ(it->second, folds[i]) << groups[i];
    ++sizes[static_cast<size_t>(folds[i])];
  }
  for (int s : sizes) EXPECT_GT(s, 0);
  EXPECT_EQ(assign_folds(groups, 5), folds);  // deterministic
}

TEST(FoldsTest, EnronPathsGroupByUserOthersBySender) {
  Email e;
  e.from.push_back({"", "Pat@Example.com"});
  EXPECT_EQ(group_of("corpus/enron-dev/maildir/lay-k/inbox/12", e), "user:lay-k");
  EXPECT_EQ(group_of("labels/synthetic/001.eml", e), "from:pat@example.com");
}

}  // namespace
}  // namespace mailsift::classify
