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

// One alternative of the ranking expression.
struct RankingPart {
  std::string expr;          // an FTS5 string literal
  bool single_word = false;  // a free word of one token: may be left out when it is common
};

struct RankingQuery {
  std::string match;               // "w1" OR "w2" OR "a phrase"; empty: nothing to rank by
  std::vector<RankingPart> parts;  // the alternatives of match, in query order
  std::vector<std::string> stems;  // the stems of the words, for snippets
  size_t dropped_stop_words = 0;
  size_t dropped_over_limit = 0;
};

// The free words (stop words dropped, at most max_words distinct) and phrases of q, OR-ed.
RankingQuery ranking_query(const ParsedQuery& q, size_t max_words = 64);

// Document-frequency pruning. A word found in more than `limit` messages adds little to BM25
// (its IDF is low) but makes FTS5 score every message that holds it. doc_counts[i] is the
// number of messages holding part i (cut off above `limit` is fine, except that when every
// part is common the counts must be exact), or -1 when not counted. Only single words with a
// count above `limit` are common; phrases and words of several tokens ("BWU-4471") are always
// rare. The expression matches the messages with a rare part (when every part is common: with
// the rarest word) and still ranks them by all parts:
//   R OR (R AND (c1 OR c2 ...))     R = (r1 OR r2 ...)
// (FTS5's bm25() scores every phrase of the expression found in a row, so the common words
// add their weight where they occur; the rare parts, written twice, count twice.)
// With a row_budget > 0 the rare words select rarest first only while the messages they hold
// add up to at most row_budget (the rarest always selects); the others rank like common words.
// A message holding every word of the query holds the rarest, so it is always selected.
std::string pruned_match(const std::vector<RankingPart>& parts, const std::vector<int64_t>& doc_counts, int64_t limit,
                         int64_t row_budget = 0);

using SqlValue = std::variant<int64_t, std::string>;

struct SqlCondition {
  std::string sql;  // " AND ..." conditions on the messages table aliased m; empty when none
  std::vector<SqlValue> binds;
};

// Conditions for the filters and the required phrases of q.
SqlCondition filter_condition(const ParsedQuery& q);

}  // namespace mailsift::search
