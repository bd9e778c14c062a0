// Helpers every mailsift test may use: ASSERT_OK / EXPECT_OK that print the Error, a
// self-deleting temporary directory, and the paths of shared corpora (which may be absent).
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/result.h"

namespace mailsift::testing {

// Prints "code: message (hint)" for a failed Result.
template <typename T>
::testing::AssertionResult is_ok(const Result<T>& r) {
  if (r) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << code_name(r.error().code) << ": " << r.error().to_string();
}

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes a file (creating parent folders) and returns its path.
  std::filesystem::path write(const std::string& relative, std::string_view content) const;

 private:
  std::filesystem::path path_;
};

// ../shared (beside the source tree), or empty when it is not there.
std::filesystem::path shared_dir();
// shared_dir()/corpus/<name>, or empty when absent.
std::filesystem::path corpus_dir(const std::string& name);
// shared_dir()/labels (the labelled classification set), or empty when absent.
std::filesystem::path labels_dir();
std::filesystem::path source_dir();
std::string read_file(const std::filesystem::path& path);

}  // namespace mailsift::testing

#define ASSERT_OK(expr) ASSERT_TRUE(::mailsift::testing::is_ok(expr))
#define EXPECT_OK(expr) EXPECT_TRUE(::mailsift::testing::is_ok(expr))

// Skips the current test when the shared labelled set (../shared/labels) is missing.
#define SKIP_WITHOUT_LABELS(dir)                                                            \
  do {                                                                                      \
    if ((dir).empty())                                                                      \
      GTEST_SKIP() << "shared labels not found beside the checkout (../shared/labels); skipping"; \
  } while (0)

// Skips the current test, with a message saying why, when a shared corpus is missing.
#define SKIP_WITHOUT_CORPUS(dir, name)                                                      \
  do {                                                                                      \
    if ((dir).empty())                                                                      \
      GTEST_SKIP() << "shared corpus '" << (name) << "' not found beside the checkout "     \
                   << "(../shared/corpus/" << (name) << "); skipping";                      \
  } while (0)
