// Words for search: the tokenizer and stemmer shared by the local embedder, the query parser
// and the snippet marker, so a query and a document are cut into terms the same way.
//
// A token is a run of ASCII letters and digits and of non-ASCII (UTF-8) bytes, lower-cased
// (ASCII). Tokens of one byte, over kMaxTokenBytes, or in the English stop-word list are
// dropped. Terms are Snowball English stems of the tokens. Thread-safe: every thread gets its
// own stemmer.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mailsift::search {

inline constexpr size_t kMaxTokenBytes = 32;

// Calls fn(token) for every token of text (lower-cased; stop words included).
void for_each_token(std::string_view text, const std::function<void(std::string_view)>& fn);

bool is_stop_word(std::string_view lower_token);

// The Snowball English stem of a lower-case token ("payments" -> "payment").
std::string stem(std::string_view lower_token);

// The stems of the non-stop-word tokens of text, in order.
std::vector<std::string> terms(std::string_view text);

// Low-level tokenizer for hot paths: fills `out` with views into `lowered` (a lower-cased copy
// of text that the caller keeps alive), stop words and bad lengths removed.
void tokenize(std::string_view text, std::string& lowered, std::vector<std::string_view>& out);

// As tokenize, but links and addresses (`http://...`, `www...`, `name@host`) give no tokens:
// the words a text is about, for the embedder. A feed item's link otherwise outweighs its
// one-line headline, and every item of the feed looks alike.
void tokenize_prose(std::string_view text, std::string& lowered, std::vector<std::string_view>& out);

}  // namespace mailsift::search
