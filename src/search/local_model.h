// The local embedding model: a vocabulary of word stems, an IDF weight per stem, and a dense
// vector per stem learned from co-occurrence (latent semantic analysis), so that texts sharing
// no words but about the same thing get close vectors.
//
// Fitting (fit): a term-by-document matrix over two kinds of documents — the user's emails and,
// when given, every WordNet synset (its words, gloss and related synsets' words, which carries
// synonyms and related words the mail itself may never put side by side) — weighted by
// log-TF x IDF, is reduced by a randomized truncated SVD (Eigen). A stem's vector is its row of
// U x S^power, normalised, mixed with a fixed pseudo-random vector of the stem (its "identity",
// so exact words still count) and with its WordNet graph vector (pseudo-random vectors of its
// meanings and of the meanings they point to, so WordNet neighbours stay close where the SVD
// blurs them). Deterministic: the same inputs give the same model and id.
//
// Embedding (embed): prose tokens, links and addresses left out (tokenize_prose) -> stems
// (search/text.h) -> sum of (1 + ln tf) x idf x vector, then L2-normalised. Stems outside the vocabulary contribute their identity vector only. The same
// function embeds documents and queries. Thread-safe after construction (const).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "search/wordnet.h"

namespace mailsift::search {

struct LocalModelOptions {
  size_t dim = 256;               // vector dimension (the SVD rank)
  double identity = 0.3;          // weight of a stem's identity vector against its learned one
  double email_weight = 2.0;      // scale of an email column against a WordNet synset column
  double synonyms = 0.7;          // WordNet synonyms share a stem's identity vector with this weight
  double singular_power = 0.5;    // term vectors are rows of U x S^power
  size_t max_vocab = 40000;
  int power_iterations = 3;       // randomized SVD: fewer blur word meanings (1 is far worse)
  size_t oversample = 12;
  double graph = 0.3;              // weight of a stem's WordNet graph vector (its meanings' neighbours)
};

class LocalModel {
 public:
  // Fits a model on email texts (may be empty) and WordNet (may be null). Errors:
  // kInvalidArgument when there is nothing to learn from, kInternal when the SVD fails.
  static Result<std::shared_ptr<const LocalModel>> fit(std::span<const std::string> emails, const WordNet* wordnet,
                                                       const LocalModelOptions& options);
  // Reads a model written by save(). Errors: kNotFound, kIo, kParse (not a model / corrupt).
  static Result<std::shared_ptr<const LocalModel>> load(const std::string& path);
  // Writes the model atomically (temp file + rename). Errors: kIo.
  Result<void> save(const std::string& path) const;

  // "local-lsa1-<8 hex of the model's bytes>": changes whenever the vectors would.
  const std::string& id() const { return id_; }
  size_t dim() const { return dim_; }
  size_t vocabulary() const { return terms_.size(); }
  int64_t fitted_emails() const { return fitted_emails_; }

  // Writes the L2-normalised embedding of text into out (dim() floats); all zeros when the text
  // has no words.
  void embed(std::string_view text, float* out) const;
  std::vector<float> embed(std::string_view text) const;

  // The vector of a stem (nullptr when it is not in the vocabulary); for tests and tools.
  const float* term_vector(const std::string& stem) const;

  LocalModel(const LocalModel&) = delete;
  LocalModel& operator=(const LocalModel&) = delete;

 private:
  LocalModel() = default;
  void quantize();
  void finish();  // computes id_ and the serial number after construction or load
  std::string serialize() const;

  size_t dim_ = 0;
  double identity_ = 0;
  float oov_idf_ = 1;
  int64_t fitted_emails_ = 0;
  std::vector<std::string> terms_;
  std::vector<float> idf_;
  std::vector<float> vectors_;  // terms_.size() x dim_
  std::unordered_map<std::string, uint32_t> index_;
  std::string id_;
  uint64_t serial_ = 0;  // tells thread-local caches apart from another model's
};

// The pseudo-random unit vector of a stem (its identity), dim floats added with weight scale.
void add_identity_vector(std::string_view stem, size_t dim, float scale, float* out);

}  // namespace mailsift::search
