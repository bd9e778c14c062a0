// ChatService: the mailsift assistant as a library. `mailsift chat` (src/cli/cmd_chat.cc) and
// the HTTP server's POST /api/chat call it; both stream its events (NDJSON, SSE).
//
// Built once from the configuration, a ChatModel, the store and the searcher (plus extra tool
// sets, tools.h); it holds the model, the tools, the privacy policy, the loop settings and the
// system prompt (prompt.h). answer() takes a conversation and streams one answer:
//
//   with a model:  start, then per step text-delta..., tool-call..., tool-result...,
//                  step-finish; then finish (with the cited email ids), or error as the last
//                  event. The tool loop is llm::stream_text (llm/tool_loop.h): tools of a step
//                  run in parallel, errors become results the model sees, results are wrapped
//                  as untrusted data. When the model still calls tools at the step cap
//                  (chat.max_steps), one more step without tools asks it to answer from what it
//                  has (chat.answer_at_step_cap, default true).
//   offline (no model configured, the default): generates nothing, in two steps as a model
//                  would: start at once; step 1: a searchEmails tool-call (the question searched
//                  as typed), a tool-call of each tool set whose offline hook takes the question
//                  (tools.h: the contractor tools list matching contractors), their tool-results,
//                  step-finish (tool-calls); step 2: the sets' sections as text-delta lines, then
//                  the best matching emails ([email:ID] date · sender · subject, then the
//                  snippet), llm::offline_notice(), step-finish (stop); finish with the listed
//                  emails as citations. Nothing leaves the machine.
//
// The conversation: user and assistant messages, and the assistant / tool messages an earlier
// answer returned (Answer::messages), oldest first, ending with the user's question. System
// messages in it are dropped: the service's system prompt is the only one. Before a request
// leaves the machine, user text is redacted by the privacy policy (when it redacts anything),
// and tool results older than the previous question are replaced by a short note (the model
// can call the tool again), so that long sessions stay within a model's context.
//
// Thread-safe: answer() may run on several threads at once (the model, the searcher and the
// store access are thread-safe; each call has its own state).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chat/prompt.h"
#include "chat/store_access.h"
#include "chat/tools.h"
#include "core/config.h"
#include "core/result.h"
#include "llm/chat_model.h"
#include "llm/events.h"
#include "llm/factory.h"
#include "llm/privacy.h"
#include "search/searcher.h"

namespace mailsift::chat {

// One event of an answer: the tool loop's event plus what the chat adds.
struct ChatEvent {
  llm::StreamEvent event;
  std::vector<EmailId> citations;  // kFinish: the stored emails the answer cites
  bool offline = false;            // kStart, kFinish: answered without a model
  std::string provider, model;     // kStart: the model answering ("offline", "none" offline)

  // llm::event_to_json(event), plus "provider", "model", "offline" on start and "citations"
  // (an array of ids) and "offline" on finish. Never holds a key.
  Json to_json() const;
  std::string_view type() const { return llm::event_type_name(event.type); }
};

// Receives events in order; false stops the answer (kCancelled, no further events).
using ChatSink = std::function<bool(const ChatEvent&)>;

struct ChatOptions {
  llm::LoopSettings loop;          // chat.max_steps, chat.tool_timeout_ms, chat.max_tool_result_bytes
  llm::PrivacyPolicy privacy;      // privacy.*
  std::optional<double> temperature;  // chat.temperature (else the provider's default)
  std::optional<int> max_tokens;      // chat.max_tokens (else llm.max_tokens / the adapter's)
  int offline_results = 5;         // chat.offline_results: emails listed offline (1..25)
  bool answer_at_step_cap = true;  // chat.answer_at_step_cap
  std::string role;                // chat.role: replaces the prompt's first paragraph when set
  std::string instructions;        // chat.instructions: added to the system prompt
  std::function<UnixTime()> clock; // now; default now_unix
};

// Reads the chat.* and privacy.* settings. Errors: kInvalidArgument naming the bad key.
Result<ChatOptions> chat_options(const Config& config);

// What answer() needs besides options. The service shares the store access and the searcher
// with its caller (the server keeps using them for other requests).
struct ChatParts {
  std::unique_ptr<llm::ChatModel> model;  // required; the offline model for offline mode
  std::shared_ptr<StoreAccess> store;     // required
  std::shared_ptr<search::Searcher> searcher;  // required
  std::vector<ToolFactory> extra_tools;   // tool sets after the email tools (contacts, ...)
};

struct Answer {
  std::string text;                    // the answer (the last step's text; offline the listing)
  std::vector<llm::Message> messages;  // append to the conversation: the assistant replies and
                                       // tool results of this answer, in order
  std::vector<EmailId> citations;      // cited emails that exist, in order of first citation
  llm::Usage usage;                    // over every model call
  int model_calls = 0;                 // 0 offline
  llm::FinishReason finish = llm::FinishReason::kStop;
  bool offline = false;
};

class ChatService {
 public:
  // Errors: kInvalidArgument (missing parts, bad settings, a tool set with a duplicate tool
  // name), a tool factory's error.
  static Result<std::unique_ptr<ChatService>> create(const Config& config, ChatParts parts);
  static Result<std::unique_ptr<ChatService>> create(const Config& config, ChatParts parts, ChatOptions options);

  ~ChatService();
  ChatService(const ChatService&) = delete;
  ChatService& operator=(const ChatService&) = delete;

  // Answers the last user message of `conversation`, streaming events to `sink`. `cancel`
  // (borrowed, may be null) stops the answer when set: kCancelled, with an error event last.
  // Errors: kInvalidArgument (empty conversation, or it does not end with a user message with
  // text), the model's errors (kUnavailable, kPermission, kTooLarge, kParse), search errors
  // offline, kCancelled. On failure the last event is an error event, unless the sink stopped.
  Result<Answer> answer(const std::vector<llm::Message>& conversation, const ChatSink& sink,
                        const std::atomic<bool>* cancel = nullptr) const;

  bool offline() const;
  const llm::ModelInfo& model_info() const;
  // The system prompt as of now (it holds today's date).
  std::string system_prompt() const;
  const std::vector<llm::Tool>& tools() const { return tools_; }
  const ChatOptions& options() const { return options_; }

 private:
  ChatService() = default;
  Result<Answer> answer_with_model(const std::vector<llm::Message>& conversation, const ChatSink& sink,
                                   const std::atomic<bool>* cancel) const;
  Result<Answer> answer_offline(const std::string& question, const ChatSink& sink,
                                const std::atomic<bool>* cancel) const;
  std::vector<llm::Message> prepare(const std::vector<llm::Message>& conversation) const;
  std::vector<EmailId> existing(const std::vector<EmailId>& ids) const;

  Config config_;
  ChatOptions options_;
  std::unique_ptr<llm::ChatModel> model_;
  std::shared_ptr<StoreAccess> store_;
  std::shared_ptr<search::Searcher> searcher_;
  std::unique_ptr<ToolEnv> env_;  // borrowed by the tools; declared before them
  std::vector<llm::Tool> tools_;
  std::vector<std::pair<std::string, OfflineHook>> offline_hooks_;  // tool set name, hook; in order
  PromptParts prompt_;
};

// The text of the last user message, or "" when the conversation does not end with one.
std::string last_question(const std::vector<llm::Message>& conversation);

}  // namespace mailsift::chat
