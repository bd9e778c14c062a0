#include "support/test_support.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace mailsift::testing {

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    auto candidate = base / ("mailsift-test-" + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& relative, std::string_view content) const {
  auto p = path_ / relative;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return p;
}

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("MAILSIFT_SHARED_DIR"); env && *env) {
    if (std::filesystem::is_directory(env)) return env;
    return {};
  }
  std::filesystem::path p = MAILSIFT_SHARED_DIR;
  if (std::filesystem::is_directory(p)) return std::filesystem::canonical(p);
  return {};
}

std::filesystem::path corpus_dir(const std::string& name) {
  auto s = shared_dir();
  if (s.empty()) return {};
  auto p = s / "corpus" / name;
  return std::filesystem::is_directory(p) ? p : std::filesystem::path{};
}

std::filesystem::path labels_dir() {
  auto s = shared_dir();
  if (s.empty()) return {};
  auto p = s / "labels";
  return std::filesystem::is_directory(p) ? p : std::filesystem::path{};
}

std::filesystem::path source_dir() { return MAILSIFT_SOURCE_DIR; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace mailsift::testing
