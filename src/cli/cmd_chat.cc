// mailsift chat: ask questions about the stored mail. Interactive on a terminal, one-shot with
// -q, NDJSON stream events with --json. The assistant itself is src/chat (ChatService).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "chat/chat_service.h"
#include "cli/commands.h"
#include "cli/wiring.h"
#include "core/strings.h"
#include "llm/factory.h"
#include "llm/offline.h"
#include "store/email_json.h"

namespace mailsift::cli {

namespace {

struct ChatArgs {
  std::string question;
  std::vector<std::string> words;
  bool json = false;
  std::string provider, model, base_url;
  int max_steps = 0;
  bool show_results = false;
};

// Ctrl-C: sets the flag of the answer in progress (it stops, the session goes on) and, at the
// prompt, interrupts the read. Only lock-free atomics and a sig_atomic_t are touched here.
std::atomic<bool>* g_cancel = nullptr;
volatile sig_atomic_t g_interrupted = 0;
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) {
  g_interrupted = 1;
  if (std::atomic<bool>* c = g_cancel) c->store(true);
}

// Installs on_sigint for the life of the object (no SA_RESTART, so a read at the prompt
// returns), and restores the previous handler after.
class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    installed_ = sigaction(SIGINT, &sa, &previous_) == 0;
  }
  ~InterruptGuard() {
    if (installed_) sigaction(SIGINT, &previous_, nullptr);
    g_cancel = nullptr;
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction previous_ {};
  bool installed_ = false;
};

// Lines from stdin with read(2), so that Ctrl-C at the prompt is seen (EINTR) rather than
// retried inside stdio.
class LineReader {
 public:
  enum class Status { kLine, kEof, kInterrupted };
  Status next(std::string& line) {
    for (;;) {
      size_t nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return Status::kLine;
      }
      if (eof_) {
        if (buffer_.empty()) return Status::kEof;
        line = std::move(buffer_);
        buffer_.clear();
        return Status::kLine;
      }
      char chunk[4096];
      ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
      if (n > 0) {
        buffer_.append(chunk, static_cast<size_t>(n));
      } else if (n == 0) {
        eof_ = true;
      } else if (errno == EINTR) {
        if (g_interrupted) {
          g_interrupted = 0;
          buffer_.clear();
          return Status::kInterrupted;
        }
      } else {
        eof_ = true;
      }
    }
  }

 private:
  std::string buffer_;
  bool eof_ = false;
};

// What a tool result held, in a few words: "8 hits", "3 messages", "2.1 KB", "error: ...".
std::string result_summary(const llm::ToolResult& r) {
  if (r.is_error) return "error: " + std::string(utf8_prefix(r.output.starts_with("Error: ") ? r.output.substr(7) : r.output, 200));
  std::string_view text = r.output;
  if (text.starts_with("<untrusted-data")) {
    size_t start = text.find('\n');
    size_t end = text.rfind("</untrusted-data");
    if (start != std::string_view::npos && end != std::string_view::npos && end > start) {
      text = text.substr(start + 1, end - start - 1);
    }
  }
  auto parsed = llm::parse_json(text, "tool result");
  if (parsed && parsed->is_object()) {
    for (const auto& [key, value] : parsed->items()) {
      if (value.is_array()) return fmt::format("{} {}", value.size(), key);
    }
  }
  return text.size() < 1024 ? fmt::format("{} bytes", text.size()) : fmt::format("{:.1f} KB", text.size() / 1024.0);
}

// Prints events for a person: text as it arrives, each tool call on its own line.
class TerminalView {
 public:
  TerminalView(const Context& ctx, bool show_results)
      : quiet_(ctx.global.quiet), verbose_(ctx.global.verbose > 0), show_results_(show_results) {
    const char* no_color = std::getenv("NO_COLOR");
    color_ = ctx.stderr_tty() && !(no_color && *no_color);
  }

