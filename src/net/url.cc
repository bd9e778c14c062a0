#include "net/url.h"

#include <charconv>

#include "core/strings.h"

namespace mailsift::net {

int Url::effective_port() const {
  if (port != 0) return port;
  return scheme == "https" ? 443 : 80;
}

std::string Url::authority() const {
  bool default_port = port == 0 || (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  return default_port ? host : host + ":" + std::to_string(port);
}

std::string Url::origin() const {
  return scheme + "://" + authority();
}

std::string Url::target() const {
  return query.empty() ? path : path + "?" + query;
}

Result<Url> parse_url(std::string_view text) {
  auto bad = [&](std::string why) {
    return fail(Code::kInvalidArgument, "invalid URL: " + why, "use an absolute URL such as http://localhost:11434/v1");
  };
  Url url;
  auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad("no scheme");
  url.scheme = to_lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") return bad("scheme must be http or https");
  std::string_view rest = text.substr(scheme_end + 3);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t auth_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, auth_end);
  std::string_view after = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("unterminated IPv6 address");
    host = authority.substr(0, close + 1);
    std::string_view tail = authority.substr(close + 1);
    if (!tail.empty()) {
      if (tail.front() != ':') return bad("junk after IPv6 address");
      port_text = tail.substr(1);
    }
  } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }
  if (host.empty()) return bad("no host");
  url.host = to_lower(host);
  if (!port_text.empty()) {
    int port = 0;
    auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || p != port_text.data() + port_text.size() || port <= 0 || port > 65535) {
      return bad("bad port");
    }
    url.port = port;
  }
  auto q = after.find('?');
  url.path = std::string(after.substr(0, q));
  if (q != std::string_view::npos) url.query = std::string(after.substr(q + 1));
  if (url.path.empty()) url.path = "/";
  return url;
}

std::string join_url(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return std::string(base) + "/" + std::string(path);
}

}  // namespace mailsift::net
