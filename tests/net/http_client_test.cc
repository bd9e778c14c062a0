// The HTTP client against a real local server: plain and streamed bodies, cancellation,
// retries (Retry-After, backoff, connection failures, never after streamed bytes) and the
// redaction of secrets from errors and logs.
#include "net/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "net/fake_http_server.h"
#include "support/test_support.h"

namespace mailsift::net {
namespace {

using mailsift::testing::FakeHttpServer;
using namespace std::chrono_literals;

// Records the waits instead of sleeping, and the log lines.
struct Recorder {
  std::mutex mu;
  std::vector<std::chrono::milliseconds> sleeps;
  std::vector<std::string> log;

  HttpOptions options(int attempts = 3) {
    HttpOptions o;
    o.retry.max_attempts = attempts;
    o.retry.initial_backoff = 100ms;
    o.retry.max_backoff = 1000ms;
    o.transfer.connect_timeout = 2000ms;
    o.transfer.total_timeout = 10000ms;
    o.sleep = [this](std::chrono::milliseconds d) {
      std::lock_guard<std::mutex> lock(mu);
      sleeps.push_back(d);
    };
    o.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu);
      log.emplace_back(line);
    };
    return o;
  }
};

TEST(HttpClientTest, PostsBodyAndHeadersAndReadsResponse) {
  FakeHttpServer server;
  server.post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Seen", req.get_header_value("X-Test"));
    res.set_content("got:" + req.body, "text/plain");
  });
  server.start();
  HttpClient client;
  HttpRequest req{"POST", server.url("/echo"), {{"X-Test", "yes"}, {"Content-Type", "text/plain"}}, "hello"};
  auto res = client.send(req);
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "got:hello");
  ASSERT_NE(res->header("x-seen"), nullptr);
  EXPECT_EQ(*res->header("x-seen"), "yes");
  EXPECT_EQ(res->attempts, 1);
}

TEST(HttpClientTest, StreamsChunksAsTheyArrive) {
  FakeHttpServer server;
  server.get("/s", [](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "text/plain", {"one ", "two ", "three"}, 20ms);
  });
  server.start();
  HttpClient client;
  std::vector<std::string> chunks;
  auto res = client.stream({"GET", server.url("/s")}, [&](std::string_view c) {
    chunks.emplace_back(c);
    return true;
  });
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.empty());
  std::string all;
  for (auto& c : chunks) all += c;
  EXPECT_EQ(all, "one two three");
  EXPECT_GE(chunks.size(), 2u);  // delivered incrementally, not as one body
}

TEST(HttpClientTest, StreamCollectsErrorBodiesInsteadOfDeliveringThem) {
  FakeHttpServer server;
  server.get("/bad", [](const httplib::Request&, httplib::Response& res) {
    res.status = 400;
    res.set_content("{\"error\":\"nope\"}", "application/json");
  });
  server.start();
  HttpClient client;
  bool called = false;
  auto res = client.stream({"GET", server.url("/bad")}, [&](std::string_view) { return called = true; });
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(res->body, "{\"error\":\"nope\"}");
  EXPECT_FALSE(called);
}

TEST(HttpClientTest, SinkReturningFalseCancels) {
  FakeHttpServer server;
  server.get("/s", [](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "text/plain", {"a", "b", "c", "d"}, 20ms);
  });
  server.start();
  Recorder rec;
  HttpClient client(rec.options());
  int n = 0;
  auto res = client.stream({"GET", server.url("/s")}, [&](std::string_view) { return ++n < 2; });
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, Code::kCancelled);
  EXPECT_EQ(server.request_count(), 1u);  // never retried
}

TEST(HttpClientTest, CancelFlagStopsAStalledStream) {
  FakeHttpServer server;
  server.get("/slow", [](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "text/plain", {"a", "b"}, 1500ms);
  });
  server.start();
  HttpClient client;
  std::atomic<bool> cancel{false};
  HttpRequest req{"GET", server.url("/slow")};
  req.cancel = &cancel;
  auto start = std::chrono::steady_clock::now();
  auto res = client.stream(req, [&](std::string_view) {
    cancel = true;  // the caller went away after the first chunk
    return true;
  });
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, Code::kCancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);
}

TEST(HttpClientTest, RetriesA429HonouringRetryAfterSeconds) {
  FakeHttpServer server;
  std::atomic<int> calls{0};
  server.post("/r", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "2");
      res.set_content("{\"error\":\"rate\"}", "application/json");
      return;
    }
    res.set_content("ok", "text/plain");
  });
  server.start();
  Recorder rec;
  HttpClient client(rec.options());
  auto res = client.send({"POST", server.url("/r"), {}, "{}"});
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->attempts, 2);
  ASSERT_EQ(rec.sleeps.size(), 1u);
  EXPECT_EQ(rec.sleeps[0], 2000ms);
}

