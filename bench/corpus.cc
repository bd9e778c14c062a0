#include "corpus.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace mailsift::bench {

std::vector<CorpusFile> load_corpus(const std::string& dir) {
  if (!fs::is_directory(dir)) {
    std::fprintf(stderr, "corpus directory not found: %s (set MAILSIFT_BENCH_CORPUS)\n", dir.c_str());
    std::exit(2);
  }
  std::vector<CorpusFile> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename().string().starts_with(".")) continue;
    if (e.path().filename() == "README.md") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    out.push_back({e.path().string(), buf.str()});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

std::string default_corpus_dir() {
  if (const char* env = std::getenv("MAILSIFT_BENCH_CORPUS"); env && *env) return env;
  return std::string(MAILSIFT_SOURCE_DIR) + "/../shared/corpus/spamassassin-public-corpus";
}

}  // namespace mailsift::bench
