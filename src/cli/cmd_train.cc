// mailsift train: refits the local classifier.
//   mailsift train                  the shipped training set plus this data directory's human
//                                   labels -> <data-dir>/classifier/model.tsv, used from then on
//   mailsift train --labels A.tsv --labels B.tsv --root DIR --out DIR
//                                   a model from labelled messages (how the shipped model is made)
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "classify/evaluate.h"
#include "classify/local_classifier.h"
#include "classify/sqlite_classify.h"
#include "classify/training_set.h"
#include "cli/commands.h"
#include "core/strings.h"

namespace fs = std::filesystem;

namespace mailsift::cli {

namespace {

struct TrainArgs {
  std::vector<std::string> labels;
  std::string root, out;
  double human_weight = 3.0;
  bool json = false, force = false, reset = false;
};

std::string source_name(const std::string& tsv) { return fs::path(tsv).stem().string(); }

std::string counts_text(const std::vector<classify::Example>& examples) {
  std::map<std::string, int> by_source;
  for (const auto& e : examples) ++by_source[e.source];
  std::vector<std::string> parts;
  for (const auto& [s, n] : by_source) parts.push_back(fmt::format("{}:{}", s, n));
  return join(parts, " ");
}

Result<void> write_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return fail(Code::kIo, "cannot write " + tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec) return fail(Code::kIo, "cannot replace " + path.string() + ": " + ec.message());
  return ok();
}

void report(Context& ctx, const TrainArgs& args, const classify::LinearModel& model,
            const std::vector<classify::Example>& examples, const std::string& where,
            const std::vector<std::string>& failures) {
  if (args.json) {
    ctx.print_json({{"model", model.id()}, {"features", model.size()}, {"examples", examples.size()},
                    {"by_source", counts_text(examples)}, {"written", where}, {"failures", failures}});
    return;
  }
  std::cout << fmt::format("model {}: {} features from {} labelled messages ({})\n", model.id(), model.size(),
                           examples.size(), counts_text(examples));
  std::cout << "written to " << where << "\n";
  for (const auto& f : failures) std::cout << "  skipped " << f << "\n";
}

// A model from labelled files, with its training set beside it (the shipped pair).
Result<void> train_from_labels(Context& ctx, const TrainArgs& args) {
  classify::FeatureExtractor extractor;
  std::vector<classify::Example> examples;
  std::vector<std::string> failures;
  std::vector<std::string> sources;
  for (const auto& tsv : args.labels) {
    auto set = MAILSIFT_TRY(classify::load_examples(tsv, args.root, source_name(tsv), extractor));
    sources.push_back(fmt::format("{}:{}", source_name(tsv), set.examples.size()));
    for (auto& e : set.examples) examples.push_back(std::move(e));
    for (auto& f : set.failures) failures.push_back(std::move(f));
  }
  classify::TrainOptions options;
  options.meta.emplace_back("trained-on", join(sources, " "));
  options.meta.emplace_back("command", "mailsift train --labels ... (see src/classify/model/README.md)");
  auto model = MAILSIFT_TRY(classify::train(examples, options));
  const fs::path dir = args.out.empty() ? fs::path(classify::trained_model_path(ctx.data_dir())).parent_path()
                                        : fs::path(args.out);
  MAILSIFT_TRY_VOID(write_file(dir / "model.tsv", model->serialize()));
  MAILSIFT_TRY_VOID(write_file(dir / "training.zst", classify::serialize_training_set(*model, examples)));
  report(ctx, args, *model, examples, (dir / "model.tsv").string() + " (and training.zst)", failures);
  return ok();
}

// The shipped examples plus this data directory's human labels.
Result<void> train_from_corrections(Context& ctx, const TrainArgs& args) {
  const std::string target = classify::trained_model_path(ctx.data_dir());
  if (args.reset) {
    std::error_code ec;
    fs::remove(target, ec);
    if (ec) return fail(Code::kIo, "cannot remove " + target + ": " + ec.message());
    if (args.json) ctx.print_json({{"reset", true}});
    else std::cout << "removed the trained model: the shipped model is used again\n";
    return ok();
  }
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  classify::SqliteClassifyTables tables(store->database());
  auto human = MAILSIFT_TRY(tables.human_labels());
  if (human.empty() && !args.force) {
    return fail(Code::kNotFound, "no human labels to learn from yet",
                "label messages with `mailsift label ID CLASS` first (or --force to refit on the shipped data alone)");
  }
  std::vector<classify::Example> examples = MAILSIFT_TRY(classify::shipped_training_set());
  classify::FeatureExtractor extractor;
  for (const auto& [id, label] : human) {
    StoredEmail se = MAILSIFT_TRY(store->get(id));
    classify::Example e = classify::make_example(extractor, se.email, label, "human", "human");
    e.weight = args.human_weight;
    examples.push_back(std::move(e));
  }
  classify::TrainOptions options;
  options.local_sources = {"human"};
  auto shipped = MAILSIFT_TRY(classify::shipped_model());
  options.meta.emplace_back("base", shipped->id());
  options.meta.emplace_back("human-labels", std::to_string(human.size()));
  auto model = MAILSIFT_TRY(classify::train(examples, options));
  MAILSIFT_TRY_VOID(model->save(target));
  report(ctx, args, *model, examples, target, {});
  if (!args.json) ctx.note("new mail is classified with it; `mailsift classify --all` reclassifies stored mail");
  return ok();
}

Result<void> run_train(Context& ctx, const TrainArgs& args) {
  if (args.human_weight <= 0) return fail(Code::kInvalidArgument, "--human-weight must be positive");
  if (!args.labels.empty()) return train_from_labels(ctx, args);
  if (!args.root.empty() || !args.out.empty()) {
    return fail(Code::kInvalidArgument, "--root and --out go with --labels");
  }
  return train_from_corrections(ctx, args);
}

}  // namespace

void add_train(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train", "Refit the local classifier on the shipped data plus your corrections");
  cmd->add_option("--labels", args->labels, "Train from a labels file instead (TSV: path, class); repeatable");
  cmd->add_option("--root", args->root, "With --labels: the folder the paths are relative to (default: each file's)");
  cmd->add_option("--out", args->out, "With --labels: where to write model.tsv and training.zst");
  cmd->add_option("--human-weight", args->human_weight, "How much one human label counts against a shipped one")
      ->capture_default_str();
  cmd->add_flag("--force", args->force, "Refit even without human labels");
  cmd->add_flag("--reset", args->reset, "Remove the trained model and use the shipped one again");
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  cmd->footer(R"(Without --labels, learns from every message a person labelled (`mailsift label`) together
with the examples the shipped model was trained on, and writes <data-dir>/classifier/model.tsv,
which classification uses from then on.

Examples:
  mailsift label 42 BUSINESS && mailsift train
  mailsift train --reset
  # how the shipped model is made (from the shared labelled set):
  mailsift train --root ../shared --out src/classify/model \
    --labels ../shared/labels/spamassassin.tsv --labels ../shared/labels/synthetic.tsv \
    --labels ../shared/labels/enron-dev.tsv)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_train(ctx, *args); }; });
}

}  // namespace mailsift::cli
