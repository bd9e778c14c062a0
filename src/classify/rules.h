// Sender rules: staff pin a class on a sender address or a whole domain ("everything from
// alerts@grid.example is OPERATIONAL", "deny spammy.example"), for the cases they want fixed for
// good. A rule decides before any model (decided_by = rules, confidence 1).
//
// Matching: an address rule matches the From address (case-insensitive); a domain rule matches
// the From domain and its subdomains; address rules beat domain rules, a longer domain beats a
// shorter one. A rule that would keep mail (any class but NOISE) is not applied when the
// message failed sender authentication (SPF/DKIM/DMARC fail in Authentication-Results): a
// forged From must not ride on an allow rule.
//
// RulesClassifier wraps another classifier: rules first, the wrapped one otherwise. It is as
// thread-safe as the wrapped classifier (the rule set is immutable).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "core/result.h"
#include "core/types.h"

namespace mailsift::classify {

struct Rule {
  enum class Kind { kAddress, kDomain };
  int64_t id = 0;
  Kind kind = Kind::kAddress;
  std::string pattern;  // lower-case address, or domain without "@"
  Label label = Label::kNoise;
  std::string note;
  UnixTime created_at = 0;
};

std::string_view rule_kind_name(Rule::Kind kind);  // "address" / "domain"

// Reads what a user typed: "alice@example.com" (address), "example.com" or "@example.com"
// (domain). Errors: kInvalidArgument for anything that is neither.
Result<Rule> parse_rule_target(std::string_view text);

// Reads a class or an alias: "allow" = BUSINESS, "deny" / "block" = NOISE.
std::optional<Label> parse_rule_label(std::string_view text);

class RuleSet {
 public:
  RuleSet() = default;
  explicit RuleSet(std::vector<Rule> rules) : rules_(std::move(rules)) {}

  // The rule that decides this message, or nullptr.
  const Rule* match(const Email& email) const;
  bool empty() const { return rules_.empty(); }
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  std::vector<Rule> rules_;
};

// True when Authentication-Results / Received-SPF report a failure.
bool failed_authentication(const Email& email);

class RulesClassifier final : public Classifier {
 public:
  // REQUIRES: inner != nullptr.
  RulesClassifier(RuleSet rules, std::unique_ptr<Classifier> inner) : rules_(std::move(rules)), inner_(std::move(inner)) {}

  Result<Classification> classify(const Email& email) override;
  std::string name() const override { return inner_->name(); }
  bool thread_safe() const override { return inner_->thread_safe(); }
  Classifier& inner() { return *inner_; }

 private:
  RuleSet rules_;
  std::unique_ptr<Classifier> inner_;
};

}  // namespace mailsift::classify
