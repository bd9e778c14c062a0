// The classification half of wiring.h: which classifier ingest, `classify` and `eval classify`
// use, from the classify.* settings (see wire_classifier in wiring.h).
#include <cmath>

#include "classify/local_classifier.h"
#include "classify/sqlite_classify.h"
#include "cli/wiring.h"
#include "llm/factory.h"
#include "net/env.h"

namespace mailsift::cli {

namespace {

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
