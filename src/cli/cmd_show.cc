#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/contacts_views.h"
#include "core/strings.h"
#include "core/time.h"
#include "mime/parser.h"
#include "store/email_json.h"

namespace fs = std::filesystem;

namespace mailsift::cli {

namespace {

struct ShowArgs {
  int64_t id = 0;
  bool json = false, raw = false, html = false, headers = false, force = false;
  int attachment = -1;
  std::string output;
};

std::string address_line(const std::vector<Address>& list) {
  std::vector<std::string> parts;
  for (const auto& a : list) parts.push_back(a.display());
  return join(parts, ", ");
}

// Writes attachment bytes to a file. The name comes from the (sanitised) attachment name unless
// the user gave a file path; an existing file is never overwritten without --force.
Result<void> save_attachment(Context& ctx, SqliteEmailStore& store, const StoredEmail& se, const ShowArgs& args) {
  const auto& atts = se.email.attachments;
  if (static_cast<size_t>(args.attachment) >= atts.size()) {
    return fail(Code::kNotFound, fmt::format("message {} has no attachment {}", se.summary.id, args.attachment),
                fmt::format("it has {} attachment(s), numbered from 0", atts.size()));
  }
  const Attachment& att = atts[static_cast<size_t>(args.attachment)];
  std::string raw = MAILSIFT_TRY(store.raw(se.summary.id));
  std::string bytes = MAILSIFT_TRY(mime::extract_attachment(raw, att.index));
  if (args.output == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return ok();
  }
  fs::path target = args.output.empty() ? fs::path(".") : fs::path(args.output);
  std::error_code ec;
  if (args.output.empty() || fs::is_directory(target, ec)) target /= mime::sanitize_filename(att.filename);
  if (fs::exists(target, ec) && !args.force) {
    return fail(Code::kAlreadyExists, target.string() + " exists", "pass --force to overwrite, or -o another path");
  }
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return fail(Code::kIo, "cannot write " + target.string());
  ctx.note(fmt::format("wrote {} ({} bytes)", target.string(), bytes.size()));
  return ok();
}

void print_text(const StoredEmail& se, bool all_headers, const std::string& links) {
  const Email& e = se.email;
  std::cout << fmt::format("Message {}  (thread {})\n", se.summary.id, se.summary.thread_id);
  std::cout << "From:       " << address_line(e.from) << "\n";
  if (!e.to.empty()) std::cout << "To:         " << address_line(e.to) << "\n";
  if (!e.cc.empty()) std::cout << "Cc:         " << address_line(e.cc) << "\n";
  if (!e.reply_to.empty()) std::cout << "Reply-To:   " << address_line(e.reply_to) << "\n";
  std::cout << "Date:       " << format_short(e.date) << " UTC";
  if (e.date_source != DateSource::kHeader) std::cout << "  (from the " << date_source_name(e.date_source) << " time)";
  std::cout << "\n";
  std::cout << "Subject:    " << e.subject << "\n";
  std::cout << "Message-ID: " << e.message_id << (e.message_id_synthesized ? "  (synthesised: the message had none)" : "")
            << "\n";
  if (!e.list_id.empty()) std::cout << "List-Id:    " << e.list_id << "\n";
  if (se.classification) {
    const Classification& c = *se.classification;
    std::cout << fmt::format("Class:      {} ({:.0f}%, by {}{}{})\n", label_name(c.label), c.confidence * 100,
                             decider_name(c.decided_by), c.model.empty() ? "" : " " + c.model,
                             c.fallback ? ", fallback" : "");
    std::vector<std::string> reasons;
    for (size_t i = 0; i < c.reasons.size() && i < 6; ++i) {
      reasons.push_back(fmt::format("{} {:+.2f}", c.reasons[i].feature, c.reasons[i].weight));
    }
    if (!reasons.empty()) std::cout << "Because:    " << join(reasons, "; ") << "\n";
    if (!c.note.empty()) std::cout << "Note:       " << c.note << "\n";
  } else {
    std::cout << "Class:      unclassified\n";
  }
  std::cout << links;  // the sender's enrichment links, when enriched
  for (const auto& w : e.warnings) std::cout << "Warning:    " << w << "\n";
  if (all_headers) {
    std::cout << "\n";
    for (const auto& h : e.headers) std::cout << h.name << ": " << h.value << "\n";
  }
  if (!e.attachments.empty()) {
    std::cout << "Attachments:\n";
    for (const auto& a : e.attachments) {
      std::cout << fmt::format("  [{}] {}  {}  {}\n", a.index, a.filename, a.content_type, human_bytes(a.size));
    }
  }
  std::cout << "\n" << e.text_body;
  if (!e.text_body.empty() && e.text_body.back() != '\n') std::cout << "\n";
}

Result<void> run_show(Context& ctx, const ShowArgs& args) {
  auto store = MAILSIFT_TRY(ctx.open_store(false));
  if (args.raw) {
    std::string raw = MAILSIFT_TRY(store->raw(args.id));
    std::cout.write(raw.data(), static_cast<std::streamsize>(raw.size()));
    return ok();
  }
  StoredEmail se = MAILSIFT_TRY(store->get(args.id));
  if (args.attachment >= 0) return save_attachment(ctx, *store, se, args);
  if (args.html) {
    if (se.email.html_body.empty()) return fail(Code::kNotFound, fmt::format("message {} has no HTML body", args.id));
    std::cout << se.email.html_body << "\n";
    return ok();
  }
  if (args.json) {
    auto j = to_json(se);
    j["enrichment"] = MAILSIFT_TRY(message_links_json(*store, args.id));
    ctx.print_json(j);
    return ok();
  }
  print_text(se, args.headers, MAILSIFT_TRY(message_links_text(*store, args.id)));
  return ok();
}

}  // namespace

void add_show(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ShowArgs>();
  auto* cmd = app.add_subcommand("show", "Show one message: headers, class, attachments and text");
  cmd->add_option("id", args->id, "Message id (from list or search)")->required();
  cmd->add_flag("--json", args->json, "Print everything as one JSON object");
  cmd->add_flag("--raw", args->raw, "Write the original bytes, exactly as received");
  cmd->add_flag("--html", args->html, "Print the HTML body (untrusted content: do not open it in a browser as is)");
  cmd->add_flag("--headers", args->headers, "Also print every header");
  cmd->add_option("-a,--attachment", args->attachment, "Save attachment N (numbered from 0) instead");
  cmd->add_option("-o,--output", args->output, "With --attachment: a directory or file to write, or - for stdout");
  cmd->add_flag("--force", args->force, "With --attachment: overwrite an existing file");
  cmd->footer(R"(Examples:
  mailsift show 42
  mailsift show 42 --raw > original.eml
  mailsift show 42 --attachment 0 -o ~/Downloads    # file name is sanitised
  mailsift show 42 --json | jq .classification)");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_show(ctx, *args); }; });
}

}  // namespace mailsift::cli
