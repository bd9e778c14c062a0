// Messages, threads, attachments, HTML views, labels and stats.
#include <fmt/format.h>

#include "core/strings.h"
#include "core/time.h"
#include "mime/parser.h"
#include "net/encoding.h"
#include "server/html_sanitize.h"
#include "server/http.h"
#include "store/email_json.h"

namespace mailsift::server::detail {

namespace {

constexpr int64_t kViewSeconds = 300;  // lifetime of a signed HTML view URL

// RFC 6266 / 5987: an ASCII fallback name and the UTF-8 name, percent-encoded.
std::string content_disposition(const std::string& filename) {
  std::string safe = mime::sanitize_filename(filename);
  std::string ascii, encoded;
  for (unsigned char c : safe) {
    ascii.push_back(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? static_cast<char>(c) : '_');
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_')
      encoded.push_back(static_cast<char>(c));
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

std::string view_signature(Shared& s, int64_t id, int64_t expires) {
  return hmac_sha256_hex(s.tokens.current(), fmt::format("view-html:{}:{}", id, expires));
}

// The sanitised HTML of a message, with cid: images resolved to its inline parts.
Result<SanitizedHtml> sanitized(Shared& s, int64_t id) {
  StoredEmail se = MAILSIFT_TRY(s.backend.email(id));
  if (se.email.html_body.empty()) return fail(Code::kNotFound, fmt::format("message {} has no HTML body", id));
  std::string raw;
  bool raw_loaded = false;
  CidResolver resolve = [&](std::string_view cid) -> std::optional<std::string> {
    for (const auto& a : se.email.attachments) {
      if (a.content_id != cid || !a.content_type.starts_with("image/") || a.size > 2u * 1024 * 1024) continue;
      if (!raw_loaded) {
        auto r = s.backend.raw(id);
        if (!r) return std::nullopt;
        raw = std::move(*r);
        raw_loaded = true;
      }
      auto bytes = mime::extract_attachment(raw, a.index);
      if (!bytes) return std::nullopt;
      static const char* kType[] = {"image/png", "image/gif", "image/jpeg", "image/webp"};
      for (const char* t : kType) {
        if (a.content_type == t) return std::string("data:") + t + ";base64," + net::base64_encode(*bytes);
      }
      return std::nullopt;
    }
    return std::nullopt;
  };
  return sanitize_email_html(se.email.html_body, resolve);
}

void send_sanitized(httplib::Response& res, const SanitizedHtml& h) {
  // The document may be framed by the UI only, runs nothing, and loads nothing from outside.
  res.set_header("Content-Security-Policy",
                 "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                 "frame-ancestors 'self'");
  res.set_header("X-Frame-Options", "SAMEORIGIN");
  res.set_header("X-Mailsift-Blocked-Images", std::to_string(h.blocked_images));
  res.status = 200;
  res.set_content(h.html, "text/html; charset=utf-8");
}

Result<ListQuery> list_query(const httplib::Request& req) {
  ListQuery q;
  q.limit = MAILSIFT_TRY(int_param(req, "limit", 50, 1, 500));
  q.offset = MAILSIFT_TRY(int_param(req, "offset", 0, 0, 10'000'000));
  q.from = text_param(req, "from");
  std::string cls = text_param(req, "class");
  if (iequals(cls, "unclassified")) {
    q.unclassified_only = true;
  } else if (!cls.empty()) {
    auto label = parse_label(cls);
    if (!label) return fail(Code::kInvalidArgument, "class must be BUSINESS, OPERATIONAL, NOISE or unclassified");
    q.label = *label;
  }
  if (auto since = text_param(req, "since"); !since.empty()) q.since = MAILSIFT_TRY(parse_date_arg(since, now_unix()));
  if (auto until = text_param(req, "until"); !until.empty()) {
    q.until = MAILSIFT_TRY(parse_date_arg(until, now_unix(), true));
  }
  return q;
}

}  // namespace

void add_message_routes(httplib::Server& http, Shared& s) {
  http.Post("/api/messages", route("POST /api/messages", [&s](const httplib::Request& req, httplib::Response& res) {
              if (req.body.empty())
                return send_error(res, 400, "invalid_argument", "the body must be a raw RFC 822 message");
              IngestMeta meta{"http", now_unix()};
              ProcessResult r = s.backend.ingest(req.body, meta);
              s.metrics.count_ingest(outcome_name(r.outcome));
              Json body = {{"status", outcome_name(r.outcome)}};
              switch (r.outcome) {
                case Outcome::kNew:
                case Outcome::kDuplicate:
                  body["id"] = r.id;
                  body["thread_id"] = r.thread_id;
                  body["new"] = r.outcome == Outcome::kNew;
                  if (!r.degraded.empty()) body["degraded"] = r.degraded;
                  return send_json(res, r.outcome == Outcome::kNew ? 201 : 200, body);
                case Outcome::kQuarantined:
                  // Kept, but not as a message: the sender must not retry, so this is a success status.
                  body["quarantine_id"] = r.id;
                  body["new"] = false;
                  body["reason"] = r.reason;
                  return send_json(res, 202, body);
                case Outcome::kFailed:
                  return send_error(res, 503, "unavailable", "the message could not be stored: " + r.reason,
                                    "nothing was kept; retry later");
              }
            }));

  http.Get("/api/messages", route("GET /api/messages", [&s](const httplib::Request& req, httplib::Response& res) {
             auto q = list_query(req);
             if (!q) return send_error(res, q.error());
             auto rows = s.backend.list(*q);
             if (!rows) return send_error(res, rows.error());
             Json items = Json::array();
             for (const auto& r : *rows) items.push_back(to_json(r));
             send_json(res, 200, Json{{"messages", items}, {"limit", q->limit}, {"offset", q->offset}});
           }));

  http.Get(R"(/api/messages/(\d+))",
           route("GET /api/messages/{id}", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             if (!id) return send_error(res, id.error());
             auto se = s.backend.email(*id);
             if (!se) return send_error(res, se.error());
             Json out = to_json(*se);
             auto links = s.backend.message_links(*id);
             out["links"] = links ? *links : Json(nullptr);  // contacts are extra: never fail the message for them
             send_json(res, 200, out);
           }));

  http.Get(R"(/api/messages/(\d+)/raw)",
           route("GET /api/messages/{id}/raw", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             if (!id) return send_error(res, id.error());
             auto raw = s.backend.raw(*id);
             if (!raw) return send_error(res, raw.error());
             auto download = bool_param(req, "download");
             res.set_header("Content-Disposition", *id > 0 && download && *download
                                                       ? fmt::format("attachment; filename=\"message-{}.eml\"", *id)
                                                       : std::string("inline"));
             res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
             // text/plain: a browser shows the source and never interprets it.
             res.set_content(*raw, "text/plain; charset=utf-8");
           }));

  http.Get(R"(/api/messages/(\d+)/attachments/(\d+))",
           route("GET /api/messages/{id}/attachments/{n}", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             if (!id) return send_error(res, id.error());
             int64_t n = -1;
             try {
               n = std::stoll(req.matches[2].str());
             } catch (...) {
             }
             auto se = s.backend.email(*id);
             if (!se) return send_error(res, se.error());
             const auto& atts = se->email.attachments;
             if (n < 0 || static_cast<size_t>(n) >= atts.size()) {
               return send_error(res, 404, "not_found", fmt::format("message {} has no attachment {}", *id, n),
                                 fmt::format("it has {} attachment(s), numbered from 0", atts.size()));
             }
             const Attachment& att = atts[static_cast<size_t>(n)];
             auto raw = s.backend.raw(*id);
             if (!raw) return send_error(res, raw.error());
             auto bytes = mime::extract_attachment(*raw, att.index);
             if (!bytes) return send_error(res, bytes.error());
             res.set_header("Content-Disposition", content_disposition(att.filename));
             res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
             // Always a download, never rendered: the declared type is the sender's claim.
             res.set_content(*bytes, "application/octet-stream");
           }));

