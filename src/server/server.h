// The HTTP server of `mailsift serve`: the JSON API, server-sent events for the chat, the
// embedded web UI, /healthz, /metrics and /api/openapi.json (docs/API.md describes them).
//
// Security: every /api route (except /api/openapi.json) needs "Authorization: Bearer <token>"
// (compared in constant time; 401 otherwise); no CORS headers are ever sent; every response
// carries a Content-Security-Policy without inline script, nosniff and no-referrer; email HTML
// is only served sanitised, with a sandboxing CSP, from a short-lived signed URL for an iframe.
// Limits: request bodies over max_body_bytes get 413, slow clients time out, at most max_chats
// chats stream at once (429 beyond). The access log never holds tokens, queries or bodies.
//
// Threads: a fixed pool of `threads` workers, each serving one connection at a time; a chat
// holds its worker while it streams and runs the model on a thread of its own.
//
// Thread-safety: stop() may be called from any thread (e.g. a signal watcher); the rest from
// the owning thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "server/backend.h"

namespace mailsift::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8025;                            // 0: any free port (see port())
  std::string data_dir;                       // holds the token file (auth.h)
  std::string token;                          // the current token (from ensure_token)
  size_t max_body_bytes = 50u * 1024 * 1024;  // the message size limit
  int threads = 8;                            // worker threads (connections served at once)
  int max_chats = 4;                          // chats streaming at once; must be < threads
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds keep_alive_timeout{5};
  std::chrono::seconds chat_timeout{300};          // a chat is cancelled after this long
  std::chrono::milliseconds chat_heartbeat{1000};  // idle stream: a comment line this often
  // Serve the UI from this directory instead of the copy embedded at build time (for working on
  // web/ without rebuilding). Empty: the embedded copy.
  std::string web_dir;
  // One line per request: time, client, method, path (without query), status, bytes, ms.
  // Null: no access log.
  std::function<void(const std::string&)> access_log;
};

class Server {
 public:
  // Borrows `backend`, which must outlive the server. Errors: kInvalidArgument (bad options).
  static Result<std::unique_ptr<Server>> create(ServerOptions options, Backend& backend);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket. Errors: kUnavailable (address in use, cannot bind).
  Result<void> bind();
  // The bound port (after bind()).
  int port() const;
  // Serves until stop(); returns once every worker has finished. Errors: kIo.
  Result<void> run();
  // Stops accepting, cancels streaming chats, and makes run() return.
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True when `host` only listens on the loopback interface ("127.x.x.x", "::1", "localhost").
bool is_loopback_host(const std::string& host);

// Splits "host:port", "[v6]:port", ":port" (host stays as given) or "port". Errors:
// kInvalidArgument.
Result<std::pair<std::string, int>> parse_listen(const std::string& listen, const std::string& default_host);

}  // namespace mailsift::server
