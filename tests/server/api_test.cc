// The HTTP API over real HTTP on loopback: auth, errors, limits, messages, attachments, the
// sanitised HTML view, labels, stats, headers, metrics and the access log.
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "server/auth.h"
#include "server/test_server.h"

namespace mailsift::testing {
namespace {

using nlohmann::json;

json body_of(const httplib::Result& r) {
  return json::parse(r->body, nullptr, false);
}

void expect_error_shape(const httplib::Result& r, int status, const std::string& code = "") {
  ASSERT_TRUE(r) << "no response";
  EXPECT_EQ(r->status, status) << r->body;
  json j = body_of(r);
  ASSERT_TRUE(j.is_object()) << r->body;
  ASSERT_TRUE(j.contains("error")) << r->body;
  EXPECT_TRUE(j["error"]["code"].is_string());
  EXPECT_TRUE(j["error"]["message"].is_string());
  if (!code.empty()) {
    EXPECT_EQ(j["error"]["code"], code) << r->body;
  }
  EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
}

class ApiTest : public ::testing::Test {
 protected:
  TestServer server;

  int64_t ingest(const std::string& raw) {
    auto r = server.post_message(raw);
    EXPECT_TRUE(r);
    if (!r) return 0;
    EXPECT_TRUE(r->status == 201 || r->status == 200) << r->body;
    return body_of(r).value("id", int64_t{0});
  }
};

TEST_F(ApiTest, HealthzNeedsNoToken) {
  auto r = server.client(false)->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_of(r)["status"], "ok");
}

TEST_F(ApiTest, RequestsWithoutOrWithAWrongTokenGet401) {
  expect_error_shape(server.client(false)->Get("/api/messages"), 401, "unauthorized");
  auto wrong = server.client(false);
  wrong->set_bearer_token_auth("mst_" + std::string(64, '0'));
  expect_error_shape(wrong->Get("/api/messages"), 401, "unauthorized");
  auto prefix = server.client(false);
  prefix->set_bearer_token_auth(server.token().substr(0, server.token().size() - 1));
  expect_error_shape(prefix->Get("/api/stats"), 401);
  httplib::Headers basic = {{"Authorization", "Basic " + server.token()}};
  expect_error_shape(server.client(false)->Get("/api/messages", basic), 401);
  // A body sent without a token is refused before it is read.
  expect_error_shape(
      server.client(false)->Post("/api/messages", demo_message("010-lost-cat-poster.eml"), "message/rfc822"), 401);
  auto r = server.client(false)->Get("/api/messages");
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer realm=\"mailsift\"");
  EXPECT_EQ(server.client()->Get("/api/messages")->status, 200);
}

