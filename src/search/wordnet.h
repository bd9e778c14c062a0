// Reads the WordNet 3.0 database files (Debian `wordnet-base`: /usr/share/wordnet/data.noun,
// data.verb, data.adj, data.adv) for the local embedder: each synset's words, its gloss and the
// synsets it points to. Plain file parsing (format: wndb(5)); no global state, so it is safe to
// call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace mailsift::search {

struct Synset {
  std::vector<std::string> words;  // lemmas, '_' turned into spaces, markers like "(a)" removed
  std::string gloss;               // definition and examples
  std::vector<uint32_t> related;   // indices into WordNet::synsets (hypernyms, similar, derived ...)
  std::vector<uint32_t> similar;   // the closest of those: similar-to, derived form, also-see, verb group
};

struct WordNet {
  std::vector<Synset> synsets;
};

// The folder Debian installs WordNet into ("/usr/share/wordnet").
std::string default_wordnet_dir();

// Reads every data.* file in dir. Errors: kNotFound (no data files there), kParse.
Result<WordNet> read_wordnet(const std::string& dir);

}  // namespace mailsift::search
