// Internal to src/server: what the route files share — the httplib types, the state every
// handler sees, JSON and error responses, parameter parsing, and the route wrapper that names a
// route for metrics and turns stray exceptions into a 500. Not included outside src/server.
#pragma once

#include <httplib.h>

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/auth.h"
#include "server/backend.h"
#include "server/metrics.h"
#include "server/server.h"

namespace mailsift::server::detail {

struct Shared {
  Shared(const ServerOptions& o, Backend& b, TokenCheck& t) : options(o), backend(b), tokens(t) {}
  const ServerOptions& options;
  Backend& backend;
  TokenCheck& tokens;
  Metrics metrics;
  std::atomic<int> active_chats{0};
  std::atomic<bool> stopping{false};
};

// The HTTP status for an error code: 400, 404, 409, 422, 413, 500, 503, 401, 499→503, 500.
int http_status(Code code);

void send_json(httplib::Response& res, int status, const Json& body);
// {"error":{"code":code,"message":message[,"hint":hint]}}
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view hint = {});
void send_error(httplib::Response& res, const Error& error);

// The route pattern a handler serves, for metrics and the access log (per worker thread: a
// worker handles one request at a time).
void set_route(std::string_view name);
std::string_view current_route();

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Wraps a handler: records its route name, and answers 500 (JSON) if it throws.
Handler route(std::string name, Handler handler);

// An integer query parameter within [min, max], else `fallback` when absent.
// Errors: kInvalidArgument naming the parameter.
Result<int> int_param(const httplib::Request& req, const char* name, int fallback, int min, int max);
// A boolean query parameter: "1", "true", "yes" / "0", "false", "no", or absent (false).
Result<bool> bool_param(const httplib::Request& req, const char* name);
// The text of a query parameter, or empty.
std::string text_param(const httplib::Request& req, const char* name);
// The n-th regex capture of the route as a positive 64-bit id. Errors: kInvalidArgument.
Result<int64_t> id_capture(const httplib::Request& req, size_t n);
// Parses a JSON request body. Errors: kInvalidArgument with the parser's position.
Result<Json> json_body(const httplib::Request& req);

// The Content-Security-Policy of the UI and the API.
extern const char* const kAppCsp;

void add_message_routes(httplib::Server& http, Shared& shared);
void add_search_routes(httplib::Server& http, Shared& shared);
void add_chat_routes(httplib::Server& http, Shared& shared);
void add_directory_routes(httplib::Server& http, Shared& shared);
void add_meta_routes(httplib::Server& http, Shared& shared);
void add_asset_routes(httplib::Server& http, Shared& shared);

}  // namespace mailsift::server::detail
