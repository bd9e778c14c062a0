// FakeHttpServer: a cpp-httplib server on 127.0.0.1 with an ephemeral port, run in a thread for
// the length of a test. Tests register handlers, call start(), point the client at url(), and
// read back what the server received. Helpers send a body in timed chunks so that a client sees
// it across separate reads, exactly where the test splits it.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mailsift::testing {

struct RecordedRequest {
  std::string method;
  std::string path;    // decoded by httplib
  std::string target;  // as sent, still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string header(const std::string& name) const;
};

class FakeHttpServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  FakeHttpServer();
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  // Register before start(). Every request is recorded before the handler runs.
  void get(const std::string& pattern, Handler handler);
  void post(const std::string& pattern, Handler handler);
  void start();
  void stop();

  int port() const { return port_; }
  std::string url(const std::string& path = "") const;
  std::vector<RecordedRequest> requests() const;
  size_t request_count() const;

  // Sends `chunks` as a chunked body, sleeping `gap` between them so that each tends to arrive
  // in its own read. When `drop_after` < chunks.size(), the connection is cut after that many
  // chunks (no terminating chunk).
  static void send_chunks(httplib::Response& res, const std::string& content_type, std::vector<std::string> chunks,
                          std::chrono::milliseconds gap = std::chrono::milliseconds(5),
                          size_t drop_after = static_cast<size_t>(-1));

  // Splits text into pieces at the given byte offsets, in any order (for send_chunks).
  static std::vector<std::string> split_at(const std::string& text, std::vector<size_t> offsets);
  // Splits text into pieces of `size` bytes.
  static std::vector<std::string> split_every(const std::string& text, size_t size);

 private:
  Handler record(Handler handler);

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  bool started_ = false;
  mutable std::mutex mu_;
  std::vector<RecordedRequest> requests_;
};

}  // namespace mailsift::testing