TEST_F(ApiTest, TokenFileIsPrivateAndRotationRevokesTheOldToken) {
  struct stat st {};
  ASSERT_EQ(::stat(server::token_path(server.data_dir()).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  std::string old = server.token();
  auto rotated = server::rotate_token(server.data_dir());
  ASSERT_OK(rotated);
  EXPECT_NE(rotated->token, old);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto c = server.client(false);
  c->set_bearer_token_auth(old);
  EXPECT_EQ(c->Get("/api/stats")->status, 401);
  c->set_bearer_token_auth(rotated->token);
  EXPECT_EQ(c->Get("/api/stats")->status, 200);
}

TEST_F(ApiTest, ConstantTimeEqualsComparesWholeTokens) {
  EXPECT_TRUE(server::constant_time_equals("abc", "abc"));
  EXPECT_FALSE(server::constant_time_equals("abc", "abd"));
  EXPECT_FALSE(server::constant_time_equals("abc", "abcd"));
  EXPECT_FALSE(server::constant_time_equals("", "a"));
  EXPECT_EQ(server::bearer_token("Bearer  xyz "), "xyz");
  EXPECT_EQ(server::bearer_token("bearer xyz"), "xyz");
  EXPECT_EQ(server::bearer_token("Basic xyz"), "");
}

TEST_F(ApiTest, PostMessageIngestsOnceAndIsIdempotent) {
  std::string raw = demo_message("085-brightwire-invoice-bwu4471.eml");
  auto first = server.post_message(raw);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 201) << first->body;
  json a = body_of(first);
  EXPECT_EQ(a["status"], "new");
  EXPECT_EQ(a["new"], true);
  auto again = server.post_message(raw);
  EXPECT_EQ(again->status, 200);
  json b = body_of(again);
  EXPECT_EQ(b["new"], false);
  EXPECT_EQ(b["id"], a["id"]);

  auto got = server.client()->Get("/api/messages/" + std::to_string(a["id"].get<int64_t>()));
  ASSERT_EQ(got->status, 200);
  json m = body_of(got);
  EXPECT_NE(m["subject"].get<std::string>().find("BWU-4471"), std::string::npos) << m["subject"];
  EXPECT_TRUE(m.contains("text"));
  EXPECT_TRUE(m.contains("links"));
}

TEST_F(ApiTest, BadBodiesGetJsonErrors) {
  expect_error_shape(server.post_message(""), 400, "invalid_argument");
  auto junk = server.post_message("this is not an email at all, just words\n");
  ASSERT_TRUE(junk);
  EXPECT_EQ(junk->status, 202) << junk->body;  // kept in quarantine, not as a message
  EXPECT_EQ(body_of(junk)["status"], "quarantined");
  expect_error_shape(server.client()->Get("/api/messages/999999"), 404, "not_found");
  expect_error_shape(server.client()->Get("/api/messages/abc"), 404);
  expect_error_shape(server.client()->Get("/api/messages?limit=0"), 400, "invalid_argument");
  expect_error_shape(server.client()->Get("/api/messages?class=SPAM"), 400, "invalid_argument");
  expect_error_shape(server.client()->Post("/api/messages/1/label", "{not json", "application/json"), 400);
  expect_error_shape(server.client()->Get("/api/no-such-route"), 404, "not_found");
  expect_error_shape(server.client()->Get("/api/stats?bucket=year"), 400);
  // Search is not wired into this server: a clear 503, not a crash.
  expect_error_shape(server.client()->Get("/api/search?q=invoice"), 503, "unavailable");
}

TEST(ApiLimitsTest, BodiesOverTheMessageSizeLimitGet413) {
  TestServer small([](server::ServerOptions& o, server::LocalBackendOptions&) { o.max_body_bytes = 4096; });
  std::string big = "From: a@example.com\r\nSubject: big\r\n\r\n" + std::string(10000, 'x');
  auto r = small.post_message(big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  json j = body_of(r);
  EXPECT_EQ(j["error"]["code"], "too_large") << r->body;
}

TEST_F(ApiTest, ListsThreadsAttachmentsAndRaw) {
  int64_t parent = ingest(demo_message("098-thamesgate-cable-strike-farrant-street.eml"));
  int64_t reply = ingest(demo_message("099-re-thamesgate-cable-strike.eml"));
  ASSERT_GT(parent, 0);
  ASSERT_GT(reply, 0);
  auto list = body_of(server.client()->Get("/api/messages?limit=10"));
  ASSERT_EQ(list["messages"].size(), 2u);
  EXPECT_EQ(list["messages"][0]["id"], reply);  // newest first

  json m = body_of(server.client()->Get("/api/messages/" + std::to_string(reply)));
  auto thread = body_of(server.client()->Get("/api/threads/" + std::to_string(m["thread_id"].get<int64_t>())));
  EXPECT_EQ(thread["messages"].size(), 2u);

  auto raw = server.client()->Get("/api/messages/" + std::to_string(parent) + "/raw");
  EXPECT_EQ(raw->status, 200);
  EXPECT_EQ(raw->body, demo_message("098-thamesgate-cable-strike-farrant-street.eml"));
  EXPECT_NE(raw->get_header_value("Content-Type").find("text/plain"), std::string::npos);
}

TEST_F(ApiTest, AttachmentsAreDownloadsWithSafeNames) {
  int64_t id = ingest(fixture("hostile-1.eml"));
  json m = body_of(server.client()->Get("/api/messages/" + std::to_string(id)));
  ASSERT_EQ(m["attachments"].size(), 2u);
  for (int n = 0; n < 2; ++n) {
    auto r = server.client()->Get("/api/messages/" + std::to_string(id) + "/attachments/" + std::to_string(n));
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/octet-stream");
    std::string cd = r->get_header_value("Content-Disposition");
    EXPECT_TRUE(cd.starts_with("attachment; filename=\"")) << cd;
    EXPECT_EQ(cd.find('/'), std::string::npos) << cd;
    EXPECT_EQ(cd.find('<'), std::string::npos) << cd;
    EXPECT_EQ(cd.find("\"\""), std::string::npos) << cd;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  }
  expect_error_shape(server.client()->Get("/api/messages/" + std::to_string(id) + "/attachments/7"), 404);
}

TEST_F(ApiTest, HtmlIsSanitisedAndServedUnderASandbox) {
  int64_t id = ingest(fixture("hostile-1.eml"));
  auto r = server.client()->Get("/api/messages/" + std::to_string(id) + "/html");
  ASSERT_EQ(r->status, 200);
  std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("sandbox"), std::string::npos);
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  std::string html = r->body;
  for (const char* bad : {"<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "<form", "<object",
                          "http://127.0.0.1:9", "<base", "<meta http-equiv=\"refresh", "<link"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << "found " << bad << " in " << html;
  }
  EXPECT_NE(html.find("invoice HX-1"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Mailsift-Blocked-Images"), "2");  // src="x" and the tracker

  // The iframe URL: signed, short-lived, usable without the bearer token; tampering fails.
  json link = body_of(server.client()->Get("/api/messages/" + std::to_string(id) + "/html-url"));
  std::string url = link["url"];
  auto view = server.client(false)->Get(url);
  ASSERT_EQ(view->status, 200);
  EXPECT_EQ(view->body, html);
  std::string tampered = url;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_EQ(server.client(false)->Get(tampered)->status, 403);
  std::string other = url;
  other.replace(other.find("/messages/") + 10, std::to_string(id).size(), std::to_string(id + 1));
  EXPECT_EQ(server.client(false)->Get(other)->status, 403);
}

TEST_F(ApiTest, LabelRecordsAHumanVerdict) {
  int64_t id = ingest(demo_message("004-spam-replica-watches.eml"));
  auto r = server.client()->Post("/api/messages/" + std::to_string(id) + "/label", R"({"class":"OPERATIONAL"})",
                                 "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  json c = body_of(r)["classification"];
  EXPECT_EQ(c["class"], "OPERATIONAL");
  EXPECT_EQ(c["decided_by"], "human");
  json m = body_of(server.client()->Get("/api/messages/" + std::to_string(id)));
  EXPECT_EQ(m["class"], "OPERATIONAL");
  EXPECT_EQ(m["classification"]["decided_by"], "human");
  expect_error_shape(server.client()->Post("/api/messages/" + std::to_string(id) + "/label", R"({"class":"SPAM"})",
                                           "application/json"),
                     400);
  expect_error_shape(server.client()->Post("/api/messages/424242/label", R"({"class":"NOISE"})", "application/json"),
                     404);
}

TEST_F(ApiTest, StatsCountByClassPerDay) {
  int64_t a = ingest(demo_message("085-brightwire-invoice-bwu4471.eml"));
  ingest(demo_message("004-spam-replica-watches.eml"));
  server.client()->Post("/api/messages/" + std::to_string(a) + "/label", R"({"class":"BUSINESS"})", "application/json");
  json s = body_of(server.client()->Get("/api/stats"));
  EXPECT_EQ(s["messages"], 2);
  EXPECT_EQ(s["volume"]["bucket"], "day");
  ASSERT_FALSE(s["volume"]["series"].empty());
  int64_t business = 0, total = 0;
  for (const auto& row : s["volume"]["series"]) {
    EXPECT_EQ(row["period"].get<std::string>().size(), 10u);
    for (auto it = row.begin(); it != row.end(); ++it) {
      if (it.key() == "period") continue;
      total += it.value().get<int64_t>();
      if (it.key() == "BUSINESS") business += it.value().get<int64_t>();
    }
  }
  EXPECT_EQ(total, 2);
  EXPECT_EQ(business, 1);
  json m = body_of(server.client()->Get("/api/stats?bucket=month&volume=true"));
  EXPECT_EQ(m["volume"]["series"][0]["period"].get<std::string>().size(), 7u);
  EXPECT_FALSE(body_of(server.client()->Get("/api/stats?volume=false")).contains("volume"));
}

TEST_F(ApiTest, EveryResponseCarriesSecurityHeadersAndNoCors) {
  httplib::Headers origin = {{"Origin", "http://evil.example"}};
  for (const char* path : {"/", "/api/messages", "/healthz", "/api/nope"}) {
    auto r = server.client()->Get(path, origin);
    ASSERT_TRUE(r) << path;
    std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline'; s"), std::string::npos) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin")) << path;
  }
  auto pre = server.client()->Options("/api/messages", origin);
  ASSERT_TRUE(pre);
  EXPECT_NE(pre->status, 204);
  EXPECT_FALSE(pre->has_header("Access-Control-Allow-Origin"));
}

TEST_F(ApiTest, ServesTheEmbeddedUiAndOpenApi) {
  auto index = server.client(false)->Get("/");
  ASSERT_EQ(index->status, 200);
  EXPECT_NE(index->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(index->body.find("<script type=\"module\" src=\"/js/main.js\"></script>"), std::string::npos);
  auto etag = index->get_header_value("ETag");
  auto again = server.client(false)->Get("/", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  auto js = server.client(false)->Get("/js/main.js");
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("text/javascript"), std::string::npos);

  auto spec = server.client(false)->Get("/api/openapi.json");
  ASSERT_EQ(spec->status, 200);
  json doc = body_of(spec);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* p :
       {"/api/messages", "/api/messages/{id}", "/api/messages/{id}/raw", "/api/messages/{id}/attachments/{n}",
        "/api/messages/{id}/label", "/api/messages/{id}/html", "/api/messages/{id}/html-url", "/api/threads/{id}",
        "/api/search", "/api/stats", "/api/contacts", "/api/contacts/{address}", "/api/contractors",
        "/api/contractors/{id}", "/api/chat", "/api/info", "/healthz", "/metrics"}) {
    EXPECT_TRUE(doc["paths"].contains(p)) << "OpenAPI lacks " << p;
  }
}

TEST_F(ApiTest, MetricsAndAccessLogHoldNoSecrets) {
  ingest(demo_message("010-lost-cat-poster.eml"));
  server.client()->Get("/api/messages?from=secret-query-text");
  server.client(false)->Get("/api/messages");
  auto r = server.client(false)->Get("/metrics");
  ASSERT_EQ(r->status, 200);
  std::string m = r->body;
  EXPECT_NE(m.find("mailsift_http_requests_total{method=\"GET\",route=\"GET /api/messages\",status=\"200\"}"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("mailsift_ingest_messages_total{outcome=\"new\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("mailsift_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.find("mailsift_auth_failures_total 1"), std::string::npos);
  EXPECT_NE(m.find("mailsift_llm_tokens_total"), std::string::npos);
  EXPECT_EQ(m.find(server.token()), std::string::npos);
  auto lines = server.log_lines();
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(server.token()), std::string::npos) << line;
    EXPECT_EQ(line.find("secret-query-text"), std::string::npos) << line;
    EXPECT_EQ(line.find("Lost"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace mailsift::testing
