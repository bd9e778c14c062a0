// Loading a benchmark corpus: every regular file under a directory, read into memory.
#pragma once

#include <string>
#include <vector>

namespace mailsift::bench {

struct CorpusFile {
  std::string path;
  std::string bytes;
};

// Sorted by path. Exits with a message when the directory does not exist.
std::vector<CorpusFile> load_corpus(const std::string& dir);

// The SpamAssassin corpus beside the checkout, or $MAILSIFT_BENCH_CORPUS.
std::string default_corpus_dir();

}  // namespace mailsift::bench
