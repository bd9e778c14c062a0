// /healthz, /metrics, /api/openapi.json, /api/info and the embedded web UI.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/assets.h"
#include "server/http.h"

namespace mailsift::server::detail {

namespace {

void send_asset(const httplib::Request& req, httplib::Response& res, const Asset& a) {
  // Revalidated on every load (no fingerprinted names): cheap 304s on loopback, never stale.
  res.set_header("Cache-Control", "no-cache");
  res.set_header("ETag", std::string(a.etag));
  if (req.get_header_value("If-None-Match") == a.etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(a.body.data(), a.body.size(), std::string(a.content_type));
}

}  // namespace

void add_meta_routes(httplib::Server& http, Shared& s) {
  http.Get("/healthz", route("GET /healthz", [&s](const httplib::Request&, httplib::Response& res) {
             if (s.stopping.load()) return send_json(res, 503, Json{{"status", "stopping"}});
             send_json(res, 200, Json{{"status", "ok"}});
           }));

  http.Get("/metrics", route("GET /metrics", [&s](const httplib::Request&, httplib::Response& res) {
             res.set_content(s.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
           }));

  http.Get("/api/openapi.json", route("GET /api/openapi.json", [](const httplib::Request& req, httplib::Response& res) {
             const Asset* a = find_asset("/api/openapi.json");
             if (!a) return send_error(res, 404, "not_found", "no OpenAPI document in this build");
             send_asset(req, res, *a);
           }));

  http.Get("/api/info", route("GET /api/info", [&s](const httplib::Request&, httplib::Response& res) {
             Json info = s.backend.capabilities();
             info["version"] = MAILSIFT_VERSION;
             info["max_body_bytes"] = s.options.max_body_bytes;
             info["max_chats"] = s.options.max_chats;
             send_json(res, 200, info);
           }));
}

void add_asset_routes(httplib::Server& http, Shared& s) {
  http.Get(R"(/(.*))", route("GET /{asset}", [&s](const httplib::Request& req, httplib::Response& res) {
             std::string path = req.path == "/" ? "/index.html" : req.path;
             const Asset* a = path.starts_with("/api/") ? nullptr : find_asset(path);
             if (a && !s.options.web_dir.empty()) {
               // Development: the same file names, read from disk on every request.
               std::ifstream in(std::filesystem::path(s.options.web_dir) / path.substr(1), std::ios::binary);
               std::stringstream buf;
               buf << in.rdbuf();
               res.set_header("Cache-Control", "no-store");
               res.set_content(buf.str(), std::string(a->content_type));
               return;
             }
             if (!a) return send_error(res, 404, "not_found", "no such page or file");
             send_asset(req, res, *a);
           }));
}

}  // namespace mailsift::server::detail