  bool operator()(const chat::ChatEvent& ce) {
    const llm::StreamEvent& e = ce.event;
    switch (e.type) {
      case llm::EventType::kStart:
        at_line_start_ = true;
        break;
      case llm::EventType::kTextDelta:
        if (e.text.empty()) break;
        std::cout << e.text << std::flush;
        at_line_start_ = e.text.back() == '\n';
        break;
      case llm::EventType::kToolCall: {
        if (quiet_) break;
        std::string args = e.tool_call.input_valid ? dump(e.tool_call.input) : e.tool_call.input_text;
        side_line("→ " + e.tool_call.name + " " + std::string(utf8_prefix(args, 300)));
        break;
      }
      case llm::EventType::kToolResult:
        if (quiet_) break;
        side_line("  " + e.tool_result.name + ": " + result_summary(e.tool_result));
        if (show_results_) side_line(e.tool_result.output);
        break;
      case llm::EventType::kStepFinish:
        if (verbose_) {
          side_line(fmt::format("  step {}: {} ({} tokens in, {} out)", e.step, llm::finish_reason_name(e.finish),
                                e.usage.input_tokens, e.usage.output_tokens));
        }
        break;
      case llm::EventType::kFinish:
        if (!at_line_start_) std::cout << "\n";
        at_line_start_ = true;
        if (!ce.offline && !ce.citations.empty()) {
          std::vector<std::string> ids;
          for (EmailId id : ce.citations) ids.push_back(std::to_string(id));
          std::cout << "\nCited emails: " << join(ids, ", ") << "   (mailsift show ID)\n";
        }
        std::cout << std::flush;
        break;
      case llm::EventType::kError:
        if (!at_line_start_) std::cout << "\n" << std::flush;
        at_line_start_ = true;
        break;
    }
    return true;
  }

 private:
  // A line on stderr between pieces of the answer, dimmed on a terminal.
  void side_line(const std::string& line) {
    if (!at_line_start_) {
      std::cout << "\n";
      at_line_start_ = true;
    }
    std::cout << std::flush;
    if (color_) {
      std::cerr << "\033[2m" << line << "\033[0m\n" << std::flush;
    } else {
      std::cerr << line << "\n" << std::flush;
    }
  }

  bool quiet_, verbose_, show_results_;
  bool color_ = false;
  bool at_line_start_ = true;
};

class Session {
 public:
  Session(Context& ctx, const chat::ChatService& service, const ChatArgs& args)
      : ctx_(ctx), service_(service), args_(args), view_(ctx, args.show_results) {}

  // Answers one question and keeps it and the answer in the history (not when it failed).
  Result<void> ask(const std::string& question) {
    history_.push_back(llm::Message::user(question));
    std::atomic<bool> cancel{false};
    g_interrupted = 0;
    g_cancel = &cancel;
    auto answer = service_.answer(
        history_,
        [this](const chat::ChatEvent& e) {
          if (args_.json) {
            std::cout << dump(e.to_json()) << "\n" << std::flush;
            return true;
          }
          return view_(e);
        },
        &cancel);
    g_cancel = nullptr;
    if (!answer) {
      history_.pop_back();
      return fail(answer.error());
    }
    for (auto& m : answer->messages) history_.push_back(std::move(m));
    if (ctx_.global.verbose > 0 && !args_.json && !answer->offline) {
      ctx_.note(fmt::format("({} model calls, {} tokens in, {} out)", answer->model_calls, answer->usage.input_tokens,
                            answer->usage.output_tokens));
    }
    return ok();
  }

  void reset() { history_.clear(); }

 private:
  Context& ctx_;
  const chat::ChatService& service_;
  const ChatArgs& args_;
  TerminalView view_;
  std::vector<llm::Message> history_;
};

void print_error(const Error& e) {
  std::cerr << "mailsift: " << e.message << "\n";
  if (!e.hint.empty()) std::cerr << "  hint: " << e.hint << "\n";
}

std::string banner(const chat::ChatService& service) {
  const llm::ModelInfo& info = service.model_info();
  std::string who = service.offline()
                        ? "offline: no language model is configured, so answers list the best matching emails"
                        : "model " + info.model + " (" + info.provider + ")";
  return "mailsift chat — " + who +
         ".\nAsk about the stored mail. Ctrl-C stops an answer; Ctrl-D or /quit leaves; /reset starts over.";
}

// Questions from stdin: with a prompt on a terminal, else one per line.
Result<void> run_session(Context& ctx, const chat::ChatService& service, const ChatArgs& args) {
  const bool tty = isatty(STDIN_FILENO) == 1;
  Session session(ctx, service, args);
  LineReader reader;
  if (tty && !args.json) std::cout << banner(service) << "\n";
  // With --json the prompt goes to stderr, so stdout holds only NDJSON.
  std::ostream& prompt = args.json ? std::cerr : std::cout;
  for (;;) {
    if (tty) prompt << "\n> " << std::flush;
    std::string line;
    auto status = reader.next(line);
    if (status == LineReader::Status::kEof) {
      if (tty) std::cout << "\n";
      break;
    }
    if (status == LineReader::Status::kInterrupted) {
      std::cout << "\n(Ctrl-D or /quit leaves)" << std::flush;
      continue;
    }
    std::string q(trim(line));
    if (q.empty()) continue;
    if (q == "/quit" || q == "/exit" || q == "/q") break;
    if (q == "/reset") {
      session.reset();
      std::cout << "(conversation cleared)\n";
      continue;
    }
    if (q == "/help" || q == "/?") {
      std::cout << "Type a question about the stored mail. /reset forgets the conversation, /quit leaves.\n";
      continue;
    }
    auto asked = session.ask(q);
    if (!asked) {
      // Piped questions stop at the first failure; a terminal session goes on.
      if (!tty) return fail(asked.error());
      if (asked.error().code == Code::kCancelled) {
        std::cerr << "(answer stopped)\n";
      } else {
        print_error(asked.error());
      }
    }
  }
  return ok();
}

