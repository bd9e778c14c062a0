// mailsift label ID CLASS: a person's verdict on a message. It always wins over rules, the model
// and the LLM, and `mailsift train` learns from it.
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/time.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct LabelArgs {
  std::vector<std::string> words;  // ID... CLASS
  std::vector<int64_t> ids;
  std::string label;
  std::string note;
  bool json = false;
};

Result<void> run_label(Context& ctx, LabelArgs args) {
  if (args.words.size() < 2) return fail(Code::kInvalidArgument, "give message id(s) and a class", "mailsift label 42 BUSINESS");
  args.label = args.words.back();
  args.words.pop_back();
  for (const auto& w : args.words) {
    try {
      size_t used = 0;
      const int64_t id = std::stoll(w, &used);
      if (used != w.size() || id <= 0) throw std::invalid_argument(w);
      args.ids.push_back(id);
    } catch (const std::exception&) {
      return fail(Code::kInvalidArgument, "'" + w + "' is not a message id", "ids come from `mailsift list` or `search`");
    }
  }
  auto label = parse_label(args.label);
  if (!label) {
    return fail(Code::kInvalidArgument, "unknown class '" + args.label + "'", "use BUSINESS, OPERATIONAL or NOISE");
  }
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  nlohmann::json out = nlohmann::json::array();
  for (int64_t id : args.ids) {
    StoredEmail before = MAILSIFT_TRY(store->get(id));
    Classification c;
    c.label = *label;
    c.confidence = 1.0;
    c.decided_by = Decider::kHuman;
    c.model = "human";
    c.note = args.note;
    c.decided_at = now_unix();
    MAILSIFT_TRY_VOID(store->add_classification(id, c));
    std::string was = before.classification ? std::string(label_name(before.classification->label)) + " by " +
                                                  std::string(decider_name(before.classification->decided_by))
                                            : "unclassified";
    if (args.json) {
      out.push_back({{"id", id}, {"class", label_name(*label)}, {"was", was}});
    } else {
      std::cout << fmt::format("{}  {}  (was {})  {}\n", id, label_name(*label), was, fit(before.email.subject, 60));
    }
  }
  if (args.json) ctx.print_json(out);
  else ctx.note("`mailsift train` refits the local model on these corrections");
  return ok();
}

}  // namespace

void add_label(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<LabelArgs>();
  auto* cmd = app.add_subcommand("label", "Set the class of messages by hand (a human verdict always wins)");
  cmd->add_option("id-and-class", args->words, "Message id(s), then BUSINESS, OPERATIONAL or NOISE")->required();
  cmd->add_option("--note", args->note, "Why (kept with the verdict)");
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  cmd->footer(R"(Examples:
  mailsift label 42 BUSINESS
  mailsift label 17 18 19 NOISE --note "vendor newsletter"
  mailsift train                      # learn from the corrections)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_label(ctx, *args); }; });
}

}  // namespace mailsift::cli
