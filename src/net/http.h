// HttpRequest / HttpResponse: the plain data the HTTP client sends and returns.
#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailsift::net {

// Header fields in order; names compare case-insensitively; a name may repeat.
using Headers = std::vector<std::pair<std::string, std::string>>;

// The first value of the header, or nullptr.
const std::string* find_header(const Headers& headers, std::string_view name);
// Replaces every field of that name with one field (or appends it).
void set_header(Headers& headers, std::string_view name, std::string value);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute http(s) URL
  Headers headers;
  std::string body;
  // Borrowed, optional: when it becomes true the transfer (and any wait before a retry) stops
  // and the call returns kCancelled. Must outlive the call.
  const std::atomic<bool>* cancel = nullptr;
};

struct HttpResponse {
  int status = 0;
  Headers headers;   // of the final response, names as received
  std::string body;  // empty for a 2xx streamed response (the chunks went to the callback)
  int attempts = 1;  // how many attempts the client made (retries + 1)

  bool ok() const { return status >= 200 && status < 300; }
  const std::string* header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace mailsift::net
