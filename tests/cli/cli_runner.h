// Runs the real `mailsift` binary for end-to-end tests: arguments in, exit status and output out.
#pragma once

#include <string>
#include <vector>

namespace mailsift::testing {

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs MAILSIFT_BIN with `args` (no shell), with MAILSIFT_DATA_DIR=data_dir, feeding `input`
// on stdin. extra_env adds "NAME=value" entries. The embedding model is fitted without WordNet
// (MAILSIFT_EMBEDDINGS_WORDNET_DIR=none) unless extra_env sets that variable.
RunResult run_mailsift(const std::vector<std::string>& args, const std::string& data_dir,
                       const std::string& input = "", const std::vector<std::string>& extra_env = {});

}  // namespace mailsift::testing