Result<void> run_chat(Context& ctx, const ChatArgs& args) {
  // Flags override MAILSIFT_LLM_* and the config file (both already in ctx.config()).
  Config& cfg = ctx.config();
  if (!args.provider.empty()) cfg.set("llm.provider", args.provider);
  if (!args.model.empty()) cfg.set("llm.model", args.model);
  if (!args.base_url.empty()) cfg.set("llm.base_url", args.base_url);
  if (args.max_steps != 0) {
    if (args.max_steps < 1 || args.max_steps > 50) return fail(Code::kInvalidArgument, "--max-steps must be 1 to 50");
    cfg.set("chat.max_steps", std::to_string(args.max_steps));
  }
  std::string question = args.question;
  if (question.empty() && !args.words.empty()) question = join(args.words, " ");
  bool one_shot = !args.question.empty() || !args.words.empty();
  if (one_shot && trim(question).empty()) return fail(Code::kInvalidArgument, "the question is empty");

  auto service = MAILSIFT_TRY(wire_chat(ctx));
  InterruptGuard interrupts;
  if (!one_shot) return run_session(ctx, *service, args);

  Session session(ctx, *service, args);
  auto asked = session.ask(std::string(trim(question)));
  if (!asked && asked.error().code == Code::kCancelled) return fail(Code::kCancelled, "the answer was stopped");
  return asked;
}

}  // namespace

void add_chat(CLI::App& app, Context& ctx, Action& action) {
  auto args = std::make_shared<ChatArgs>();
  auto* cmd = app.add_subcommand("chat", "Ask questions about the stored mail; answers cite the emails they use");
  cmd->add_option("-q,--question", args->question, "Ask one question, print the answer and exit");
  cmd->add_option("words", args->words, "The question, as words (same as -q)");
  cmd->add_flag("--json", args->json, "Print the answer's stream events as NDJSON, one JSON object per line");
  cmd->add_option("--provider", args->provider,
                  "Language model provider: " + llm::chat_provider_names() + " (llm.provider, MAILSIFT_LLM_PROVIDER)");
  cmd->add_option("--model", args->model, "Model name or Bedrock model id (llm.model, MAILSIFT_LLM_MODEL)");
  cmd->add_option("--base-url", args->base_url, "The provider's URL (llm.base_url, MAILSIFT_LLM_BASE_URL)");
  cmd->add_option("--max-steps", args->max_steps, "Model calls per answer, each may use tools (chat.max_steps; default 5)");
  cmd->add_flag("--show-results", args->show_results, "Also print what each tool returned to the model");
  cmd->footer(R"HELP(Without a language model (the default) mailsift answers offline: it lists the emails that
best match the question. Configure a model (docs/CONFIGURATION.md) for written answers: the
assistant searches and reads the mail with read-only tools and cites each email it used as
[email:ID] (open one with `mailsift show ID`). Tool calls are shown as they happen, on stderr.

On a terminal, `mailsift chat` asks for questions until Ctrl-D or /quit and keeps the
conversation, so follow-up questions work; Ctrl-C stops the answer being written, not the
session. Questions piped on stdin are answered one per line.

--json prints one JSON object per event: start {provider, model, offline}, text-delta {text},
tool-call {id, name, input}, tool-result {id, name, output, isError}, step-finish
{finishReason, usage}, finish {finishReason, usage, citations: [ids]}, error {code, message}.

Flags override MAILSIFT_LLM_* variables, which override the config file.

Examples:
  mailsift chat
  mailsift chat -q "Has Brightwire's invoice BWU-4471 been paid?"
  mailsift chat -q "Which contractors reported cable strikes this year?" --json
  MAILSIFT_LLM_PROVIDER=ollama MAILSIFT_LLM_MODEL=qwen2.5:7b mailsift chat
  mailsift chat --provider openai --model gpt-4o-mini -q "What is still waiting for a reply from us?"
  echo "Who asked about site access last week?" | mailsift chat --json)HELP");
  cmd->callback([&ctx, &action, args] { action = [&ctx, args] { return run_chat(ctx, *args); }; });
}

}  // namespace mailsift::cli
