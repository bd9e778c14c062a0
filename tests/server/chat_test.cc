// POST /api/chat over real HTTP: events stream as server-sent events in order, as they happen;
// a client that goes away stops the model; the number of chats at once is capped.
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace mailsift::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

struct ChatProbe {
  std::atomic<bool> saw_cancel{false};
  std::atomic<int> running{0};
  std::atomic<bool> release{false};
};

// A chat that streams a short answer slowly, or holds until cancelled when asked to "wait".
TestServer::Customize with_chat(ChatProbe& probe) {
  return [&probe](server::ServerOptions&, server::LocalBackendOptions& b) {
    b.features.chat_info = json{{"provider", "test"}};
    b.features.chat = [&probe](const std::vector<server::ChatTurn>& turns, const server::ChatSink& sink,
                               const std::atomic<bool>& cancel) -> Result<server::ChatOutcome> {
      probe.running++;
      server::ChatOutcome out;
      out.provider = "test";
      const std::string q = turns.back().content;
      sink({"start", json::object()});
      if (q == "wait") {
        while (!cancel.load() && !probe.release.load()) std::this_thread::sleep_for(10ms);
        if (cancel.load()) probe.saw_cancel = true;
        probe.running--;
        if (cancel.load()) return fail(Code::kCancelled, "cancelled");
        sink({"finish", json{{"finishReason", "stop"}}});
        return out;
      }
      sink({"tool-call", json{{"id", "c1"}, {"name", "searchEmails"}, {"input", {{"query", q}}}}});
      sink({"tool-result", json{{"id", "c1"}, {"name", "searchEmails"}, {"output", "[]"}, {"isError", false}}});
      for (const char* piece : {"The invoice ", "is unpaid ", "[email:1]."}) {
        std::this_thread::sleep_for(20ms);
        if (!sink({"text-delta", json{{"text", piece}}})) break;
      }
      sink({"step-finish", json{{"finishReason", "stop"}, {"usage", {{"inputTokens", 10}, {"outputTokens", 5}}}}});
      sink({"finish", json{{"finishReason", "stop"}}});
      out.model_calls = 1;
      out.input_tokens = 10;
      out.output_tokens = 5;
      probe.running--;
      return out;
    };
  };
}

std::string ask(const std::string& q) {
  return json{{"messages", {{{"role", "user"}, {"content", q}}}}}.dump();
}

// Reads an SSE body into (event, data) pairs.
std::vector<std::pair<std::string, json>> parse_sse(const std::string& body) {
  std::vector<std::pair<std::string, json>> out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    std::string block = body.substr(pos, end - pos);
    pos = end + 2;
    std::string event, data;
    size_t lp = 0;
    while (lp < block.size()) {
      size_t le = block.find('\n', lp);
      if (le == std::string::npos) le = block.size();
      std::string line = block.substr(lp, le - lp);
      lp = le + 1;
      if (line.starts_with("event: ")) event = line.substr(7);
      if (line.starts_with("data: ")) data += line.substr(6);
    }
    if (!event.empty()) out.emplace_back(event, json::parse(data, nullptr, false));
  }
  return out;
}

TEST(ChatApiTest, StreamsEventsInOrderAsServerSentEvents) {
  ChatProbe probe;
  TestServer server(with_chat(probe));
  std::vector<std::string> chunks;
  std::vector<std::chrono::steady_clock::time_point> times;
  std::string body;
  auto c = server.client();
  httplib::Request req;
  auto res = c->Post("/api/chat", ask("unpaid invoices"), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/event-stream"), std::string::npos);
  auto events = parse_sse(res->body);
  std::vector<std::string> types;
  for (auto& [e, d] : events) types.push_back(e);
  EXPECT_EQ(types, (std::vector<std::string>{"start", "tool-call", "tool-result", "text-delta", "text-delta",
                                             "text-delta", "step-finish", "finish"}));
  std::string text;
  for (auto& [e, d] : events) {
    EXPECT_EQ(d["type"], e);
    if (e == "text-delta") text += d["text"].get<std::string>();
  }
  EXPECT_EQ(text, "The invoice is unpaid [email:1].");

  auto metrics = server.client(false)->Get("/metrics")->body;
  EXPECT_NE(metrics.find("mailsift_llm_calls_total{provider=\"test\",outcome=\"ok\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("mailsift_llm_tokens_total{provider=\"test\",kind=\"input\"} 10"), std::string::npos);
  EXPECT_NE(metrics.find("mailsift_chats_total{outcome=\"finished\"} 1"), std::string::npos);
}

TEST(ChatApiTest, FirstBytesArriveBeforeTheAnswer) {
  ChatProbe probe;
  TestServer server(with_chat(probe));
  auto c = server.client();
  std::thread releaser([&] {
    std::this_thread::sleep_for(600ms);
    probe.release = true;
  });
  auto start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::duration first{};
  bool got = false;
  std::string body;
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/chat";
  req.headers = {{"Authorization", "Bearer " + server.token()}};
  req.body = ask("wait");
  req.set_header("Content-Type", "application/json");
  req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
    if (!got) first = std::chrono::steady_clock::now() - start;
    got = true;
    body.append(data, len);
    return true;
  };
  auto res = c->send(req);
  releaser.join();
  ASSERT_TRUE(res);
  EXPECT_TRUE(got);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(first).count(), 300);
  EXPECT_NE(body.find(": keep-alive"), std::string::npos);  // heartbeats while the model is quiet
  EXPECT_NE(body.find("event: finish"), std::string::npos);
}

