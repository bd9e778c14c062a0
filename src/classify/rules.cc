#include "classify/rules.h"

#include "core/strings.h"

namespace mailsift::classify {

std::string_view rule_kind_name(Rule::Kind kind) { return kind == Rule::Kind::kAddress ? "address" : "domain"; }

namespace {

bool valid_domain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.front() == '.' || d.back() == '.' || d.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : d) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
  }
  return true;
}

// 'text' (built by appending: GCC 12 warns falsely on "'" + std::string(...)).
std::string quoted(std::string_view text) {
  std::string out = "'";
  out.append(text).append("'");
  return out;
}

}  // namespace

Result<Rule> parse_rule_target(std::string_view text) {
  std::string_view v = trim(text);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  if (!v.empty() && v.front() == '@') v.remove_prefix(1);  // "@example.com": a domain
  std::string t = to_lower(v);
  Rule r;
  const auto at = t.rfind('@');
  if (at != std::string::npos && at > 0) {
    if (!valid_domain(t.substr(at + 1)) || t.find_first_of(" \t<>,;") != std::string::npos) {
      return fail(Code::kInvalidArgument, quoted(text).append(" is not an e-mail address"),
                  "give an address (alerts@example.com) or a domain (example.com)");
    }
    r.kind = Rule::Kind::kAddress;
  } else {
    if (!valid_domain(t) || t.find('.') == std::string::npos) {
      return fail(Code::kInvalidArgument, quoted(text).append(" is neither an address nor a domain"),
                  "give an address (alerts@example.com) or a domain (example.com)");
    }
    r.kind = Rule::Kind::kDomain;
  }
  r.pattern = t;
  return r;
}

std::optional<Label> parse_rule_label(std::string_view text) {
  std::string_view t = trim(text);
  if (iequals(t, "allow")) return Label::kBusiness;
  if (iequals(t, "deny") || iequals(t, "block")) return Label::kNoise;
  return parse_label(t);
}

bool failed_authentication(const Email& email) {
  for (const Header& h : email.headers) {
    if (iequals(h.name, "Authentication-Results")) {
      for (std::string_view bad : {"spf=fail", "dkim=fail", "dmarc=fail", "spf=softfail"}) {
        if (icontains(h.value, bad)) return true;
      }
    } else if (iequals(h.name, "Received-SPF")) {
      std::string_view v = trim(h.value);
      if (istarts_with(v, "fail") || istarts_with(v, "softfail")) return true;
    }
  }
  return false;
}

const Rule* RuleSet::match(const Email& email) const {
  if (rules_.empty()) return nullptr;
  const Address& from = email.primary_from();
  if (from.address.empty()) return nullptr;
  const std::string address = from.normalized();
  const std::string domain = from.domain();
  const Rule* best = nullptr;
  for (const Rule& r : rules_) {
    if (r.kind == Rule::Kind::kAddress) {
      if (r.pattern == address) return &r;
      continue;
    }
    const bool hit = domain == r.pattern ||
                     (domain.size() > r.pattern.size() && domain.ends_with(r.pattern) &&
                      domain[domain.size() - r.pattern.size() - 1] == '.');
    if (hit && (!best || r.pattern.size() > best->pattern.size())) best = &r;
  }
  return best;
}

Result<Classification> RulesClassifier::classify(const Email& email) {
  const Rule* rule = rules_.match(email);
  if (rule && (rule->label == Label::kNoise || !failed_authentication(email))) {
    Classification c;
    c.label = rule->label;
    c.confidence = 1.0;
    c.decided_by = Decider::kRules;
    c.model = "rules";
    c.reasons.push_back({"rule #" + std::to_string(rule->id) + ": " + std::string(rule_kind_name(rule->kind)) + " " +
                             rule->pattern,
                         1.0});
    c.note = rule->note;
    return c;
  }
  auto c = inner_->classify(email);
  if (c && rule) c->note = "rule #" + std::to_string(rule->id) + " not applied: the sender failed authentication";
  return c;
}

}  // namespace mailsift::classify
