#include "server/server.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "core/strings.h"
#include "core/time.h"
#include "server/http.h"

namespace mailsift::server {

namespace {

using Clock = std::chrono::steady_clock;

// When the current request on this worker started (a worker serves one request at a time).
thread_local Clock::time_point t_started{};

bool needs_token(const std::string& path) {
  return path.starts_with("/api/") && path != "/api/openapi.json";
}

bool has_body(const httplib::Request& req) {
  return req.get_header_value<uint64_t>("Content-Length") > 0 || req.has_header("Transfer-Encoding");
}

// A log field: printable ASCII only, so hostile paths cannot forge log lines.
std::string log_safe(std::string_view text, size_t max = 200) {
  std::string out;
  for (char c : text.substr(0, max)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"')
      out += fmt::format("\\x{:02x}", u);
    else
      out.push_back(c);
  }
  if (text.size() > max) out += "...";
  return out;
}

std::string status_code_name(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 413:
      return "too_large";
    case 414:
      return "uri_too_long";
    case 416:
      return "range_not_satisfiable";
    case 429:
      return "too_many_requests";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Backend& backend)
      : options(std::move(o)), tokens(options.data_dir, options.token), shared(options, backend, tokens) {}

  ServerOptions options;
  TokenCheck tokens;
  detail::Shared shared;
  httplib::Server http;
  int port = 0;

  void configure();
};

void Server::Impl::configure() {
  const int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout);
  http.set_write_timeout(options.write_timeout);
  http.set_keep_alive_timeout(options.keep_alive_timeout.count());
  http.set_keep_alive_max_count(1000);
  http.set_tcp_nodelay(true);  // streamed chat events must not wait for Nagle

  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_started = Clock::now();
    detail::set_route("unmatched");
    if (!needs_token(req.path)) return httplib::Server::HandlerResponse::Unhandled;
    std::string header = req.get_header_value("Authorization");
    if (tokens.accepts(bearer_token(header))) return httplib::Server::HandlerResponse::Unhandled;
    shared.metrics.count_auth_failure();
    detail::set_route("unauthorized");
    res.set_header("WWW-Authenticate", "Bearer realm=\"mailsift\"");
    // The body was not read: the connection cannot carry another request.
    if (has_body(req)) res.set_header("Connection", "close");
    detail::send_error(res, 401, "unauthorized",
                       header.empty() ? "this API needs a bearer token" : "the token is not valid",
                       "send Authorization: Bearer <token>; `mailsift token show` prints it");
    return httplib::Server::HandlerResponse::Handled;
  });

  // Every response: strict CSP unless a route set its own, no sniffing, no referrers, no caching
  // of API data. Never any Access-Control-* header (CORS stays off).
  http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", detail::kAppCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    if (!res.has_header("X-Frame-Options") && !req.path.starts_with("/view/"))
      res.set_header("X-Frame-Options", "DENY");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  });

  // Responses of 400+ that a handler did not fill (unknown route, body too large, bad request
  // line) get the JSON error shape too.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string code = status_code_name(res.status);
    std::string message = res.status == 404 ? "no such route"
                          : res.status == 413
                              ? "the request body is larger than the server accepts"
                              : "the request could not be served (HTTP " + std::to_string(res.status) + ")";
    detail::send_error(res, res.status, code, message);
    return httplib::Server::HandlerResponse::Handled;
  }));

  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    detail::send_error(res, 500, "internal", "the server failed on this request");
  });

  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds = 0;
    if (t_started != Clock::time_point{}) {
      seconds = std::chrono::duration<double>(Clock::now() - t_started).count();
    }
    t_started = Clock::time_point{};
    std::string route(detail::current_route());
    shared.metrics.observe_request(req.method, route, res.status, seconds);
    if (!options.access_log) return;
    std::string bytes = res.body.empty() && res.content_length_ == 0 ? "-" : std::to_string(res.body.size());
    options.access_log(fmt::format("{} {} {} {} {} {} {:.1f}ms", format_iso8601(now_unix()), log_safe(req.remote_addr),
                                   log_safe(req.method, 10), log_safe(req.path), res.status, bytes, seconds * 1000));
  });

  detail::add_meta_routes(http, shared);
  detail::add_message_routes(http, shared);
  detail::add_search_routes(http, shared);
  detail::add_chat_routes(http, shared);
  detail::add_directory_routes(http, shared);
  detail::add_asset_routes(http, shared);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  if (impl_) stop();
}

Result<std::unique_ptr<Server>> Server::create(ServerOptions options, Backend& backend) {
  if (options.threads < 2 || options.threads > 256) {
    return fail(Code::kInvalidArgument, "server.threads must be between 2 and 256");
  }
  if (options.max_chats < 1 || options.max_chats >= options.threads) {
    return fail(Code::kInvalidArgument, "server.max_chats must be at least 1 and less than server.threads",
                "chats hold a worker while they stream; leave workers for the rest of the API");
  }
  if (options.token.empty()) return fail(Code::kInvalidArgument, "the server needs an API token");
  if (options.port < 0 || options.port > 65535) return fail(Code::kInvalidArgument, "port out of range");
  auto impl = std::make_unique<Impl>(std::move(options), backend);
  impl->configure();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<void> Server::bind() {
  auto& o = impl_->options;
  if (o.port == 0) {
    int port = impl_->http.bind_to_any_port(o.host);
    if (port <= 0) return fail(Code::kUnavailable, "cannot listen on " + o.host);
    impl_->port = port;
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port)) {
      return fail(Code::kUnavailable, fmt::format("cannot listen on {}:{}", o.host, o.port),
                  "is another server using the port? choose another with --listen");
    }
    impl_->port = o.port;
  }
  return ok();
}

int Server::port() const {
  return impl_->port;
}

Result<void> Server::run() {
  if (!impl_->http.listen_after_bind() && !impl_->shared.stopping.load()) {
    return fail(Code::kIo, "the server stopped unexpectedly");
  }
  return ok();
}

void Server::stop() {
  impl_->shared.stopping.store(true);
  impl_->http.stop();
}

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

Result<std::pair<std::string, int>> parse_listen(const std::string& listen, const std::string& default_host) {
  std::string host = default_host;
  std::string port_text = listen;
  if (listen.starts_with("[")) {
    auto close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      return fail(Code::kInvalidArgument, "cannot read --listen '" + listen + "'",
                  "use HOST:PORT, e.g. 127.0.0.1:8025");
    }
    host = listen.substr(1, close - 1);
    port_text = listen.substr(close + 2);
  } else if (auto colon = listen.rfind(':'); colon != std::string::npos) {
    if (colon > 0) host = listen.substr(0, colon);
    port_text = listen.substr(colon + 1);
  }
  int port = -1;
  if (!port_text.empty() && port_text.size() <= 5 && port_text.find_first_not_of("0123456789") == std::string::npos) {
    port = std::stoi(port_text);
  }
  if (port < 0 || port > 65535 || host.empty()) {
    return fail(Code::kInvalidArgument, "cannot read --listen '" + listen + "'", "use HOST:PORT, e.g. 127.0.0.1:8025");
  }
  return std::make_pair(host, port);
}

}  // namespace mailsift::server
