#include "cli_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

extern char** environ;

namespace mailsift::testing {

RunResult run_mailsift(const std::vector<std::string>& args, const std::string& data_dir, const std::string& input,
                       const std::vector<std::string>& extra_env) {
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) return {};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) posix_spawn_file_actions_addclose(&fa, fd);

  std::vector<std::string> argv_s = {MAILSIFT_BIN};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "MAILSIFT_", 9) != 0) env_s.emplace_back(*e);
  }
  env_s.push_back("MAILSIFT_DATA_DIR=" + data_dir);
  // The local embedding model is fitted without WordNet unless a test asks for it: with it, the
  // fit after each ingest takes most of a minute under the sanitizers. Search quality is
  // tested in tests/search with WordNet.
  bool wordnet_set = false;
  for (const auto& e : extra_env) wordnet_set = wordnet_set || e.starts_with("MAILSIFT_EMBEDDINGS_WORDNET_DIR=");
  if (!wordnet_set) env_s.push_back("MAILSIFT_EMBEDDINGS_WORDNET_DIR=none");
  env_s.insert(env_s.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawn(&pid, MAILSIFT_BIN, &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  RunResult r;
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    close(err[0]);
    r.err = "spawn failed";
    return r;
  }
  // Feed stdin and drain both outputs together so no pipe fills up.
  size_t written = 0;
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  bool in_open = true;
  if (input.empty()) {
    close(in[1]);
    in_open = false;
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out[0], POLLIN, 0});
    if (err_open) fds.push_back({err[0], POLLIN, 0});
    if (in_open) fds.push_back({in[1], POLLOUT, 0});
    poll(fds.data(), fds.size(), 1000);
    for (auto& p : fds) {
      if (p.fd == in[1] && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = write(in[1], input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if (n < 0 || written == input.size()) {
          close(in[1]);
          in_open = false;
        }
      } else if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t n = read(p.fd, buf, sizeof buf);
        if (n <= 0) {
          close(p.fd);
          (p.fd == out[0] ? out_open : err_open) = false;
        } else {
          (p.fd == out[0] ? r.out : r.err).append(buf, static_cast<size_t>(n));
        }
      }
    }
  }
  if (in_open) close(in[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace mailsift::testing
