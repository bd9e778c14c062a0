#include "server/http.h"

#include <charconv>

#include "core/strings.h"
#include "store/email_json.h"

namespace mailsift::server::detail {

const char* const kAppCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

namespace {
thread_local std::string t_route = "unmatched";
}  // namespace

int http_status(Code code) {
  switch (code) {
    case Code::kInvalidArgument:
      return 400;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kParse:
      return 422;
    case Code::kTooLarge:
      return 413;
    case Code::kIo:
      return 500;
    case Code::kUnavailable:
      return 503;
    case Code::kPermission:
      return 403;
    case Code::kCancelled:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view hint) {
  Json err = {{"code", code}, {"message", message}};
  if (!hint.empty()) err["hint"] = hint;
  send_json(res, status, Json{{"error", err}});
}

void send_error(httplib::Response& res, const Error& error) {
  send_error(res, http_status(error.code), code_name(error.code), error.message, error.hint);
}

void set_route(std::string_view name) {
  t_route.assign(name);
}
std::string_view current_route() {
  return t_route;
}

Handler route(std::string name, Handler handler) {
  return [name = std::move(name), handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    set_route(name);
    try {
      handler(req, res);
    } catch (const std::exception&) {
      // Details stay out of the response (they may quote request data); the status says enough.
      res.headers.clear();
      send_error(res, 500, "internal", "the server failed on this request");
    }
  };
}

Result<int> int_param(const httplib::Request& req, const char* name, int fallback, int min, int max) {
  if (!req.has_param(name)) return fallback;
  std::string text = req.get_param_value(name);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return fail(Code::kInvalidArgument, std::string("parameter ") + name + " must be a whole number from " +
                                            std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

Result<bool> bool_param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return false;
  std::string v = to_lower(req.get_param_value(name));
  if (v == "1" || v == "true" || v == "yes" || v.empty()) return true;
  if (v == "0" || v == "false" || v == "no") return false;
  return fail(Code::kInvalidArgument, std::string("parameter ") + name + " must be true or false");
}

std::string text_param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

Result<int64_t> id_capture(const httplib::Request& req, size_t n) {
  if (req.matches.size() <= n) return fail(Code::kInvalidArgument, "missing id in the path");
  std::string text = req.matches[n].str();
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return fail(Code::kInvalidArgument, "the id in the path must be a positive number");
  }
  return value;
}

Result<Json> json_body(const httplib::Request& req) {
  Json j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return fail(Code::kInvalidArgument, "the request body is not valid JSON");
  return j;
}

}  // namespace mailsift::server::detail
