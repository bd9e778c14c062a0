// The offline answer (no model configured): the question searched as typed, the tool sets'
// offline sections (tools.h), the best matching emails listed, and the notice that says how to
// configure a model. Nothing leaves the machine, so the privacy policy does not apply here.
#include <atomic>
#include <cstdint>
#include <string>

#include "chat/chat_service.h"
#include "chat/citations.h"
#include "chat/email_tools.h"
#include "core/strings.h"
#include "core/time.h"
#include "llm/offline.h"

namespace mailsift::chat {

namespace {

constexpr size_t kSnippetWidth = 240;
constexpr char kOfflineCallId[] = "offline-search";

// The question as the search syntax reads it, without anything that would make it a syntax
// error: colons (a question may say "note: ..."), quotes and parentheses become spaces.
std::string plain_words(std::string_view question) {
  std::string out(question);
  for (char& c : out) {
    if (c == ':' || c == '"' || c == '(' || c == ')') c = ' ';
  }
  return collapse_whitespace(out);
}

std::string hit_line(const search::SearchHit& h) {
  std::string from = h.from.display();
  if (from.empty()) from = "(unknown sender)";
  std::string subject = h.subject.empty() ? "(no subject)" : h.subject;
  std::string line = "- " + email_citation(h.id) + " " + (h.date > 0 ? format_short(h.date) : "(no date)") + " · " +
                     from + " · " + subject;
  if (h.label) line += " · " + std::string(label_name(*h.label));
  line += "\n";
  std::string snippet = collapse_whitespace(plain_snippet(h.snippet));
  if (!snippet.empty()) {
    if (snippet.size() > kSnippetWidth) snippet = std::string(utf8_prefix(snippet, kSnippetWidth)) + "…";
    line += "  " + snippet + "\n";
  }
  return line;
}

}  // namespace

Result<Answer> ChatService::answer_offline(const std::string& question, const ChatSink& sink,
                                           const std::atomic<bool>* cancel) const {
  bool stopped = false;
  auto emit = [&](ChatEvent e) {
    if (stopped) return false;
    if (cancel && cancel->load()) {
      // The caller's flag: end with an error event, as the tool loop does.
      e = ChatEvent{};
      e.event.type = llm::EventType::kError;
      e.event.error = Error{Code::kCancelled, "cancelled", ""};
      (void)sink(e);
      stopped = true;
      return false;
    }
    if (!sink(e)) stopped = true;
    return !stopped;
  };
  auto cancelled = [] { return fail(Code::kCancelled, "cancelled"); };
  auto tool_call = [](std::string id, std::string name, Json input) {
    ChatEvent call;
    call.event = llm::StreamEvent::of_tool_call(llm::ToolCall{std::move(id), std::move(name), std::move(input), "", true}, 1);
    call.event.tool_call.input_text = dump_compact(call.event.tool_call.input);
    return call;
  };
  auto tool_result = [](std::string id, std::string name, std::string output) {
    ChatEvent result;
    result.event.type = llm::EventType::kToolResult;
    result.event.step = 1;
    result.event.tool_result = llm::ToolResult{std::move(id), std::move(name), std::move(output), false};
    return result;
  };

  // The first event goes out before any work, so a client sees the answer start at once.
  ChatEvent start;
  start.event.type = llm::EventType::kStart;
  start.offline = true;
  start.provider = model_->info().provider;
  start.model = model_->info().model;
  if (!emit(start)) return cancelled();

  // Step 1: the tools, as a model would call them.
  search::SearchRequest req;
  req.query = question;
  req.limit = options_.offline_results;
  if (!emit(tool_call(kOfflineCallId, "searchEmails", Json{{"query", question}, {"limit", req.limit}}))) {
    return cancelled();
  }
  auto found = searcher_->search(req);
  if (!found && found.error().code == Code::kInvalidArgument) {
    // A question is not meant as search syntax: search its plain words instead.
    req.query = plain_words(question);
    found = searcher_->search(req);
  }
  if (!found) {
    ChatEvent e;
    e.event.type = llm::EventType::kError;
    e.event.error = found.error();
    e.event.step = 1;
    (void)emit(e);
    return fail(found.error());
  }

  // The tool sets' sections (e.g. matching contractors). One that fails leaves a note in the
  // answer instead: the emails are still worth listing.
  std::vector<std::pair<std::string, OfflineSection>> sections;  // call id, section
  std::vector<std::string> failures;
  std::atomic<bool> never{false};
  llm::ToolContext context{"", &never, cancel};
  for (const auto& [set, hook] : offline_hooks_) {
    if (cancel && cancel->load()) break;
    auto got = hook(question, context);
    if (!got) {
      if (got.error().code == Code::kCancelled) break;
      failures.push_back("(The " + set + " tools could not answer offline: " + got.error().to_string() + ")\n");
    } else if (*got) {
      sections.emplace_back("offline-" + std::to_string(sections.size() + 2), std::move(**got));
    }
  }
  for (const auto& [id, section] : sections) {
    if (!emit(tool_call(id, section.tool, section.input))) return cancelled();
  }

  llm::PrivacyPolicy everything;  // offline: nothing is sent anywhere
  everything.send_recipients = true;
  everything.max_chars_per_email = SIZE_MAX / 2;
  if (!emit(tool_result(kOfflineCallId, "searchEmails",
                        dump_compact(search_hits_json(*found, everything, options_.loop.max_tool_result_bytes))))) {
    return cancelled();
  }
  for (const auto& [id, section] : sections) {
    if (!emit(tool_result(id, section.tool, section.output))) return cancelled();
  }
  ChatEvent calls_done;
  calls_done.event.type = llm::EventType::kStepFinish;
  calls_done.event.step = 1;
  calls_done.event.finish = llm::FinishReason::kToolCalls;
  if (!emit(calls_done)) return cancelled();

  // Step 2: the answer, listed.
  Answer answer;
  answer.offline = true;
  std::vector<std::string> pieces;
  for (const auto& [id, section] : sections) {
    if (!section.text.empty()) pieces.push_back(section.text + "\n");
  }
  for (const auto& f : failures) pieces.push_back(f + "\n");
  if (found->hits.empty()) {
    pieces.push_back("No stored email matches \"" + question + "\".\n");
    for (const auto& n : found->notes) pieces.push_back("(" + n + ")\n");
  } else {
    pieces.push_back("Best matching emails:\n");
    for (const auto& h : found->hits) {
      pieces.push_back(hit_line(h));
      answer.citations.push_back(h.id);
    }
  }
  pieces.push_back("\n" + std::string(llm::offline_notice()));
  for (const auto& p : pieces) {
    answer.text += p;
    if (!emit(ChatEvent{llm::StreamEvent::text_delta(p, 2), {}, false, {}, {}})) return cancelled();
  }

  ChatEvent step;
  step.event.type = llm::EventType::kStepFinish;
  step.event.step = 2;
  step.event.finish = llm::FinishReason::kStop;
  if (!emit(step)) return cancelled();
  ChatEvent finish;
  finish.event.type = llm::EventType::kFinish;
  finish.event.finish = llm::FinishReason::kStop;
  finish.citations = answer.citations;
  finish.offline = true;
  if (!emit(finish)) return cancelled();
  answer.messages.push_back(llm::Message::assistant(answer.text));
  return answer;
}

}  // namespace mailsift::chat
