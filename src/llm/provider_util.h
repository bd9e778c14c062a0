// Pieces the provider adapters share: mapping HTTP failures to errors (with secrets scrubbed),
// running a streamed request whose consumer may stop it with an error, gathering system text,
// and making tool-call ids. Internal to src/llm.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "llm/message.h"
#include "net/http_client.h"

namespace mailsift::llm::detail {

// The error for a non-2xx response: kPermission (401/403), kInvalidArgument (400/404/422),
// kTooLarge (413), kUnavailable (408/429/5xx/529 and others). `provider_message` is the
// provider's own error text; it and everything else is scrubbed of the request's secrets.
// `key_hint` says where the key comes from ("the key in OPENAI_API_KEY (llm.api_key_env)").
Error http_error(std::string_view provider, const net::HttpRequest& request, const net::HttpResponse& response,
                 std::string provider_message, std::string_view key_hint);

// The provider's error message from a JSON error body: {"error":{"message"}}, {"error":"..."},
// {"message":"..."}, {"Message":"..."}; else the first 300 bytes of the body.
std::string error_message_from_body(std::string_view body);

// Consumes one chunk of a streamed body: true to go on, false when the caller's sink asked to
// stop (kCancelled), or an error that stops the stream and becomes the call's error.
using ChunkConsumer = std::function<Result<bool>(std::string_view chunk)>;

// Streams the request through the consumer. On a non-2xx status returns the response (body
// collected) for the caller to map with http_error. A JSON exception from the consumer (a
// stream event of an unexpected shape) is caught here, before it could unwind through the
// HTTP library, and becomes kParse "<what> has an unexpected shape".
Result<net::HttpResponse> run_stream(const net::HttpClient& client, const net::HttpRequest& request,
                                     const ChunkConsumer& consume, std::string_view what);

// The text of every system message, joined with blank lines.
std::string system_text(const std::vector<Message>& messages);

// A unique id for a tool call whose provider gave none ("call_<n>_<random>").
std::string make_call_id();

// Truncates provider text for an error message (UTF-8 safe).
std::string short_text(std::string_view text, size_t max_bytes = 300);

}  // namespace mailsift::llm::detail