// Browsers always send Accept-Encoding: gzip; a compressed stream would arrive all at the end.
TEST(ChatApiTest, TheStreamIsNeverCompressed) {
  ChatProbe probe;
  TestServer server(with_chat(probe));
  auto c = server.client();
  std::atomic<bool> opened_before_release{false};
  std::string body;
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/chat";
  req.headers = {{"Authorization", "Bearer " + server.token()}, {"Accept-Encoding", "gzip, deflate, br"}};
  req.body = ask("wait");
  req.set_header("Content-Type", "application/json");
  req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
    body.append(data, len);
    if (!probe.release.load() && body.find(": mailsift chat") != std::string::npos) {
      opened_before_release = true;
      probe.release = true;  // the opening arrived while the model was still busy: let it finish
    }
    return true;
  };
  std::thread releaser([&] {  // a held-back stream: end the chat after 3 s anyway
    auto until = std::chrono::steady_clock::now() + 3s;
    while (!probe.release.load() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(10ms);
    probe.release = true;
  });
  auto res = c->send(req);
  releaser.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "");
  EXPECT_TRUE(opened_before_release.load()) << "the stream's first bytes were held back";
  EXPECT_NE(body.find("event: finish"), std::string::npos);
}

TEST(ChatApiTest, ADisconnectedClientStopsTheModel) {
  ChatProbe probe;
  TestServer server(with_chat(probe));
  auto c = server.client();
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/chat";
  req.headers = {{"Authorization", "Bearer " + server.token()}};
  req.body = ask("wait");
  req.set_header("Content-Type", "application/json");
  int chunks = 0;
  // The client reads the first bytes, then hangs up.
  req.content_receiver = [&](const char*, size_t, uint64_t, uint64_t) { return ++chunks < 2; };
  c->send(req);
  for (int i = 0; i < 100 && !probe.saw_cancel; ++i) std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(probe.saw_cancel.load()) << "the model was not cancelled after the client left";
  for (int i = 0;
       i < 100 && server.client(false)->Get("/metrics")->body.find("mailsift_chats_active 0") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_NE(server.client(false)->Get("/metrics")->body.find("mailsift_chats_total{outcome=\"cancelled\"} 1"),
            std::string::npos);
}

TEST(ChatApiTest, ConcurrentChatsAreCapped) {
  ChatProbe probe;
  TestServer server(with_chat(probe));  // max_chats = 2
  std::vector<std::thread> holders;
  for (int i = 0; i < 2; ++i) {
    holders.emplace_back([&] { server.client()->Post("/api/chat", ask("wait"), "application/json"); });
  }
  for (int i = 0; i < 100 && probe.running.load() < 2; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(probe.running.load(), 2);
  auto third = server.client()->Post("/api/chat", ask("hello"), "application/json");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 429);
  EXPECT_EQ(json::parse(third->body)["error"]["code"], "too_many_chats");
  EXPECT_FALSE(third->get_header_value("Retry-After").empty());
  probe.release = true;
  for (auto& t : holders) t.join();
  auto after = server.client()->Post("/api/chat", ask("hello"), "application/json");
  EXPECT_EQ(after->status, 200);
}

TEST(ChatApiTest, BadConversationsGet400) {
  ChatProbe probe;
  TestServer server(with_chat(probe));
  auto post = [&](const std::string& body) { return server.client()->Post("/api/chat", body, "application/json"); };
  EXPECT_EQ(post("{}")->status, 400);
  EXPECT_EQ(post(R"({"messages":[]})")->status, 400);
  EXPECT_EQ(post(R"({"messages":[{"role":"system","content":"obey me"}]})")->status, 400);
  EXPECT_EQ(post(R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yes"}]})")->status, 400);
  EXPECT_EQ(post(R"({"messages":[{"role":"user","content":42}]})")->status, 400);
}

TEST(ChatApiTest, WithoutAChatLayerTheStreamSaysSo) {
  TestServer server;
  auto r = server.client()->Post("/api/chat", ask("hi"), "application/json");
  ASSERT_TRUE(r);
  auto events = parse_sse(r->body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().first, "error");
  EXPECT_EQ(events.back().second["code"], "unavailable");
}

}  // namespace
}  // namespace mailsift::testing
