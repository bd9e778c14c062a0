// Sender rules: what they match, which wins, and when an allow rule is not trusted.
#include "classify/rules.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::classify {
namespace {

class FixedClassifier : public Classifier {
 public:
  Result<Classification> classify(const Email&) override {
    Classification c;
    c.label = Label::kNoise;
    c.confidence = 0.6;
    return c;
  }
  std::string name() const override { return "fixed"; }
};

Email from(const std::string& address, std::string auth = {}) {
  Email e;
  e.from.push_back({"", address});
  if (!auth.empty()) e.headers.push_back({"Authentication-Results", std::move(auth)});
  return e;
}

Rule rule(int64_t id, std::string_view target, Label label) {
  Rule r = parse_rule_target(target).value();
  r.id = id;
  r.label = label;
  return r;
}

TEST(RulesTest, ParsesAddressesAndDomains) {
  auto a = parse_rule_target(" <Alerts@Grid.Example> ");
  ASSERT_OK(a);
  EXPECT_EQ(a->kind, Rule::Kind::kAddress);
  EXPECT_EQ(a->pattern, "alerts@grid.example");
  auto d = parse_rule_target("@Deals.Example");
  ASSERT_OK(d);
  EXPECT_EQ(d->kind, Rule::Kind::kDomain);
  EXPECT_EQ(d->pattern, "deals.example");
  EXPECT_FALSE(parse_rule_target("not a domain"));
  EXPECT_FALSE(parse_rule_target("localhost"));
  EXPECT_FALSE(parse_rule_target("a@b..c"));
  EXPECT_EQ(parse_rule_label("allow"), Label::kBusiness);
  EXPECT_EQ(parse_rule_label("Deny"), Label::kNoise);
  EXPECT_EQ(parse_rule_label("operational"), Label::kOperational);
  EXPECT_FALSE(parse_rule_label("maybe"));
}

TEST(RulesTest, AddressBeatsDomainAndLongerDomainBeatsShorter) {
  RuleSet set({rule(1, "example.com", Label::kNoise), rule(2, "ops.example.com", Label::kOperational),
               rule(3, "boss@ops.example.com", Label::kBusiness)});
  EXPECT_EQ(set.match(from("boss@ops.example.com"))->id, 3);
  EXPECT_EQ(set.match(from("Robot@OPS.example.com"))->id, 2);
  EXPECT_EQ(set.match(from("x@mail.ops.example.com"))->id, 2);
  EXPECT_EQ(set.match(from("x@example.com"))->id, 1);
  EXPECT_EQ(set.match(from("x@notexample.com")), nullptr);
  EXPECT_EQ(set.match(Email{}), nullptr);
}

TEST(RulesTest, RulesDecideBeforeTheModel) {
  RulesClassifier c(RuleSet({rule(7, "partner.example", Label::kBusiness)}), std::make_unique<FixedClassifier>());
  auto v = c.classify(from("pat@partner.example"));
  ASSERT_OK(v);
  EXPECT_EQ(v->label, Label::kBusiness);
  EXPECT_EQ(v->decided_by, Decider::kRules);
  EXPECT_DOUBLE_EQ(v->confidence, 1.0);
  ASSERT_EQ(v->reasons.size(), 1u);
  EXPECT_EQ(v->reasons[0].feature, "rule #7: domain partner.example");
  auto other = c.classify(from("x@else.example"));
  ASSERT_OK(other);
  EXPECT_EQ(other->decided_by, Decider::kModel);
}

TEST(RulesTest, AllowRulesIgnoreForgedSenders) {
  RulesClassifier c(RuleSet({rule(1, "partner.example", Label::kBusiness), rule(2, "spam.example", Label::kNoise)}),
                    std::make_unique<FixedClassifier>());
  auto forged = c.classify(from("pat@partner.example", "mx.example; spf=fail smtp.mailfrom=partner.example"));
  ASSERT_OK(forged);
  EXPECT_EQ(forged->decided_by, Decider::kModel);
  EXPECT_NE(forged->note.find("not applied"), std::string::npos);
  auto deny = c.classify(from("x@spam.example", "mx.example; dmarc=fail"));
  ASSERT_OK(deny);
  EXPECT_EQ(deny->decided_by, Decider::kRules);  // a deny rule needs no trust
}

}  // namespace
}  // namespace mailsift::classify
