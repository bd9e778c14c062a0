#include "classify/text.h"

namespace mailsift::classify {

namespace {

constexpr size_t kMaxWordBytes = 24;

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Decodes the UTF-8 sequence at text[i]; returns its length (1 for an invalid byte).
size_t decode(std::string_view text, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (len == 1 || i + len > text.size()) {
    cp = c < 0x80 ? c : 0xFFFD;  // a stray byte separates words
    return 1;
  }
  cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3Fu);
  return len;
}

enum class CharKind { kLetter, kDigit, kApostrophe, kMoney, kSeparator };

CharKind kind_of(uint32_t cp) {
  if (cp < 0x80) {
    if (is_alpha(static_cast<unsigned char>(cp))) return CharKind::kLetter;
    if (is_digit(static_cast<unsigned char>(cp))) return CharKind::kDigit;
    if (cp == '\'') return CharKind::kApostrophe;
    if (cp == '$') return CharKind::kMoney;
    return CharKind::kSeparator;
  }
  if (cp == 0xA3 || cp == 0xA5 || (cp >= 0x20A0 && cp <= 0x20CF)) return CharKind::kMoney;
  if (cp == 0x2019) return CharKind::kApostrophe;
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return CharKind::kSeparator;       // Latin-1 signs
  if (cp >= 0x2000 && cp <= 0x2BFF) return CharKind::kSeparator;                 // punctuation, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return CharKind::kSeparator;                 // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return CharKind::kSeparator;                 // variation selectors
  if (cp == 0xFFFD || cp >= 0x1F000) return CharKind::kSeparator;                // replacement, emoji
  return CharKind::kLetter;
}

bool is_edge_punct(unsigned char c) {
  switch (c) {
    case '"': case '\'': case '(': case ')': case '[': case ']': case '{': case '}': case '<': case '>':
    case ',': case ';': case ':': case '!': case '?': case '.': case '*': case '`': case '|':
      return true;
    default:
      return false;
  }
}

bool has_known_extension(std::string_view last_label) {
  static constexpr std::string_view kExt[] = {"pdf", "doc", "docx", "xls", "xlsx", "csv", "zip", "ics", "txt",
                                              "jpg", "jpeg", "png", "gif", "htm", "html", "ppt", "pptx", "xml"};
  for (auto e : kExt) {
    if (last_label.size() == e.size()) {
      bool same = true;
      for (size_t k = 0; k < e.size() && same; ++k) same = lower(last_label[k]) == e[k];
      if (same) return true;
    }
  }
  return false;
}

// "enron.com", "mail.kestrel-utility.example", "report.pdf": ASCII labels joined by single dots,
// the last one 2-6 letters. Returns 0 (not a host), 1 (a host), 2 (a file name).
int host_kind(std::string_view chunk) {
  size_t dots = 0, label_start = 0;
  bool letters = false;
  for (size_t i = 0; i < chunk.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(chunk[i]);
    if (c == '.') {
      if (i == label_start) return 0;  // empty label
      ++dots;
      label_start = i + 1;
    } else if (is_alpha(c)) {
      letters = true;
    } else if (!(is_digit(c) || c == '-' || c == '_')) {
      return 0;
    }
  }
  if (dots == 0 || !letters || label_start >= chunk.size()) return 0;
  std::string_view last = chunk.substr(label_start);
  if (last.size() < 2 || last.size() > 6) return 0;
  for (unsigned char c : last) {
    if (!is_alpha(c)) return 0;
  }
  return has_known_extension(last) ? 2 : 1;
}

void push_word(std::string& word, TokenBuffer& out) {
  if (word.empty()) return;
  if (word.size() <= kMaxWordBytes && (word.size() > 1 || word[0] == '0')) out.push(word);
  word.clear();
}

void split_words(std::string_view chunk, size_t max_tokens, TokenBuffer& out) {
  std::string word;
  bool money = false;
  size_t i = 0;
  while (i < chunk.size() && out.size() < max_tokens) {
    uint32_t cp = 0;
    const size_t len = decode(chunk, i, cp);
    switch (kind_of(cp)) {
      case CharKind::kLetter:
        if (len == 1) word.push_back(lower(chunk[i]));
        else if (cp >= 0xC0 && cp <= 0xDE) word.append("\xC3").push_back(static_cast<char>(cp - 0xC0 + 0xA0));  // Latin-1 capitals
        else word.append(chunk.substr(i, len));
        break;
      case CharKind::kDigit:
        // A run of digits is one '0': skip the rest of the run.
        word.push_back('0');
        while (i + 1 < chunk.size() && is_digit(static_cast<unsigned char>(chunk[i + 1]))) ++i;
        break;
      case CharKind::kApostrophe:
        break;  // "don't" -> "dont"
      case CharKind::kMoney:
        money = true;
        push_word(word, out);
        break;
      case CharKind::kSeparator:
        push_word(word, out);
        break;
    }
    i += len;
  }
  if (out.size() < max_tokens) push_word(word, out);
  if (money && out.size() < max_tokens) out.push("<money>");
}

void process_chunk(std::string_view chunk, size_t max_tokens, TokenBuffer& out) {
  while (!chunk.empty() && is_edge_punct(static_cast<unsigned char>(chunk.front()))) chunk.remove_prefix(1);
  while (!chunk.empty() && is_edge_punct(static_cast<unsigned char>(chunk.back()))) chunk.remove_suffix(1);
  if (!chunk.empty()) {
    const size_t at = chunk.find('@');
    if (chunk.find("://") != std::string_view::npos || (chunk.size() > 4 && (chunk[0] | 0x20) == 'w' &&
                                                         (chunk[1] | 0x20) == 'w' && (chunk[2] | 0x20) == 'w' &&
                                                         chunk[3] == '.')) {
      out.push("<url>");
    } else if (at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos) {
      out.push("<email>");
    } else if (int h = host_kind(chunk); h == 2) {
      out.push("<file>");
    } else if (h == 0) {
      split_words(chunk, max_tokens, out);
    }
  }
}

}  // namespace

void tokenize(std::string_view text, size_t max_tokens, TokenBuffer& out) {
  const size_t limit = out.size() + max_tokens;
  size_t i = 0;
  while (i < text.size() && out.size() < limit) {
    while (i < text.size() && is_space(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && !is_space(static_cast<unsigned char>(text[j]))) {
      // A no-break space (U+00A0) separates chunks too.
      if (static_cast<unsigned char>(text[j]) == 0xC2 && j + 1 < text.size() &&
          static_cast<unsigned char>(text[j + 1]) == 0xA0) {
        break;
      }
      ++j;
    }
    if (j > i) process_chunk(text.substr(i, j - i), limit, out);
    i = j;
    if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      i += 2;
    }
  }
}

}  // namespace mailsift::classify
