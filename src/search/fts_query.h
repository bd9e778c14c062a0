// Turning a parsed query into SQLite FTS5 MATCH expressions and SQL conditions, safely: user
// text reaches FTS5 only inside FTS5 string literals ("..." with " doubled), so its syntax
// characters (" * - : ( ) ^ + NEAR AND OR NOT) are plain text; values reach SQL only as bound
// parameters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "search/query.h"

namespace mailsift::search {

// text as one FTS5 string literal.
std::string fts_quote(std::string_view text);
// True when text has a character the FTS5 tokenizer indexes (a letter, digit or non-ASCII).
bool has_token(std::string_view text);

struct RankingQuery {
  std::string match;               // "w1" OR "w2" OR "a phrase"; empty: nothing to rank by
  std::vector<std::string> stems;  // the stems of the words, for snippets
  size_t dropped_stop_words = 0;
  size_t dropped_over_limit = 0;
};

// The free words (stop words dropped, at most max_words distinct) and phrases of q, OR-ed.
RankingQuery ranking_query(const ParsedQuery& q, size_t max_words = 64);

using SqlValue = std::variant<int64_t, std::string>;

struct SqlCondition {
  std::string sql;  // " AND ..." conditions on the messages table aliased m; empty when none
  std::vector<SqlValue> binds;
};

// Conditions for the filters and the required phrases of q.
SqlCondition filter_condition(const ParsedQuery& q);

}  // namespace mailsift::search
