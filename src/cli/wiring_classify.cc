// The classification half of wiring.h: which classifier ingest, `classify` and `eval classify`
// use, from the classify.* settings (see wire_classifier in wiring.h).
#include <cmath>
#include <memory>
#include <unordered_set>

#include "classify/local_classifier.h"
#include "classify/sqlite_classify.h"
#include "cli/wiring.h"
#include "llm/factory.h"
#include "net/env.h"

namespace mailsift::cli {

namespace {

// Who counts as a known contact for the classifier: the addresses and (never free-mail) domains
// the contractor registry lists, and the addresses enrichment has linked to a contractor.
// Colleagues in the staff directory are not: their office chatter (cake, lost chargers) is
// NOISE as often as not, and measured on the demo labels the evidence then did harm. A snapshot taken when the classifier is built: immutable, so the worker threads
// may share it. Empty when there are no such tables yet.
Result<classify::ContactLookup> known_contacts(sql::Database& db) {
  auto known = std::make_shared<std::unordered_set<std::string>>();
  auto domains = std::make_shared<std::unordered_set<std::string>>();
  auto has_table = MAILSIFT_TRY(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('contractor_keys', 'contacts')"));
  MAILSIFT_TRY(has_table.step());
  if (has_table.get_int(0) < 2) return classify::ContactLookup();
  auto keys = MAILSIFT_TRY(db.prepare("SELECT kind, lower(value) FROM contractor_keys"));
  while (MAILSIFT_TRY(keys.step())) {
    (keys.get_text(0) == "domain" ? *domains : *known).insert(keys.get_text(1));
  }
  auto linked = MAILSIFT_TRY(db.prepare(
      "SELECT address FROM contacts WHERE contractor_id IS NOT NULL"));
  while (MAILSIFT_TRY(linked.step())) known->insert(linked.get_text(0));
  if (known->empty() && domains->empty()) return classify::ContactLookup();
  return classify::ContactLookup([known, domains](std::string_view address) {
    if (known->count(std::string(address))) return true;
    const size_t at = address.rfind('@');
    return at != std::string_view::npos && domains->count(std::string(address.substr(at + 1))) > 0;
  });
}

bool llm_configured(const Config& config) {
  std::string p = config.get("llm.provider");
  return !p.empty() && p != "offline";
}

Result<classify::LlmClassifier::Options> llm_options(const Config& config) {
  classify::LlmClassifier::Options o;
  o.privacy = MAILSIFT_TRY(llm::PrivacyPolicy::from_config(config));
  const int64_t max_chars = MAILSIFT_TRY(config.get_int("classify.llm_max_chars", 8000));
  if (max_chars < 0) return fail(Code::kInvalidArgument, "setting classify.llm_max_chars must not be negative");
  // The privacy limit applies when it is set explicitly (the stricter wins); else the classifier's.
  if (!config.has("privacy.max_chars_per_email")) o.privacy.max_chars_per_email = static_cast<size_t>(max_chars);
  else o.privacy.max_chars_per_email = std::min(o.privacy.max_chars_per_email, static_cast<size_t>(max_chars));
  o.max_tokens = static_cast<int>(MAILSIFT_TRY(config.get_int("classify.llm_max_tokens", 300)));
  return o;
}

}  // namespace

Result<std::string> classify_mode(const Context& ctx, const std::string& override_mode) {
  std::string mode = override_mode.empty() ? ctx.config().get("classify.mode") : override_mode;
  if (mode.empty()) mode = llm_configured(ctx.config()) ? "cascade" : "local";
  if (mode != "local" && mode != "llm" && mode != "cascade") {
    return fail(Code::kInvalidArgument, "unknown classify mode '" + mode + "'", "use local, llm or cascade");
  }
  return mode;
}

Result<ClassifierWiring> wire_classifier(Context& ctx, SqliteEmailStore* store, const ClassifierChoice& choice) {
  const Config& config = ctx.config();
  ClassifierWiring w;
  w.mode = MAILSIFT_TRY(classify_mode(ctx, choice.mode));
  w.threshold = MAILSIFT_TRY(config.get_double("classify.threshold", 0.8));
  if (!(w.threshold > 0 && w.threshold <= 1)) {
    return fail(Code::kInvalidArgument, "setting classify.threshold must be in (0, 1]", "0.8 sends about one message in ten to the LLM");
  }
  auto model = MAILSIFT_TRY(classify::load_model(choice.shipped_model ? std::string() : ctx.data_dir(),
                                                 config.get("classify.model")));
  auto llm_opts = MAILSIFT_TRY(llm_options(config));
  w.privacy = llm_opts.privacy;
  classify::LocalClassifier::Options local_options;
  if (store && MAILSIFT_TRY(config.get_bool("classify.known_contacts", true))) {
    local_options.contacts = MAILSIFT_TRY(known_contacts(store->database()));
  }
  std::unique_ptr<Classifier> classifier = std::make_unique<classify::LocalClassifier>(model, local_options);
  w.local_model = model->id();

  if (w.mode != "local") {
    auto chat = llm::make_chat_model(config, net::process_env());
    if (!chat || (*chat)->offline()) {
      std::string why = chat ? "llm.provider is offline" : chat.error().to_string();
      if (!config.has("classify.mode") && choice.mode.empty()) {
        w.notes.push_back("classifying locally only: the LLM is not usable (" + why + ")");
        w.mode = "local";
      } else {
        return fail(Code::kInvalidArgument, "classify mode " + w.mode + " needs a language model: " + why,
                    "set llm.provider and llm.model (docs/CONFIGURATION.md), or use --mode local");
      }
    } else {
      auto llm = std::make_unique<classify::LlmClassifier>(std::move(*chat), std::move(llm_opts));
      w.llm = llm.get();
      const double threshold = w.mode == "llm" ? 2.0 : w.threshold;  // llm: always ask
      classifier = std::make_unique<classify::CascadeClassifier>(std::move(classifier), std::move(llm), threshold);
    }
  }

  if (store && MAILSIFT_TRY(config.get_bool("classify.rules", true))) {
    classify::SqliteClassifyTables tables(store->database());
    auto rules = MAILSIFT_TRY(tables.rules());
    w.rules = rules.size();
    if (!rules.empty()) {
      classifier = std::make_unique<classify::RulesClassifier>(classify::RuleSet(std::move(rules)), std::move(classifier));
    }
  }
  w.classifier = std::move(classifier);
  return w;
}

}  // namespace mailsift::cli
