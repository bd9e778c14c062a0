// Byte encodings the wire formats need: RFC 3986 percent-encoding (URLs, SigV4) and base64
// (OpenAI base64 embeddings, event-stream test vectors). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace mailsift::net {

// Percent-encodes every byte except the RFC 3986 unreserved set (A-Z a-z 0-9 - . _ ~), with
// upper-case hex digits, as SigV4 requires. '/' is kept as is when keep_slash is true.
std::string percent_encode(std::string_view text, bool keep_slash = false);

// Decodes %XX escapes; a '%' not followed by two hex digits is kept literally; '+' stays '+'.
std::string percent_decode(std::string_view text);

// Standard base64 alphabet with '=' padding.
std::string base64_encode(std::string_view bytes);
// Accepts the standard and the URL-safe alphabet, with or without padding.
// Errors: kParse on any other character or an impossible length.
Result<std::string> base64_decode(std::string_view text);

// Lower-case hex of the bytes.
std::string hex_encode(std::string_view bytes);

}  // namespace mailsift::net
