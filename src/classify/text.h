// Text normalisation for the local classifier: turns subject and body text into tokens that
// carry the class, not the source. Lower-cased words; every run of digits becomes "0" (years,
// amounts, ids and dates all look alike); URLs become "<url>", e-mail addresses "<email>",
// host names are dropped (domains name the sender's organisation, not the kind of mail);
// currency signs become "<money>". Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailsift::classify {

// 64-bit FNV-1a, fed piece by piece so a feature's id can be computed from its parts without
// building its name ("w:" + token hashes the same as add("w:").add(token)).
class FeatureHash {
 public:
  FeatureHash& add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      h_ ^= c;
      h_ *= 1099511628211ull;
    }
    return *this;
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 14695981039346656037ull;
};

inline uint64_t feature_id(std::string_view name) { return FeatureHash().add(name).value(); }

// Tokens of one text, stored in one buffer the caller reuses (no allocation per token once warm).
class TokenBuffer {
 public:
  void clear() {
    chars_.clear();
    spans_.clear();
  }
  size_t size() const { return spans_.size(); }
  std::string_view operator[](size_t i) const { return {chars_.data() + spans_[i].first, spans_[i].second}; }
  void push(std::string_view token) {
    spans_.emplace_back(static_cast<uint32_t>(chars_.size()), static_cast<uint32_t>(token.size()));
    chars_.append(token);
  }

 private:
  std::string chars_;
  std::vector<std::pair<uint32_t, uint32_t>> spans_;
};

// Appends the normalised tokens of `text` to `out`, at most `max_tokens` of them. Words longer
// than 24 bytes (hashes, base64, run-together junk) are skipped; one-letter words too.
void tokenize(std::string_view text, size_t max_tokens, TokenBuffer& out);

}  // namespace mailsift::classify