TEST(HttpClientTest, RetriesServerErrorsWithJitteredBackoffThenGivesUp) {
  FakeHttpServer server;
  server.post("/e", [](const httplib::Request&, httplib::Response& res) {
    res.status = 529;
    res.set_content("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}", "application/json");
  });
  server.start();
  Recorder rec;
  HttpClient client(rec.options(3));
  auto res = client.send({"POST", server.url("/e"), {}, "{}"});
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 529);
  EXPECT_EQ(res->attempts, 3);
  EXPECT_EQ(server.request_count(), 3u);
  ASSERT_EQ(rec.sleeps.size(), 2u);
  EXPECT_GE(rec.sleeps[0], 50ms);
  EXPECT_LE(rec.sleeps[0], 100ms);
  EXPECT_GE(rec.sleeps[1], 100ms);
  EXPECT_LE(rec.sleeps[1], 200ms);
}

TEST(HttpClientTest, DoesNotWaitForAnOverlongRetryAfter) {
  FakeHttpServer server;
  server.post("/r", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_header("Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT");
  });
  server.start();
  Recorder rec;
  HttpClient client(rec.options());
  auto res = client.send({"POST", server.url("/r"), {}, "{}"});
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_TRUE(rec.sleeps.empty());
}

TEST(HttpClientTest, DoesNotRetryClientErrors) {
  FakeHttpServer server;
  server.post("/r", [](const httplib::Request&, httplib::Response& res) { res.status = 400; });
  server.start();
  Recorder rec;
  HttpClient client(rec.options());
  auto res = client.send({"POST", server.url("/r"), {}, "{}"});
  ASSERT_OK(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(HttpClientTest, RetriesRefusedConnectionsAndReportsTheFailure) {
  int port = 0;
  {
    FakeHttpServer gone;  // bound then closed: nothing listens on the port any more
    port = gone.port();
  }
  Recorder rec;
  HttpClient client(rec.options(3));
  auto res = client.send({"GET", "http://127.0.0.1:" + std::to_string(port) + "/x"});
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, Code::kUnavailable);
  EXPECT_EQ(rec.sleeps.size(), 2u);
  EXPECT_NE(res.error().message.find("3 attempts"), std::string::npos) << res.error().message;
}

TEST(HttpClientTest, NeverRetriesOnceStreamedBytesWereDelivered) {
  FakeHttpServer server;
  server.get("/cut", [](const httplib::Request&, httplib::Response& res) {
    FakeHttpServer::send_chunks(res, "text/event-stream", {"data: 1\n\n", "data: 2\n\n", "data: 3\n\n"}, 10ms, 1);
  });
  server.start();
  Recorder rec;
  HttpClient client(rec.options(3));
  std::string got;
  auto res = client.stream({"GET", server.url("/cut")}, [&](std::string_view c) {
    got += c;
    return true;
  });
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, Code::kUnavailable);
  EXPECT_EQ(got, "data: 1\n\n");
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_TRUE(rec.sleeps.empty());
}

// A fault-injecting transport: the first `failures` calls fail with a retryable error.
class FlakyTransport : public Transport {
 public:
  explicit FlakyTransport(int failures) : failures_(failures) {}
  Attempt perform(const HttpRequest&, const TransferOptions&, const ChunkSink*) override {
    Attempt a;
    if (calls_++ < failures_) {
      a.result = fail(Code::kUnavailable, "connection reset by peer");
      a.retryable = true;
      return a;
    }
    HttpResponse r;
    r.status = 200;
    r.body = "fine";
    a.result = r;
    return a;
  }
  int calls_ = 0;
  int failures_;
};

TEST(HttpClientTest, RetriesConnectionResetsFromTheTransport) {
  Recorder rec;
  auto transport = std::make_unique<FlakyTransport>(2);
  auto* raw = transport.get();
  HttpClient client(rec.options(3), std::move(transport));
  auto res = client.send({"GET", "http://unused.invalid/"});
  ASSERT_OK(res);
  EXPECT_EQ(res->body, "fine");
  EXPECT_EQ(raw->calls_, 3);
  EXPECT_EQ(res->attempts, 3);
}

TEST(HttpClientTest, SecretsNeverAppearInErrorsOrLogs) {
  const std::string key = "sk-test-SECRET-0123456789";
  FakeHttpServer server;
  server.post("/v1/x", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 429;
    // A server that echoes the credential back, as some do in error messages.
    res.set_content("bad key " + req.get_header_value("Authorization"), "text/plain");
  });
  server.start();
  Recorder rec;
  HttpClient client(rec.options(2));
  HttpRequest req{"POST", server.url("/v1/x?api_key=" + key), {{"Authorization", "Bearer " + key}}, "{}"};
  auto res = client.send(req);
  ASSERT_OK(res);
  ASSERT_FALSE(rec.log.empty());
  for (const auto& line : rec.log) EXPECT_EQ(line.find(key), std::string::npos) << line;

  // A transport failure's message names the URL: redacted too.
  int port = 0;
  {
    FakeHttpServer gone;
    port = gone.port();
  }
  HttpClient quick(rec.options(1));
  auto err = quick.send({"GET", "http://127.0.0.1:" + std::to_string(port) + "/p?key=" + key, {{"x-api-key", key}}});
  ASSERT_FALSE(err.has_value());
  EXPECT_EQ(err.error().to_string().find(key), std::string::npos) << err.error().to_string();
}

}  // namespace
}  // namespace mailsift::net