  http.Get(R"(/api/messages/(\d+)/html)",
           route("GET /api/messages/{id}/html", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             if (!id) return send_error(res, id.error());
             auto h = sanitized(s, *id);
             if (!h) return send_error(res, h.error());
             send_sanitized(res, *h);
           }));

  // A short-lived URL the UI can put in a sandboxed iframe (which cannot send the bearer token).
  http.Get(R"(/api/messages/(\d+)/html-url)",
           route("GET /api/messages/{id}/html-url", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             if (!id) return send_error(res, id.error());
             auto se = s.backend.email(*id);
             if (!se) return send_error(res, se.error());
             if (se->email.html_body.empty()) {
               return send_error(res, 404, "not_found", fmt::format("message {} has no HTML body", *id));
             }
             int64_t expires = now_unix() + kViewSeconds;
             std::string url =
                 fmt::format("/view/messages/{}/html?expires={}&sig={}", *id, expires, view_signature(s, *id, expires));
             send_json(res, 200, Json{{"url", url}, {"expires_at", format_iso8601(expires)}});
           }));

  http.Get(R"(/view/messages/(\d+)/html)",
           route("GET /view/messages/{id}/html", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             int64_t expires = 0;
             try {
               expires = std::stoll(text_param(req, "expires"));
             } catch (...) {
             }
             if (!id || expires < now_unix() ||
                 !constant_time_equals(text_param(req, "sig"), view_signature(s, *id, expires))) {
               return send_error(res, 403, "forbidden", "this view link is not valid or has expired",
                                 "open the message again in mailsift");
             }
             auto h = sanitized(s, *id);
             if (!h) return send_error(res, h.error());
             send_sanitized(res, *h);
           }));

  http.Get(R"(/api/threads/(\d+))",
           route("GET /api/threads/{id}", [&s](const httplib::Request& req, httplib::Response& res) {
             auto id = id_capture(req, 1);
             if (!id) return send_error(res, id.error());
             auto rows = s.backend.thread(*id);
             if (!rows) return send_error(res, rows.error());
             Json items = Json::array();
             for (const auto& r : *rows) items.push_back(to_json(r));
             send_json(res, 200, Json{{"thread_id", *id}, {"messages", items}});
           }));

  http.Post(R"(/api/messages/(\d+)/label)",
            route("POST /api/messages/{id}/label", [&s](const httplib::Request& req, httplib::Response& res) {
              auto id = id_capture(req, 1);
              if (!id) return send_error(res, id.error());
              auto body = json_body(req);
              if (!body) return send_error(res, body.error());
              const Json* cls = body->is_object() && body->contains("class") ? &(*body)["class"] : nullptr;
              auto label = cls && cls->is_string() ? parse_label(cls->get<std::string>()) : std::nullopt;
              if (!label) {
                return send_error(res, 400, "invalid_argument",
                                  "the body must be {\"class\": \"BUSINESS\" | \"OPERATIONAL\" | \"NOISE\"}");
              }
              std::string note;
              if (body->contains("note") && (*body)["note"].is_string()) {
                note = std::string(utf8_prefix((*body)["note"].get<std::string>(), 500));
              }
              auto c = s.backend.label(*id, *label, note);
              if (!c) return send_error(res, c.error());
              send_json(res, 200, Json{{"id", *id}, {"classification", to_json(*c)}});
            }));

  http.Get("/api/stats", route("GET /api/stats", [&s](const httplib::Request& req, httplib::Response& res) {
             VolumeRequest v;
             v.bucket = text_param(req, "bucket");
             if (v.bucket.empty()) v.bucket = "day";
             if (v.bucket != "day" && v.bucket != "week" && v.bucket != "month") {
               return send_error(res, 400, "invalid_argument", "bucket must be day, week or month");
             }
             if (auto since = text_param(req, "since"); !since.empty()) {
               auto t = parse_date_arg(since, now_unix());
               if (!t) return send_error(res, t.error());
               v.since = *t;
             }
             if (auto until = text_param(req, "until"); !until.empty()) {
               auto t = parse_date_arg(until, now_unix(), true);
               if (!t) return send_error(res, t.error());
               v.until = *t;
             }
             auto stats = s.backend.stats();
             if (!stats) return send_error(res, stats.error());
             Json out = to_json(*stats);
             auto with_volume = req.has_param("volume") ? bool_param(req, "volume") : Result<bool>(true);
             if (!with_volume) return send_error(res, with_volume.error());
             if (!*with_volume) return send_json(res, 200, out);
             auto rows = s.backend.volume(v);
             if (!rows) return send_error(res, rows.error());
             // One entry per period: {"period":"2025-03-04","BUSINESS":3,"NOISE":1,...}.
             Json series = Json::array();
             for (const auto& r : *rows) {
               if (series.empty() || series.back()["period"] != r.period) series.push_back(Json{{"period", r.period}});
               series.back()[r.label] = r.count;
             }
             out["volume"] = Json{{"bucket", v.bucket}, {"series", series}};
             send_json(res, 200, out);
           }));
}

}  // namespace mailsift::server::detail
