// A real mailsift server on 127.0.0.1 (an ephemeral port) over a temporary data directory, for
// API tests over HTTP: the LocalBackend on a fresh SQLite store, the features a test wires in,
// and a client with or without the token.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/local_backend.h"
#include "server/server.h"
#include "support/test_support.h"

namespace mailsift::testing {

class TestServer {
 public:
  using Customize = std::function<void(server::ServerOptions&, server::LocalBackendOptions&)>;
  explicit TestServer(Customize customize = nullptr);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // A client for this server; with the bearer token unless `token` is false.
  std::unique_ptr<httplib::Client> client(bool token = true) const;
  // POSTs a raw message; returns the response (status and JSON body).
  httplib::Result post_message(const std::string& raw) const;

  int port() const { return port_; }
  const std::string& token() const { return token_; }
  std::string data_dir() const { return dir_.str(); }
  std::vector<std::string> log_lines() const;

 private:
  TempDir dir_;
  std::string token_;
  int port_ = 0;
  std::unique_ptr<server::LocalBackend> backend_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
  mutable std::mutex log_mutex_;
  std::vector<std::string> log_;
};

std::string demo_message(const std::string& name);  // demo/mailbox/<name>
std::string fixture(const std::string& name);       // tests/server/fixtures/<name>

}  // namespace mailsift::testing
