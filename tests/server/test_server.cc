#include "server/test_server.h"

#include <chrono>

#include "server/auth.h"
#include "store/sqlite_store.h"

namespace mailsift::testing {

TestServer::TestServer(Customize customize) {
  std::string db = dir_.str() + "/mailsift.db";
  auto store = SqliteEmailStore::open(db);
  EXPECT_TRUE(store.has_value());
  auto token = server::ensure_token(dir_.str());
  EXPECT_TRUE(token.has_value());
  token_ = token->token;

  server::ServerOptions options;
  options.port = 0;
  options.data_dir = dir_.str();
  options.token = token_;
  options.threads = 6;
  options.max_chats = 2;
  options.chat_heartbeat = std::chrono::milliseconds(200);
  options.access_log = [this](const std::string& line) {
    std::lock_guard lock(log_mutex_);
    log_.push_back(line);
  };
  server::LocalBackendOptions backend_options;
  backend_options.db_path = db;
  if (customize) customize(options, backend_options);

  auto backend = server::LocalBackend::open(std::move(backend_options));
  EXPECT_TRUE(backend.has_value());
  backend_ = std::move(*backend);
  auto srv = server::Server::create(options, *backend_);
  EXPECT_TRUE(srv.has_value()) << (srv ? "" : srv.error().message);
  server_ = std::move(*srv);
  auto bound = server_->bind();
  EXPECT_TRUE(bound.has_value());
  port_ = server_->port();
  thread_ = std::thread([this] { (void)server_->run(); });
  // Wait until it answers.
  httplib::Client probe("127.0.0.1", port_);
  for (int i = 0; i < 200; ++i) {
    if (auto r = probe.Get("/healthz"); r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TestServer::~TestServer() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::unique_ptr<httplib::Client> TestServer::client(bool token) const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_read_timeout(20, 0);
  if (token) c->set_bearer_token_auth(token_.c_str());
  return c;
}

httplib::Result TestServer::post_message(const std::string& raw) const {
  return client()->Post("/api/messages", raw, "message/rfc822");
}

std::vector<std::string> TestServer::log_lines() const {
  std::lock_guard lock(log_mutex_);
  return log_;
}

std::string demo_message(const std::string& name) {
  return read_file(source_dir() / "demo" / "mailbox" / name);
}
std::string fixture(const std::string& name) {
  return read_file(source_dir() / "tests" / "server" / "fixtures" / name);
}

}  // namespace mailsift::testing
