// make_corpus: writes a Maildir (DEST/cur) of N messages built from a source corpus, for ingest
// and search benchmarks at scale. Copy k of a source message gets a new Message-ID, a
// subject suffix and, with --perturb, a few body words replaced by words drawn from the corpus,
// so that every copy is a distinct message with a distinct text.
//
//   make_corpus SOURCE_DIR DEST_DIR N [--perturb] [--seed S]
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "corpus.h"

namespace fs = std::filesystem;

namespace {

// Splits raw into header block and body at the first blank line.
size_t body_start(const std::string& raw) {
  size_t p = raw.find("\n\n");
  if (p == std::string::npos) p = raw.find("\r\n\r\n");
  return p == std::string::npos ? raw.size() : p + (raw[p] == '\r' ? 4 : 2);
}

std::string rewrite(const std::string& raw, size_t copy, std::mt19937& rng, const std::vector<std::string>& vocab,
                    bool perturb) {
  size_t b = body_start(raw);
  std::string head = raw.substr(0, b), body = raw.substr(b);
  // Drop a leading mbox envelope line.
  if (head.starts_with("From ")) head.erase(0, head.find('\n') + 1);
  std::string tag = ".r" + std::to_string(copy);
  bool had_id = false;
  std::string out;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t eol = head.find('\n', pos);
    std::string line = head.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos + 1);
    pos = eol == std::string::npos ? head.size() : eol + 1;
    if (strncasecmp(line.c_str(), "Message-ID:", 11) == 0) {
      size_t gt = line.rfind('>');
      if (gt != std::string::npos) line.insert(gt, tag);
      had_id = true;
    } else if (strncasecmp(line.c_str(), "Subject:", 8) == 0 && copy > 0) {
      size_t end = line.find_last_not_of("\r\n");
      line.insert(end + 1, " [" + std::to_string(copy) + "]");
    }
    out += line;
  }
  if (!had_id) out = "Message-ID: <bench" + std::to_string(copy) + "." + std::to_string(rng()) + "@bench.invalid>\n" + out;
  if (perturb && copy > 0 && !vocab.empty()) {
    // Replace about one word in twenty of the first 4 KB of the body.
    std::uniform_int_distribution<size_t> pick(0, vocab.size() - 1);
    std::uniform_int_distribution<int> coin(0, 19);
    std::string nb;
    size_t i = 0, limit = std::min<size_t>(body.size(), 4096);
    while (i < limit) {
      if (std::isalpha(static_cast<unsigned char>(body[i]))) {
        size_t j = i;
        while (j < limit && std::isalpha(static_cast<unsigned char>(body[j]))) ++j;
        nb += (j - i > 3 && coin(rng) == 0) ? vocab[pick(rng)] : body.substr(i, j - i);
        i = j;
      } else {
        nb += body[i++];
      }
    }
    body = nb + body.substr(limit);
  }
  return out + body;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: make_corpus SOURCE_DIR DEST_DIR N [--perturb] [--seed S]\n");
    return 2;
  }
  std::string src = argv[1], dest = argv[2];
  size_t n = std::stoul(argv[3]);
  bool perturb = false;
  unsigned seed = 42;
  for (int i = 4; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--perturb")) perturb = true;
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = static_cast<unsigned>(std::stoul(argv[++i]));
  }
  auto files = mailsift::bench::load_corpus(src);
  if (files.empty()) return 1;
  std::mt19937 rng(seed);
  std::vector<std::string> vocab;
  for (size_t f = 0; f < files.size() && vocab.size() < 50000; f += 3) {
    const std::string& raw = files[f].bytes;
    size_t b = body_start(raw), i = b;
    while (i < raw.size() && i < b + 2000) {
      size_t j = i;
      while (j < raw.size() && std::islower(static_cast<unsigned char>(raw[j]))) ++j;
      if (j - i >= 4 && j - i <= 12) vocab.push_back(raw.substr(i, j - i));
      i = j + 1;
    }
  }
  fs::create_directories(fs::path(dest) / "cur");
  fs::create_directories(fs::path(dest) / "new");
  fs::create_directories(fs::path(dest) / "tmp");
  for (size_t k = 0; k < n; ++k) {
    const auto& f = files[k % files.size()];
    size_t copy = k / files.size();
    std::string msg = rewrite(f.bytes, copy, rng, vocab, perturb);
    char name[64];
    std::snprintf(name, sizeof name, "%09zu.bench:2,S", k);
    std::ofstream out(fs::path(dest) / "cur" / name, std::ios::binary);
    out.write(msg.data(), static_cast<std::streamsize>(msg.size()));
  }
  std::printf("wrote %zu messages to %s/cur\n", n, dest.c_str());
  return 0;
}
