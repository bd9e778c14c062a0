#include "llm/provider_util.h"

#include <atomic>
#include <optional>
#include <random>

#include "core/strings.h"
#include "llm/json_util.h"
#include "net/redact.h"

namespace mailsift::llm::detail {

std::string short_text(std::string_view text, size_t max_bytes) {
  std::string t = collapse_whitespace(make_valid_utf8(text));
  if (t.size() <= max_bytes) return t;
  return std::string(utf8_prefix(t, max_bytes)) + "...";
}

std::string error_message_from_body(std::string_view body) {
  Json j = Json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    if (const Json* e = member(j, "error")) {
      if (e->is_string()) return e->get<std::string>();
      std::string m = string_member(*e, "message");
      std::string type = string_member(*e, "type");
      if (!m.empty()) return type.empty() ? m : type + ": " + m;
    }
    for (const char* key : {"message", "Message", "detail"}) {
      std::string m = string_member(j, key);
      if (!m.empty()) return m;
    }
  }
  return short_text(body);
}

Error http_error(std::string_view provider, const net::HttpRequest& request, const net::HttpResponse& response,
                 std::string provider_message, std::string_view key_hint) {
  int s = response.status;
  Error e;
  std::string detail = net::scrub(short_text(provider_message), request);
  e.message = std::string(provider) + " returned HTTP " + std::to_string(s) + (detail.empty() ? "" : ": " + detail);
  if (s == 401 || s == 403) {
    e.code = Code::kPermission;
    e.hint = key_hint.empty() ? "check the credentials" : "check " + std::string(key_hint);
  } else if (s == 404) {
    e.code = Code::kInvalidArgument;
    e.hint = "check the model name and the base URL";
  } else if (s == 400 || s == 422) {
    e.code = Code::kInvalidArgument;
  } else if (s == 413) {
    e.code = Code::kTooLarge;
  } else {
    e.code = Code::kUnavailable;
    if (response.attempts > 1) e.message += " (after " + std::to_string(response.attempts) + " attempts)";
    if (s == 429) e.hint = "the provider is rate limiting; wait and try again";
    if (s == 529 || s == 503) e.hint = "the provider is overloaded; try again shortly";
  }
  return e;
}

Result<net::HttpResponse> run_stream(const net::HttpClient& client, const net::HttpRequest& request,
                                     const ChunkConsumer& consume, std::string_view what) {
  std::optional<Error> stop_error;
  auto res = client.stream(request, [&](std::string_view chunk) {
    Result<bool> r = [&]() -> Result<bool> {
      try {
        return consume(chunk);
      } catch (const Json::exception&) {
        return fail(Code::kParse, std::string(what) + " has an unexpected shape");
      }
    }();
    if (!r) {
      stop_error = std::move(r).error();
      return false;
    }
    return *r;
  });
  if (stop_error) {
    stop_error->message = net::scrub(stop_error->message, request);
    return fail(std::move(*stop_error));
  }
  return res;
}

std::string system_text(const std::vector<Message>& messages) {
  std::string out;
  for (const auto& m : messages) {
    if (m.role != Role::kSystem) continue;
    std::string t = m.text();
    if (t.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += t;
  }
  return out;
}

std::string make_call_id() {
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return "call_" + std::to_string(++counter) + "_" + std::to_string(rng() % 1000000000ull);
}

}  // namespace mailsift::llm::detail
