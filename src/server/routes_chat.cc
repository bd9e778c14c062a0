// POST /api/chat: the answer as server-sent events.
//
// The backend's chat runs on a thread of its own and queues events; the worker serving the
// request writes them out as they come, and a comment line when nothing happened for a while.
// A failed write means the client went away: the cancel flag stops the model and the tools.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "server/http.h"
#include "store/email_json.h"

namespace mailsift::server::detail {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxTurns = 100;
constexpr size_t kMaxTurnBytes = 32 * 1024;
constexpr size_t kMaxConversationBytes = 256 * 1024;

Result<std::vector<ChatTurn>> parse_turns(const Json& body) {
  const char* shape = "the body must be {\"messages\": [{\"role\": \"user\", \"content\": \"...\"}, ...]}";
  if (!body.is_object() || !body.contains("messages") || !body["messages"].is_array()) {
    return fail(Code::kInvalidArgument, shape);
  }
  const Json& list = body["messages"];
  if (list.empty() || list.size() > kMaxTurns) {
    return fail(Code::kInvalidArgument, "messages must hold 1 to " + std::to_string(kMaxTurns) + " turns");
  }
  std::vector<ChatTurn> turns;
  size_t total = 0;
  for (const Json& m : list) {
    if (!m.is_object() || !m.contains("role") || !m["role"].is_string() || !m.contains("content") ||
        !m["content"].is_string()) {
      return fail(Code::kInvalidArgument, shape);
    }
    ChatTurn t{m["role"].get<std::string>(), m["content"].get<std::string>()};
    if (t.role != "user" && t.role != "assistant") {
      return fail(Code::kInvalidArgument, "a turn's role must be user or assistant");
    }
    if (t.content.size() > kMaxTurnBytes) {
      return fail(Code::kTooLarge, "a turn is longer than " + std::to_string(kMaxTurnBytes) + " bytes");
    }
    total += t.content.size();
    turns.push_back(std::move(t));
  }
  if (total > kMaxConversationBytes) return fail(Code::kTooLarge, "the conversation is too long");
  if (turns.back().role != "user" || turns.back().content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return fail(Code::kInvalidArgument, "the last turn must be a question from the user");
  }
  return turns;
}

std::string sse_frame(const ChatEvent& e) {
  Json data = e.data.is_object() ? e.data : Json::object();
  if (!data.contains("type")) data["type"] = e.type;
  return "event: " + e.type + "\ndata: " + dump(data) + "\n\n";
}

class ChatRun {
 public:
  ChatRun(Shared& s, std::vector<ChatTurn> turns) : s_(s), started_(Clock::now()) {
    s_.metrics.chat_started();
    worker_ = std::thread([this, turns = std::move(turns)] { work(turns); });
  }

  ~ChatRun() {
    cancel_.store(true);
    if (worker_.joinable()) worker_.join();
  }
  ChatRun(const ChatRun&) = delete;
  ChatRun& operator=(const ChatRun&) = delete;

  // Called by httplib on the request's worker until sink.done(). Writes what is queued, or a
  // heartbeat after a quiet interval; false ends the response (the client is gone).
  bool pump(httplib::DataSink& sink) {
    if (!opened_) {
      opened_ = true;
      // The first bytes go out at once: the client sees the stream open before the model starts.
      if (!write(sink, ": mailsift chat\n\n")) return false;
    }
    std::deque<std::string> batch;
    bool finished = false;
    {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, s_.options.chat_heartbeat, [this] { return !frames_.empty() || done_; });
      batch.swap(frames_);
      finished = done_;  // the worker queues every frame before it sets done_
    }
    for (const auto& f : batch) {
      if (!write(sink, f)) return false;
    }
    if (finished) {
      sink.done();
      return true;
    }
    if (batch.empty() && !write(sink, ": keep-alive\n\n")) return false;
    if (s_.stopping.load() || Clock::now() - started_ > s_.options.chat_timeout) cancel_.store(true);
    return true;
  }

 private:
  bool write(httplib::DataSink& sink, const std::string& bytes) {
    if (sink.write(bytes.data(), bytes.size())) return true;
    cancel_.store(true);  // the client went away: stop the model
    return false;
  }

  void push(std::string frame) {
    {
      std::lock_guard lock(mutex_);
      frames_.push_back(std::move(frame));
    }
    cv_.notify_one();
  }

  void work(const std::vector<ChatTurn>& turns) {
    bool error_sent = false;
    ChatSink sink = [this, &error_sent](const ChatEvent& e) {
      if (e.type == "error") error_sent = true;
      push(sse_frame(e));
      return !cancel_.load();
    };
    auto r = s_.backend.chat(turns, sink, cancel_);
    ChatOutcome outcome;
    if (r) {
      outcome = *r;
    } else {
      outcome.failed = r.error().code != Code::kCancelled;
      outcome.cancelled = r.error().code == Code::kCancelled;
      if (!error_sent) {
        Json err = {{"code", code_name(r.error().code)}, {"message", r.error().message}};
        if (!r.error().hint.empty()) err["hint"] = r.error().hint;
        push(sse_frame(ChatEvent{"error", err}));
      }
    }
    // Accounted here, before the last frames go out, so a client that reads the whole answer and
    // then asks /metrics (or starts the next chat) sees this one finished and its slot free.
    account(outcome);
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_one();
  }

  void account(const ChatOutcome& o) {
    const char* outcome = o.failed ? "error" : (o.cancelled || cancel_.load()) ? "cancelled" : "finished";
    s_.metrics.count_chat(outcome);
    for (int i = 0; i < o.model_calls; ++i) {
      s_.metrics.count_llm_call(o.provider, o.failed ? "error" : "ok", i == 0 ? o.input_tokens : 0,
                                i == 0 ? o.output_tokens : 0);
    }
    s_.metrics.chat_ended();
    s_.active_chats.fetch_sub(1);
  }

  Shared& s_;
  Clock::time_point started_;
  std::atomic<bool> cancel_{false};
  bool opened_ = false;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::string> frames_;
  bool done_ = false;
  std::thread worker_;  // last: started once everything above exists
};

// Takes a chat slot if one is free.
bool admit(Shared& s) {
  int n = s.active_chats.load();
  while (n < s.options.max_chats) {
    if (s.active_chats.compare_exchange_weak(n, n + 1)) return true;
  }
  return false;
}

}  // namespace

void add_chat_routes(httplib::Server& http, Shared& s) {
  http.Post("/api/chat", route("POST /api/chat", [&s](const httplib::Request& req, httplib::Response& res) {
              auto body = json_body(req);
              if (!body) return send_error(res, body.error());
              auto turns = parse_turns(*body);
              if (!turns) return send_error(res, turns.error());
              if (!admit(s)) {
                s.metrics.count_chat("rejected");
                res.set_header("Retry-After", "5");
                return send_error(res, 429, "too_many_chats",
                                  "the server is answering " + std::to_string(s.options.max_chats) + " chats already",
                                  "try again in a few seconds");
              }
              // No compression: cpp-httplib would gzip a text/* stream for a browser (which
              // always accepts gzip) and its compressor holds the events back until the end.
              const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
              auto run = std::make_shared<ChatRun>(s, std::move(*turns));
              res.set_header("Cache-Control", "no-store");
              res.set_header("X-Accel-Buffering", "no");
              res.set_chunked_content_provider(
                  "text/event-stream; charset=utf-8",
                  [run](size_t, httplib::DataSink& sink) { return run->pump(sink); }, [run](bool) {});
            }));
}

}  // namespace mailsift::server::detail
