#include "chat/chat_service.h"

#include <set>

#include "chat/citations.h"
#include "chat/email_tools.h"
#include "core/strings.h"
#include "core/time.h"
#include "llm/tool_loop.h"

namespace mailsift::chat {

namespace {

constexpr size_t kMaxCitationsChecked = 50;
constexpr std::string_view kOmittedResult =
    "[an earlier tool result, left out of the history to save space; call the tool again if you need it]";
constexpr std::string_view kStepCapNote =
    "You have used every tool step allowed for this question. Do not call tools now: answer from the tool results "
    "above, citing the emails, and say briefly what you could not check.";

bool redacts(const llm::PrivacyPolicy& p) {
  return p.redact_email_addresses || p.redact_phone_numbers || p.redact_account_numbers;
}

}  // namespace

Json ChatEvent::to_json() const {
  Json j = llm::event_to_json(event);
  if (event.type == llm::EventType::kStart) {
    j["provider"] = provider;
    j["model"] = model;
    j["offline"] = offline;
  } else if (event.type == llm::EventType::kFinish) {
    j["citations"] = citations;
    j["offline"] = offline;
  }
  return j;
}

Result<ChatOptions> chat_options(const Config& config) {
  ChatOptions o;
  o.loop = MAILSIFT_TRY(llm::loop_settings(config));
  o.privacy = MAILSIFT_TRY(llm::PrivacyPolicy::from_config(config));
  if (config.has("chat.temperature")) {
    double t = MAILSIFT_TRY(config.get_double("chat.temperature", 0));
    if (t < 0 || t > 2) return fail(Code::kInvalidArgument, "chat.temperature must be between 0 and 2");
    o.temperature = t;
  }
  if (config.has("chat.max_tokens")) {
    int64_t n = MAILSIFT_TRY(config.get_int("chat.max_tokens", 0));
    if (n < 1 || n > 1'000'000) return fail(Code::kInvalidArgument, "chat.max_tokens must be a positive number");
    o.max_tokens = static_cast<int>(n);
  }
  int64_t n = MAILSIFT_TRY(config.get_int("chat.offline_results", o.offline_results));
  if (n < 1 || n > 25) return fail(Code::kInvalidArgument, "chat.offline_results must be 1 to 25");
  o.offline_results = static_cast<int>(n);
  o.answer_at_step_cap = MAILSIFT_TRY(config.get_bool("chat.answer_at_step_cap", true));
  o.role = config.get("chat.role");
  o.instructions = config.get("chat.instructions");
  return o;
}

Result<std::unique_ptr<ChatService>> ChatService::create(const Config& config, ChatParts parts) {
  auto options = MAILSIFT_TRY(chat_options(config));
  return create(config, std::move(parts), std::move(options));
}

Result<std::unique_ptr<ChatService>> ChatService::create(const Config& config, ChatParts parts, ChatOptions options) {
  if (!parts.model || !parts.store || !parts.searcher) {
    return fail(Code::kInvalidArgument, "a chat needs a model, a store and a searcher");
  }
  if (options.loop.max_steps < 1) return fail(Code::kInvalidArgument, "chat.max_steps must be at least 1");
  if (options.loop.max_tool_result_bytes < 2 * kWrapOverhead) {
    return fail(Code::kInvalidArgument, "chat.max_tool_result_bytes must be at least " +
                                            std::to_string(2 * kWrapOverhead));
  }
  if (!options.clock) options.clock = now_unix;
  std::unique_ptr<ChatService> s(new ChatService());
  s->config_ = config;
  s->options_ = std::move(options);
  s->model_ = std::move(parts.model);
  s->store_ = std::move(parts.store);
  s->searcher_ = std::move(parts.searcher);
  s->env_.reset(new ToolEnv{*s->store_, *s->searcher_, s->options_.privacy, s->config_,
                            s->options_.loop.max_tool_result_bytes - kWrapOverhead, s->options_.clock});

  std::vector<ToolFactory> factories;
  factories.push_back(make_email_tools);
  for (auto& f : parts.extra_tools) factories.push_back(std::move(f));
  std::set<std::string> names;
  for (const auto& factory : factories) {
    if (!factory) continue;
    ToolSet set = MAILSIFT_TRY(factory(*s->env_));
    for (auto& tool : set.tools) {
      if (!names.insert(tool.name).second) {
        return fail(Code::kInvalidArgument, "two chat tools are named " + tool.name + " (tool set " + set.name + ")");
      }
      s->tools_.push_back(std::move(tool));
    }
    s->prompt_.tool_instructions.push_back(std::move(set.instructions));
    if (set.offline) s->offline_hooks_.emplace_back(set.name, std::move(set.offline));
  }
  if (!s->options_.role.empty()) s->prompt_.role = s->options_.role;
  s->prompt_.instructions = s->options_.instructions;
  return s;
}

ChatService::~ChatService() = default;

bool ChatService::offline() const { return model_->offline(); }
const llm::ModelInfo& ChatService::model_info() const { return model_->info(); }

std::string ChatService::system_prompt() const {
  PromptParts parts = prompt_;
  parts.now = options_.clock();
  return chat::system_prompt(parts);
}

std::string last_question(const std::vector<llm::Message>& conversation) {
  if (conversation.empty() || conversation.back().role != llm::Role::kUser) return "";
  return conversation.back().text();
}

Result<Answer> ChatService::answer(const std::vector<llm::Message>& conversation, const ChatSink& sink,
                                   const std::atomic<bool>* cancel) const {
  std::string question = last_question(conversation);
  if (trim(question).empty()) {
    return fail(Code::kInvalidArgument, "the conversation must end with a question from the user");
  }
  if (offline()) return answer_offline(std::string(trim(question)), sink, cancel);
  return answer_with_model(conversation, sink, cancel);
}

std::vector<llm::Message> ChatService::prepare(const std::vector<llm::Message>& conversation) const {
  // Index of the user message before the current question: tool results older than it go.
  size_t keep_from = 0;
  int users = 0;
  for (size_t i = conversation.size(); i-- > 0;) {
    if (conversation[i].role == llm::Role::kUser && ++users == 2) {
      keep_from = i;
      break;
    }
  }
  std::vector<llm::Message> out;
  out.reserve(conversation.size() + 1);
  out.push_back(llm::Message::system(system_prompt()));
  for (size_t i = 0; i < conversation.size(); ++i) {
    const llm::Message& m = conversation[i];
    if (m.role == llm::Role::kSystem) continue;
    llm::Message copy = m;
    if (m.role == llm::Role::kUser && redacts(options_.privacy)) {
      for (auto& p : copy.parts) {
        if (p.kind == llm::PartKind::kText) p.text = llm::redact_text(options_.privacy, p.text);
      }
    }
    if (m.role == llm::Role::kTool && i < keep_from) {
      for (auto& p : copy.parts) {
        if (p.kind == llm::PartKind::kToolResult && p.tool_result.output.size() > kOmittedResult.size()) {
          p.tool_result.output = std::string(kOmittedResult);
        }
      }
    }
    out.push_back(std::move(copy));
  }
  return out;
}

std::vector<EmailId> ChatService::existing(const std::vector<EmailId>& ids) const {
  std::vector<EmailId> out;
  if (ids.empty()) return out;
  auto lease = store_->acquire();
  if (!lease) return out;
  for (size_t i = 0; i < ids.size() && i < kMaxCitationsChecked; ++i) {
    if ((*lease)->get(ids[i])) out.push_back(ids[i]);
  }
  return out;
}

Result<Answer> ChatService::answer_with_model(const std::vector<llm::Message>& conversation, const ChatSink& sink,
                                              const std::atomic<bool>* cancel) const {
  bool stopped = false;  // the sink said stop
  auto emit = [&](const ChatEvent& e) {
    if (stopped) return false;
    if (!sink(e)) stopped = true;
    return !stopped;
  };
  {
    ChatEvent start;
    start.event.type = llm::EventType::kStart;
    start.provider = model_->info().provider;
    start.model = model_->info().model;
    if (!emit(start)) return fail(Code::kCancelled, "cancelled");
  }

  llm::TextRequest req;
  req.messages = prepare(conversation);
  req.tools = tools_;
  req.max_steps = options_.loop.max_steps;
  req.tool_timeout = options_.loop.tool_timeout;
  req.max_result_bytes = options_.loop.max_tool_result_bytes;
  req.max_tokens = options_.max_tokens;
  req.temperature = options_.temperature;
  req.cancel = cancel;

  std::string all_text;
  int step_offset = 0;
  // The loop's own start and finish are replaced by the service's (one of each per answer,
  // with the chat's additions); everything else goes through, renumbered across loops.
  llm::EventSink forward = [&](const llm::StreamEvent& e) {
    if (e.type == llm::EventType::kStart || e.type == llm::EventType::kFinish) return !stopped;
    if (e.type == llm::EventType::kTextDelta) all_text += e.text;
    ChatEvent out;
    out.event = e;
    if (out.event.step > 0) out.event.step += step_offset;
    return emit(out);
  };

  Answer answer;
  auto first = llm::stream_text(*model_, req, forward);
  if (!first) return fail(first.error());
  answer.messages = std::move(first->messages);
  answer.usage = first->usage;
  answer.model_calls = static_cast<int>(first->steps.size());
  answer.finish = first->finish;
  answer.text = first->text;

  if (answer.finish == llm::FinishReason::kToolCalls && options_.answer_at_step_cap) {
    llm::TextRequest last = req;
    last.messages.insert(last.messages.end(), answer.messages.begin(), answer.messages.end());
    last.messages.push_back(llm::Message::system(std::string(kStepCapNote)));
    last.tool_choice.mode = llm::ToolChoiceMode::kNone;
    last.max_steps = 1;
    step_offset = answer.model_calls;
    auto more = llm::stream_text(*model_, last, forward);
    if (!more) return fail(more.error());
    for (auto& m : more->messages) answer.messages.push_back(std::move(m));
    answer.usage += more->usage;
    answer.model_calls += static_cast<int>(more->steps.size());
    answer.finish = more->finish;
    answer.text = more->text;
  }

  if (trim(all_text).empty()) {
    // The model stopped without writing anything (a step cap, a length limit, a filter): say so
    // rather than end in silence.
    answer.text = "(No answer: the model stopped without writing one; finish reason " +
                  std::string(llm::finish_reason_name(answer.finish)) + ". Try a narrower question.)";
    ChatEvent note;
    note.event = llm::StreamEvent::text_delta(answer.text, answer.model_calls);
    if (!emit(note)) return fail(Code::kCancelled, "cancelled");
    all_text = answer.text;
  } else if (trim(answer.text).empty()) {
    answer.text = std::string(trim(all_text));
  }
  answer.citations = existing(cited_email_ids(all_text));

  ChatEvent finish;
  finish.event.type = llm::EventType::kFinish;
  finish.event.finish = answer.finish;
  finish.event.usage = answer.usage;
  finish.citations = answer.citations;
  if (!emit(finish)) return fail(Code::kCancelled, "cancelled");
  return answer;
}

}  // namespace mailsift::chat
