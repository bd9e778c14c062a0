// The classification tables in a real SQLite data directory: rules, and the history queries.
#include "classify/sqlite_classify.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "support/test_support.h"

namespace mailsift::classify {
namespace {

class SqliteClassifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteEmailStore::open(dir.str() + "/mailsift.db");
    ASSERT_OK(s);
    store = std::move(*s);
  }
  EmailId add(const std::string& id) {
    Email e;
    e.message_id = id;
    e.subject = "s " + id;
    e.from.push_back({"", "a@b.example"});
    e.content_hash = id;
    auto r = static_cast<EmailStore&>(*store).put(e, "raw " + id, IngestMeta{"test", 1});
    EXPECT_TRUE(r.has_value());
    return r ? r->id : 0;
  }
  void verdict(EmailId id, Decider by, Label label, bool fallback = false) {
    Classification c;
    c.label = label;
    c.decided_by = by;
    c.fallback = fallback;
    c.decided_at = 5;
    ASSERT_OK(store->add_classification(id, c));
  }

  testing::TempDir dir;
  std::unique_ptr<SqliteEmailStore> store;
};

TEST_F(SqliteClassifyTest, RulesAreStoredReplacedAndRemoved) {
  SqliteClassifyTables t(store->database());
  Rule r = parse_rule_target("deals.example").value();
  r.label = Label::kNoise;
  r.note = "vendor";
  auto first = t.put_rule(r);
  ASSERT_OK(first);
  EXPECT_GT(first->id, 0);
  EXPECT_GT(first->created_at, 0);
  r.label = Label::kOperational;
  auto again = t.put_rule(r);
  ASSERT_OK(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->label, Label::kOperational);
  auto all = t.rules();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].pattern, "deals.example");
  EXPECT_EQ((*all)[0].kind, Rule::Kind::kDomain);
  ASSERT_OK(t.remove_rule(first->id));
  EXPECT_EQ(t.remove_rule(first->id).error().code, Code::kNotFound);
}

TEST_F(SqliteClassifyTest, FallbacksAreCurrentNonHumanFallbackVerdicts) {
  EmailId a = add("a"), b = add("b"), c = add("c"), d = add("d");
  verdict(a, Decider::kModel, Label::kNoise, /*fallback=*/true);
  verdict(b, Decider::kModel, Label::kNoise, true);
  verdict(b, Decider::kLlm, Label::kBusiness);  // retried since: not a fallback any more
  verdict(c, Decider::kModel, Label::kNoise, true);
  verdict(c, Decider::kHuman, Label::kBusiness);  // a person decided
  verdict(d, Decider::kModel, Label::kNoise);
  SqliteClassifyTables t(store->database());
  auto ids = t.fallback_ids();
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, std::vector<EmailId>{a});
}

TEST_F(SqliteClassifyTest, HumanLabelsAreTheLatestPerMessage) {
  EmailId a = add("a"), b = add("b");
  verdict(a, Decider::kHuman, Label::kNoise);
  verdict(a, Decider::kHuman, Label::kBusiness);
  verdict(a, Decider::kModel, Label::kNoise);
  verdict(b, Decider::kModel, Label::kNoise);
  SqliteClassifyTables t(store->database());
  auto labels = t.human_labels();
  ASSERT_OK(labels);
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ((*labels)[0], std::make_pair(a, Label::kBusiness));
}

}  // namespace
}  // namespace mailsift::classify
