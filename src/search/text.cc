#include "search/text.h"

#include <array>
#include <memory>
#include <unordered_set>

#include <libstemmer.h>

namespace mailsift::search {

namespace {

// Common English function words, plus the pieces contractions leave behind ("don't" -> "don",
// "t"). Kept short on purpose: IDF weighs the rest.
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "don", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "ll", "me",
    "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "re", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "ve", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "m", "also",
    "us", "shall"};

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> kSet(std::begin(kStopWords), std::end(kStopWords));
  return kSet;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

sb_stemmer* thread_stemmer() {
  // libstemmer keeps state per stemmer: one per thread.
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("english", nullptr));
  return stemmer.get();
}

inline bool is_token_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

bool is_stop_word(std::string_view lower_token) { return stop_words().count(lower_token) > 0; }

void for_each_token(std::string_view text, const std::function<void(std::string_view)>& fn) {
  std::string token;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_token_byte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && is_token_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i - start < 2 || i - start > kMaxTokenBytes) continue;
    token.assign(text.substr(start, i - start));
    for (char& c : token) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    fn(token);
  }
}

namespace {

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Blanks out of a lower-cased text every whitespace-delimited word holding a link or an address.
void blank_links(std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t hit = std::string::npos;
    for (size_t j = i; j < s.size(); ++j) {
      char c = s[j];
      if (c == '@' || (c == ':' && j + 2 < s.size() && s[j + 1] == '/' && s[j + 2] == '/') ||
          (c == 'w' && s.compare(j, 4, "www.") == 0 && (j == 0 || !is_token_byte(static_cast<unsigned char>(s[j - 1]))))) {
        hit = j;
        break;
      }
    }
    if (hit == std::string::npos) return;
    size_t a = hit, b = hit;
    while (a > 0 && !is_space(s[a - 1]) && s[a - 1] != '<' && s[a - 1] != '(' && s[a - 1] != '"') --a;
    while (b < s.size() && !is_space(s[b]) && s[b] != '>' && s[b] != ')' && s[b] != '"') ++b;
    // An '@' with no word on one side ("@home", "meet @ 5") is not an address.
    if (s[hit] == '@' && (hit == a || hit + 1 == b)) {
      i = hit + 1;
      continue;
    }
    std::fill(s.begin() + static_cast<std::ptrdiff_t>(a), s.begin() + static_cast<std::ptrdiff_t>(b), ' ');
    i = b;
  }
}

void lower_ascii_into(std::string_view text, std::string& lowered) {
  lowered.assign(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// The tokens of a lower-cased text, stop words and bad lengths left out.
void split_lowered(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  const auto& stops = stop_words();
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !is_token_byte(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && is_token_byte(static_cast<unsigned char>(s[i]))) ++i;
    size_t n = i - start;
    if (n < 2 || n > kMaxTokenBytes) continue;
    std::string_view tok = s.substr(start, n);
    if (stops.count(tok)) continue;
    out.push_back(tok);
  }
}

}  // namespace

void tokenize(std::string_view text, std::string& lowered, std::vector<std::string_view>& out) {
  lower_ascii_into(text, lowered);
  split_lowered(lowered, out);
}

void tokenize_prose(std::string_view text, std::string& lowered, std::vector<std::string_view>& out) {
  lower_ascii_into(text, lowered);
  blank_links(lowered);
  split_lowered(lowered, out);
}

std::string stem(std::string_view lower_token) {
  sb_stemmer* s = thread_stemmer();
  if (s == nullptr) return std::string(lower_token);
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(lower_token.data()),
                                         static_cast<int>(lower_token.size()));
  if (out == nullptr) return std::string(lower_token);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s)));
}

std::vector<std::string> terms(std::string_view text) {
  std::string lowered;
  std::vector<std::string_view> toks;
  tokenize(text, lowered, toks);
  std::vector<std::string> out;
  out.reserve(toks.size());
  for (auto t : toks) out.push_back(stem(t));
  return out;
}

}  // namespace mailsift::search
