// Files embedded into the binary at build time (src/server/embed_assets.cmake writes the table
// from web/ and src/server/openapi.json), so `mailsift serve` needs nothing beside itself.
#pragma once

#include <span>
#include <string_view>

namespace mailsift::server {

struct Asset {
  std::string_view path;          // "/index.html", "/js/app.js", "/api/openapi.json"
  std::string_view content_type;  // "text/javascript; charset=utf-8", ...
  std::string_view body;
  std::string_view etag;  // "\"<sha256 prefix>\"" of the body
};

std::span<const Asset> embedded_assets();
// The asset at `path`, or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace mailsift::server
