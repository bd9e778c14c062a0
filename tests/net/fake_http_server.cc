#include "net/fake_http_server.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace mailsift::testing {

std::string RecordedRequest::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

FakeHttpServer::FakeHttpServer() {
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot bind a test HTTP server on 127.0.0.1");
}

FakeHttpServer::~FakeHttpServer() {
  // httplib closes the listening socket only when its loop stops: run the loop if it never ran,
  // so that the port is really closed (tests use that to get a refused connection).
  if (!started_) start();
  stop();
}

FakeHttpServer::Handler FakeHttpServer::record(Handler handler) {
  return [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    RecordedRequest r{req.method, req.path, req.target, {}, req.body};
    for (const auto& [k, v] : req.headers) r.headers.emplace_back(k, v);
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(std::move(r));
    }
    handler(req, res);
  };
}

void FakeHttpServer::get(const std::string& pattern, Handler handler) {
  server_.Get(pattern, record(std::move(handler)));
}
void FakeHttpServer::post(const std::string& pattern, Handler handler) {
  server_.Post(pattern, record(std::move(handler)));
}

void FakeHttpServer::start() {
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // Bound already, so connections queue until the loop runs; still, wait so that stop() is safe.
  for (int i = 0; i < 2000 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void FakeHttpServer::stop() {
  if (!started_) return;
  started_ = false;
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t FakeHttpServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

void FakeHttpServer::send_chunks(httplib::Response& res, const std::string& content_type,
                                 std::vector<std::string> chunks, std::chrono::milliseconds gap, size_t drop_after) {
  auto state = std::make_shared<std::vector<std::string>>(std::move(chunks));
  auto next = std::make_shared<size_t>(0);
  res.set_chunked_content_provider(content_type, [state, next, gap, drop_after](size_t, httplib::DataSink& sink) {
    if (*next >= drop_after) return false;  // cut the connection
    if (*next >= state->size()) {
      sink.done();
      return true;
    }
    if (*next > 0) std::this_thread::sleep_for(gap);
    const std::string& chunk = (*state)[(*next)++];
    if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
    return true;
  });
}

std::vector<std::string> FakeHttpServer::split_at(const std::string& text, std::vector<size_t> offsets) {
  std::sort(offsets.begin(), offsets.end());
  std::vector<std::string> out;
  size_t prev = 0;
  for (size_t off : offsets) {
    if (off <= prev || off >= text.size()) continue;
    out.push_back(text.substr(prev, off - prev));
    prev = off;
  }
  out.push_back(text.substr(prev));
  return out;
}

std::vector<std::string> FakeHttpServer::split_every(const std::string& text, size_t size) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); i += size) out.push_back(text.substr(i, size));
  return out;
}

}  // namespace mailsift::testing
