#include "classify/llm_classifier.h"

#include <cmath>
#include <optional>

#include "llm/structured.h"
#include "llm/untrusted.h"

namespace mailsift::classify {

const llm::Json& classification_schema() {
  static const llm::Json kSchema = {
      {"type", "object"},
      {"properties",
       {{"classification",
         {{"type", "string"},
          {"enum", {"BUSINESS", "OPERATIONAL", "NOISE"}},
          {"description", "The one class of this email."}}},
        {"reason", {{"type", "string"}, {"maxLength", 300}, {"description", "Why, in one short sentence."}}}}},
      {"required", {"classification", "reason"}},
      {"additionalProperties", false}};
  return kSchema;
}

const std::string& classification_instructions() {
  static const std::string kText = std::string(R"(You sort the inbound email of an operations team (a company that manages accredited utility contractors) into exactly one class:

BUSINESS: a person wrote it about the organisation's work, and someone at work has to read it, decide something or reply. Job requests, quotes and prices, accreditation and audits, site access, defects, permits, payment or invoice disputes, complaints and escalations, meetings arranged between people, colleagues asking for a decision. A person forwarding an automated alert or report and asking about it is BUSINESS.

OPERATIONAL: a system or a fixed procedure generated it about systems and processes; staff may need to act on it or keep it, but nobody wrote it as a personal message. Monitoring alerts, bounces and delivery reports, invoices, receipts, statements, remittances, password/account/security notices, helpdesk and workflow updates, scheduled reports, outage and maintenance notices, calendar invitations and responses sent by a calendar system, subscription confirmations, auto-replies, mandatory notices from a scheme body or regulator.

NOISE: nobody at work needs it. Marketing, newsletters, promotions, webinar and event invites, spam, phishing and fraud, mass mailings, mailing-list discussion not addressed to the organisation, social-network notifications, jokes, chain mail, personal chit-chat, social events among colleagues.

Decide by who wrote the message and whether a person has to deal with it, not by what is attached or quoted. Answer with the classification and a short reason.

)") + std::string(llm::kUntrustedDataPolicy);
  return kText;
}

LlmClassifier::LlmClassifier(std::unique_ptr<llm::ChatModel> model, Options options)
    : model_(std::move(model)), options_(std::move(options)) {}

std::string LlmClassifier::name() const {
  const auto& info = model_->info();
  return "llm:" + info.provider + "/" + info.model;
}

std::string classification_prompt(const llm::PrivacyPolicy& policy, const Email& email) {
  llm::OutgoingEmail out = llm::apply_privacy(policy, email);
  std::string text = llm::render_email(out);
  if (out.truncated) text += "\n[the body was cut here]";
  return "Classify this email.\n\n" + llm::wrap_untrusted(text, "the email");
}

int64_t estimate_request_tokens(const llm::PrivacyPolicy& policy, const Email& email) {
  return static_cast<int64_t>((classification_instructions().size() + classification_prompt(policy, email).size()) / 4);
}

LlmUsage LlmClassifier::usage() const {
  LlmUsage u;
  u.calls = calls_.load();
  u.failures = failures_.load();
  u.input_tokens = input_tokens_.load();
  u.output_tokens = output_tokens_.load();
  return u;
}

Result<Classification> LlmClassifier::classify(const Email& email) {
  if (model_->offline()) {
    return fail(Code::kUnavailable, "no language model is configured (llm.provider is offline)",
                "set llm.provider and llm.model, or classify.mode = local");
  }
  llm::ObjectRequest req;
  req.system = classification_instructions();
  req.prompt = classification_prompt(options_.privacy, email);
  req.schema = classification_schema();
  req.name = "email_class";
  req.description = "The class of the email and a short reason.";
  req.max_tokens = options_.max_tokens;
  req.temperature = 0.0;
  req.max_repairs = 1;

  ++calls_;
  llm::ObjectFailure failure;
  auto r = llm::generate_object(*model_, req, &failure);
  const llm::Usage& usage = r ? r->usage : failure.usage;
  // Providers that report no usage: estimate (about four characters a token).
  const int64_t in = usage.input_tokens > 0 ? usage.input_tokens
                                           : static_cast<int64_t>((req.system.size() + req.prompt.size()) / 4);
  input_tokens_ += in;
  output_tokens_ += usage.output_tokens;
  if (!r) {
    ++failures_;
    return fail(r.error());
  }
  const llm::Json* cls = llm::member(r->value, "classification");
  std::optional<Label> label = cls && cls->is_string() ? parse_label(cls->get<std::string>()) : std::nullopt;
  if (!label) {  // generate_object validated the enum; this guards a lenient validator
    ++failures_;
    return fail(Code::kParse, "the model answered a class outside the schema");
  }
  Classification c;
  c.label = *label;
  c.confidence = options_.confidence;
  c.decided_by = Decider::kLlm;
  c.model = name();
  c.note = llm::string_member(r->value, "reason");
  return c;
}

CascadeClassifier::CascadeClassifier(std::unique_ptr<Classifier> local, std::unique_ptr<Classifier> remote,
                                     double threshold)
    : local_(std::move(local)), remote_(std::move(remote)), threshold_(threshold) {}

std::string CascadeClassifier::name() const {
  return threshold_ > 1 ? remote_->name() + " (" + local_->name() + " as fallback)"
                        : "cascade:" + local_->name() + "+" + remote_->name();
}

Result<Classification> CascadeClassifier::classify(const Email& email) {
  auto local = local_->classify(email);
  if (!local) return local;
  if (local->confidence >= threshold_) return local;
  auto remote = remote_->classify(email);
  if (remote) {
    const int pct = static_cast<int>(std::lround(local->confidence * 100));
    std::string local_view = "local model: " + std::string(label_name(local->label)) + " " + std::to_string(pct) + "%";
    remote->note = remote->note.empty() ? local_view : remote->note + " (" + local_view + ")";
    // The local evidence supports the LLM's class only when both agree.
    if (remote->label == local->label) remote->reasons = std::move(local->reasons);
    return remote;
  }
  local->fallback = true;
  local->note = "LLM failed (" + remote.error().to_string() + "); local verdict kept";
  return local;
}

}  // namespace mailsift::classify
