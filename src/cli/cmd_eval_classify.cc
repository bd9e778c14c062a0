// mailsift eval classify LABELS.tsv...: how well classification does on labelled messages,
// without storing them. Three ways:
//   (default)        the configured classifier (mode local / llm / cascade) on the files
//   --folds K        K-fold cross-validation of the local model over the files (grouped folds)
//   --train A.tsv    the local model trained on the --train files, scored on the others
#include <filesystem>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "classify/evaluate.h"
#include "classify/local_classifier.h"
#include "cli/commands.h"
#include "core/strings.h"
#include "cli/wiring.h"
#include "store/email_json.h"

namespace fs = std::filesystem;

namespace mailsift::cli {

namespace {

struct EvalArgs {
  std::vector<std::string> files, train;
  std::string root, mode;
  int folds = 0;
  int mistakes = 0;
  bool json = false, shipped = false;
};

constexpr Label kLabels[] = {Label::kBusiness, Label::kOperational, Label::kNoise};

nlohmann::json metrics_json(const classify::Metrics& m) {
  nlohmann::json per_class, confusion;
  for (Label t : kLabels) {
    per_class[std::string(label_name(t))] = {
        {"precision", m.precision(t)}, {"recall", m.recall(t)}, {"f1", m.f1(t)}, {"support", m.support(t)}};
    for (Label p : kLabels) confusion[std::string(label_name(t))][std::string(label_name(p))] = m.count(t, p);
  }
  return {{"messages", m.total()}, {"accuracy", m.accuracy()}, {"macro_f1", m.macro_f1()},
          {"per_class", per_class}, {"confusion", confusion}};
}

void print_metrics(const classify::Metrics& m) {
  std::cout << fmt::format("messages   {}\naccuracy   {:.3f}\nmacro-F1   {:.3f}\n\n", m.total(), m.accuracy(), m.macro_f1());
  std::cout << fmt::format("{:<12} {:>9} {:>7} {:>7} {:>8}\n", "class", "precision", "recall", "F1", "support");
  for (Label t : kLabels) {
    std::cout << fmt::format("{:<12} {:>9.3f} {:>7.3f} {:>7.3f} {:>8}\n", label_name(t), m.precision(t), m.recall(t),
                             m.f1(t), m.support(t));
  }
  std::cout << fmt::format("\nconfusion (rows: truth, columns: predicted)\n{:<12} {:>9} {:>12} {:>7}\n", "", "BUSINESS",
                           "OPERATIONAL", "NOISE");
  for (Label t : kLabels) {
    std::cout << fmt::format("{:<12} {:>9} {:>12} {:>7}\n", label_name(t), m.count(t, Label::kBusiness),
                             m.count(t, Label::kOperational), m.count(t, Label::kNoise));
  }
}

std::string source_name(const std::string& tsv) { return fs::path(tsv).stem().string(); }

Result<std::vector<classify::Example>> load_all(const std::vector<std::string>& files, const std::string& root,
                                                std::vector<std::string>& failures) {
  classify::FeatureExtractor extractor;
  std::vector<classify::Example> out;
  for (const auto& f : files) {
    auto set = MAILSIFT_TRY(classify::load_examples(f, root, source_name(f), extractor));
    for (auto& e : set.examples) out.push_back(std::move(e));
    for (auto& x : set.failures) failures.push_back(std::move(x));
  }
  return out;
}

// --folds / --train: the local model, trained here.
Result<void> run_training_eval(Context& ctx, const EvalArgs& args) {
  std::vector<std::string> failures;
  auto examples = MAILSIFT_TRY(load_all(args.files, args.root, failures));
  classify::TrainOptions options;
  classify::Metrics m;
  std::string method;
  if (args.folds > 0) {
    m = MAILSIFT_TRY(classify::cross_validate(examples, args.folds, options));
    method = fmt::format("{}-fold cross-validation, folds grouped by user (Enron) or sender", args.folds);
  } else {
    auto train_set = MAILSIFT_TRY(load_all(args.train, args.root, failures));
    m = MAILSIFT_TRY(classify::train_and_test(train_set, examples, options));
    std::vector<std::string> names;
    for (const auto& t : args.train) names.push_back(source_name(t));
    method = "trained on " + join(names, " + ");
  }
  if (args.json) {
    nlohmann::json out = metrics_json(m);
    out["method"] = method;
    out["mode"] = "local";
    out["llm_share"] = 0.0;
    out["failures"] = failures;
    ctx.print_json(out);
    return ok();
  }
  std::cout << method << "\n\n";
  print_metrics(m);
  for (const auto& f : failures) std::cout << "skipped " << f << "\n";
  return ok();
}

Result<void> run_eval_classify(Context& ctx, const EvalArgs& args) {
  if (args.folds < 0 || args.folds == 1) return fail(Code::kInvalidArgument, "--folds needs at least 2");
  if (args.folds > 0 && !args.train.empty()) return fail(Code::kInvalidArgument, "use --folds or --train, not both");
  if (args.folds > 0 || !args.train.empty()) return run_training_eval(ctx, args);

  // The configured classifier; sender rules belong to a mailbox, not to a labelled set.
  auto wiring = MAILSIFT_TRY(wire_classifier(ctx, nullptr, ClassifierChoice{args.mode, args.shipped}));
  for (const auto& n : wiring.notes) ctx.note("note: " + n);
  std::vector<classify::LabelledPath> files;
  for (const auto& f : args.files) {
    auto part = MAILSIFT_TRY(classify::read_labels(f, args.root));
    files.insert(files.end(), part.begin(), part.end());
  }
  int64_t all_tokens = 0;  // what sending every message would take
  auto report = MAILSIFT_TRY(classify::evaluate_classifier(*wiring.classifier, files, [&](const Email& e) {
    all_tokens += classify::estimate_request_tokens(wiring.privacy, e) + 30;
  }));
  const classify::Metrics& m = report.metrics;
  const double share = m.total() > 0 ? static_cast<double>(report.sent_to_llm) / static_cast<double>(m.total()) : 0;
  classify::LlmUsage usage = wiring.llm ? wiring.llm->usage() : classify::LlmUsage{};
  const double price_in = MAILSIFT_TRY(ctx.config().get_double("classify.llm_price_input", 0));
  const double price_out = MAILSIFT_TRY(ctx.config().get_double("classify.llm_price_output", 0));
  const bool priced = price_in > 0 || price_out > 0;
  const double cost = (static_cast<double>(usage.input_tokens) * price_in +
                       static_cast<double>(usage.output_tokens) * price_out) / 1e6;
  const double cost_all = static_cast<double>(all_tokens) * price_in / 1e6 +
                          static_cast<double>(m.total()) * 30.0 * price_out / 1e6;
  const double rate = report.seconds > 0 ? static_cast<double>(m.total()) / report.seconds : 0;

  if (args.json) {
    nlohmann::json out = metrics_json(m);
    out["mode"] = wiring.mode;
    out["model"] = wiring.classifier->name();
    out["threshold"] = wiring.threshold;
    out["llm_share"] = share;
    out["llm"] = {{"sent", report.sent_to_llm}, {"calls", usage.calls}, {"failures", usage.failures},
                  {"fallbacks", report.fallbacks}, {"input_tokens", usage.input_tokens},
                  {"output_tokens", usage.output_tokens},
                  {"estimated_cost_usd", priced ? nlohmann::json(cost) : nlohmann::json(nullptr)},
                  {"all_to_llm_estimated_tokens", all_tokens},
                  {"all_to_llm_estimated_cost_usd", priced ? nlohmann::json(cost_all) : nlohmann::json(nullptr)}};
    out["seconds"] = report.seconds;
    out["messages_per_second"] = rate;
    out["failures"] = report.failures;
    nlohmann::json wrong = nlohmann::json::array();
    for (size_t i = 0; i < report.mistakes.size() && static_cast<int>(i) < args.mistakes; ++i) {
      const auto& x = report.mistakes[i];
      wrong.push_back({{"path", x.path}, {"truth", label_name(x.truth)}, {"classification", to_json(x.verdict)}});
    }
    if (args.mistakes > 0) out["mistakes"] = wrong;
    ctx.print_json(out);
    return ok();
  }
  std::cout << fmt::format("classifier {} (mode {})\n\n", wiring.classifier->name(), wiring.mode);
  print_metrics(m);
  std::cout << fmt::format("\nsent to the LLM  {} of {} ({:.1f}%)", report.sent_to_llm, m.total(), share * 100);
  if (wiring.mode == "cascade") std::cout << fmt::format(", local confidence under {:.2f}", wiring.threshold);
  std::cout << "\n";
  if (wiring.llm) {
    std::cout << fmt::format("LLM tokens       {} in, {} out; {} call(s) failed ({} fallback(s))\n", usage.input_tokens,
                             usage.output_tokens, usage.failures, report.fallbacks);
  }
  if (priced) {
    std::cout << fmt::format("estimated cost   ${:.4f} (all messages to the LLM: ~{} tokens, ${:.4f})\n", cost,
                             all_tokens, cost_all);
  } else {
    std::cout << fmt::format("estimated cost   all messages to the LLM would take ~{} input tokens "
                             "(set classify.llm_price_input / _output, USD per million tokens, for a cost)\n",
                             all_tokens);
  }
  std::cout << fmt::format("speed            {:.0f} messages/s (classification only)\n", rate);
  for (int i = 0; i < args.mistakes && i < static_cast<int>(report.mistakes.size()); ++i) {
    const auto& x = report.mistakes[static_cast<size_t>(i)];
    std::vector<std::string> reasons;
    for (const auto& r : x.verdict.reasons) reasons.push_back(r.feature);
    std::cout << fmt::format("  {}  truth {} got {} ({:.0f}%): {}\n", x.path, label_name(x.truth),
                             label_name(x.verdict.label), x.verdict.confidence * 100, join(reasons, "; "));
  }
  for (const auto& f : report.failures) std::cout << "skipped " << f << "\n";
  return ok();
}

}  // namespace

void add_eval_classify(CLI::App& eval, Context& ctx, Action& action) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = eval.add_subcommand("classify", "Accuracy, macro-F1, per-class scores and LLM share on labelled mail");
  cmd->add_option("labels", args->files, "Labels file(s): TSV with a path and a class column (header allowed)")
      ->required();
  cmd->add_option("--root", args->root, "The folder paths are relative to (default: each labels file's folder)");
  cmd->add_option("--mode", args->mode, "local, llm or cascade (setting classify.mode)");
  cmd->add_flag("--shipped", args->shipped, "Use the shipped model, not the data directory's trained one");
  cmd->add_option("--folds", args->folds, "Cross-validate the local model over the files with K grouped folds");
  cmd->add_option("--train", args->train, "Train the local model on these labels files, then score the others");
  cmd->add_option("--mistakes", args->mistakes, "List up to N misclassified messages with their reasons");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->footer(R"(Messages are parsed and classified, never stored. Paths in a labels file are relative to
--root, else to the labels file's folder.

Examples:
  mailsift eval classify demo/labels.tsv
  mailsift eval classify demo/labels.tsv --mode cascade --json
  mailsift eval classify --folds 5 --root ../shared ../shared/labels/{spamassassin,synthetic,enron-dev}.tsv
  mailsift eval classify --root ../shared --train ../shared/labels/spamassassin.tsv \
      --train ../shared/labels/synthetic.tsv ../shared/labels/enron-dev.tsv)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_eval_classify(ctx, *args); }; });
}

}  // namespace mailsift::cli
