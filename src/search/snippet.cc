#include "search/snippet.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "core/strings.h"
#include "search/text.h"

namespace mailsift::search {

namespace {

struct Word {
  size_t begin = 0, end = 0;  // the whitespace-separated word in the collapsed text
  bool match = false;
};

bool is_token_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::string snippet_within(std::string_view text, const std::unordered_set<std::string>& stems, size_t words,
                           bool* matched) {
  std::string flat = collapse_whitespace(text);
  std::vector<Word> ws;
  // Whether a token matches, by token: a body repeats its words, and stemming is the cost.
  std::unordered_map<std::string, bool> seen;
  std::string tok;
  size_t i = 0;
  while (i < flat.size()) {
    size_t b = i;
    while (i < flat.size() && flat[i] != ' ') ++i;
    Word w{b, i, false};
    if (!stems.empty()) {
      // A word matches when one of its tokens does ("invoice," or "BWU-4471").
      std::string_view piece(flat.data() + b, i - b);
      size_t j = 0;
      while (j < piece.size() && !w.match) {
        while (j < piece.size() && !is_token_byte(static_cast<unsigned char>(piece[j]))) ++j;
        size_t s = j;
        while (j < piece.size() && is_token_byte(static_cast<unsigned char>(piece[j]))) ++j;
        if (j - s >= 2 && j - s <= kMaxTokenBytes) {
          tok = to_lower(piece.substr(s, j - s));
          auto it = seen.find(tok);
          if (it == seen.end()) it = seen.emplace(tok, stems.count(stem(tok)) > 0 || stems.count(tok) > 0).first;
          w.match = it->second;
        }
      }
    }
    ws.push_back(w);
    ++i;
  }
  if (ws.empty()) return {};
  *matched = std::any_of(ws.begin(), ws.end(), [](const Word& w) { return w.match; });
  size_t n = std::min(words, ws.size());
  // Sliding window with the most matches; ties keep the earliest.
  size_t best = 0, best_count = 0, count = 0;
  for (size_t k = 0; k < ws.size(); ++k) {
    count += ws[k].match;
    if (k >= n) count -= ws[k - n].match;
    if (k + 1 >= n && count > best_count) {
      best_count = count;
      best = k + 1 - n;
    }
  }
  // Start a little before the first match so it has context.
  if (best_count > 0) {
    size_t first = best;
    while (first < best + n && !ws[first].match) ++first;
    best = first > 3 ? std::min(first - 3, ws.size() - n) : 0;
  }
  std::string out;
  if (best > 0) out += "… ";
  for (size_t k = best; k < best + n; ++k) {
    if (k > best) out += ' ';
    std::string_view piece(flat.data() + ws[k].begin, ws[k].end - ws[k].begin);
    if (ws[k].match) {
      out += kMarkOpen;
      out += piece;
      out += kMarkClose;
    } else {
      out += piece;
    }
  }
  if (best + n < ws.size()) out += " …";
  return out;
}

}  // namespace

std::string make_snippet(std::string_view text, const std::unordered_set<std::string>& stems, size_t words) {
  // Bound the work on huge bodies: the best window is almost always early, so the first few
  // kilobytes are read first, and up to 20 kB only when they hold no match.
  bool matched = false;
  std::string out = snippet_within(utf8_prefix(text, 4000), stems, words, &matched);
  if (matched || stems.empty() || text.size() <= 4000) return out;
  return snippet_within(utf8_prefix(text, 20000), stems, words, &matched);
}

}  // namespace mailsift::search
