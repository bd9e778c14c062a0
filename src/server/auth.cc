#include "server/auth.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/strings.h"

namespace mailsift::server {

namespace {

constexpr std::string_view kPrefix = "mst_";

std::string to_hex(const unsigned char* bytes, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

Result<std::string> new_token() {
  unsigned char bytes[32];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(Code::kIo, std::string("no randomness for the API token: ") + std::strerror(errno));
    }
    got += static_cast<size_t>(n);
  }
  return std::string(kPrefix) + to_hex(bytes, sizeof bytes);
}

bool well_formed(std::string_view token) {
  if (token.size() < 16 || token.size() > 256) return false;
  for (char c : token) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

// Writes the token to a temporary file created 0600, then renames it over `path`.
Result<void> write_token(const std::string& path, const std::string& token) {
  std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Code::kIo, "cannot create " + tmp + ": " + std::strerror(errno));
  std::string line = token + "\n";
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return fail(Code::kIo, "cannot write " + tmp + ": " + std::strerror(err));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return fail(Code::kIo, "cannot replace " + path + ": " + std::strerror(err));
  }
  return ok();
}

Result<std::string> read_token(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kIo, "cannot read " + path + ": " + std::strerror(errno));
  std::string line;
  std::getline(in, line);
  std::string token(trim(line));
  if (!well_formed(token)) {
    return fail(Code::kParse, path + " does not hold a valid token", "run `mailsift token rotate` to write a new one");
  }
  return token;
}

int64_t mtime_ns(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

std::string token_path(const std::string& data_dir) {
  return data_dir + "/api-token";
}

Result<TokenFile> ensure_token(const std::string& data_dir) {
  TokenFile out;
  out.path = token_path(data_dir);
  struct stat st {};
  if (::stat(out.path.c_str(), &st) == 0) {
    if ((st.st_mode & 077) != 0 && ::chmod(out.path.c_str(), 0600) != 0) {
      return fail(Code::kIo, "cannot restrict the permissions of " + out.path + ": " + std::strerror(errno));
    }
    out.token = MAILSIFT_TRY(read_token(out.path));
    return out;
  }
  if (errno != ENOENT) return fail(Code::kIo, "cannot stat " + out.path + ": " + std::strerror(errno));
  out.token = MAILSIFT_TRY(new_token());
  MAILSIFT_TRY_VOID(write_token(out.path, out.token));
  out.created = true;
  return out;
}

Result<TokenFile> rotate_token(const std::string& data_dir) {
  TokenFile out;
  out.path = token_path(data_dir);
  out.token = MAILSIFT_TRY(new_token());
  MAILSIFT_TRY_VOID(write_token(out.path, out.token));
  out.created = true;
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  unsigned char da[EVP_MAX_MD_SIZE], db[EVP_MAX_MD_SIZE];
  unsigned int la = 0, lb = 0;
  if (EVP_Digest(a.data(), a.size(), da, &la, EVP_sha256(), nullptr) != 1) return false;
  if (EVP_Digest(b.data(), b.size(), db, &lb, EVP_sha256(), nullptr) != 1) return false;
  if (la != lb) return false;
  // Same digest implies same input with overwhelming probability; the length check below is on
  // public information only after the timing-safe comparison.
  bool same = CRYPTO_memcmp(da, db, la) == 0;
  return same && a.size() == b.size();
}

std::string_view bearer_token(std::string_view header) {
  header = trim(header);
  if (header.size() < 7 || !istarts_with(header, "bearer ")) return {};
  return trim(header.substr(7));
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &len)) {
    return {};
  }
  return to_hex(out, len);
}

TokenCheck::TokenCheck(std::string data_dir, std::string token)
    : data_dir_(std::move(data_dir)), token_(std::move(token)) {
  mtime_ns_ = mtime_ns(token_path(data_dir_));
  checked_at_ = std::chrono::steady_clock::now();
}

void TokenCheck::refresh_locked() {
  auto now = std::chrono::steady_clock::now();
  if (now - checked_at_ < std::chrono::seconds(1)) return;
  checked_at_ = now;
  std::string path = token_path(data_dir_);
  int64_t m = mtime_ns(path);
  if (m == mtime_ns_) return;
  // A missing or unreadable file keeps the token we have: deleting the file must not open the API.
  auto fresh = read_token(path);
  if (!fresh) return;
  mtime_ns_ = m;
  token_ = std::move(*fresh);
}

bool TokenCheck::accepts(std::string_view presented) {
  if (presented.empty()) return false;
  std::string expected;
  {
    std::lock_guard lock(mutex_);
    refresh_locked();
    expected = token_;
  }
  return constant_time_equals(presented, expected);
}

std::string TokenCheck::current() {
  std::lock_guard lock(mutex_);
  refresh_locked();
  return token_;
}

}  // namespace mailsift::server
