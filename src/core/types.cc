#include "core/types.h"

#include "core/strings.h"

namespace mailsift {

std::string Address::display() const {
  if (name.empty()) return address;
  if (address.empty()) return name;
  return name + " <" + address + ">";
}

std::string Address::normalized() const { return to_lower(address); }

std::string Address::domain() const {
  auto at = address.rfind('@');
  if (at == std::string::npos) return {};
  return to_lower(std::string_view(address).substr(at + 1));
}

std::string_view date_source_name(DateSource source) {
  switch (source) {
    case DateSource::kHeader: return "header";
    case DateSource::kReceived: return "received";
    case DateSource::kIngest: return "ingest";
  }
  return "header";
}

std::string_view label_name(Label label) {
  switch (label) {
    case Label::kBusiness: return "BUSINESS";
    case Label::kOperational: return "OPERATIONAL";
    case Label::kNoise: return "NOISE";
  }
  return "NOISE";
}

std::optional<Label> parse_label(std::string_view text) {
  std::string t = to_lower(trim(text));
  if (t == "business") return Label::kBusiness;
  if (t == "operational") return Label::kOperational;
  if (t == "noise") return Label::kNoise;
  return std::nullopt;
}

std::string_view decider_name(Decider decider) {
  switch (decider) {
    case Decider::kRules: return "rules";
    case Decider::kModel: return "model";
    case Decider::kLlm: return "llm";
    case Decider::kHuman: return "human";
  }
  return "model";
}

std::optional<Decider> parse_decider(std::string_view text) {
  std::string t = to_lower(trim(text));
  if (t == "rules") return Decider::kRules;
  if (t == "model") return Decider::kModel;
  if (t == "llm") return Decider::kLlm;
  if (t == "human") return Decider::kHuman;
  return std::nullopt;
}

const Header* Email::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return &h;
  }
  return nullptr;
}

const Address& Email::primary_from() const {
  static const Address kEmpty;
  if (!from.empty()) return from.front();
  if (!sender.empty()) return sender.front();
  return kEmpty;
}

}  // namespace mailsift
