// Relevance evaluation of search: a judged query set (TSV) run in each mode, scored with
// nDCG@10, recall@10 and MRR@10 (binary relevance), overall and per kind of query.
//
// Query file: UTF-8, tab-separated, a header row, columns `kind`, `query`, `relevant`
// (Message-IDs, space-separated, without angle brackets), then optional notes. Lines starting
// with '#' are comments. Kinds are free text; the project uses keyword, paraphrase and filtered.
// A query whose relevant messages are not all in the data directory is skipped (and counted).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "search/searcher.h"

namespace mailsift::search {

struct JudgedQuery {
  std::string kind;
  std::string query;
  std::vector<std::string> relevant;  // Message-IDs
  int line = 0;
};

// Errors: kNotFound, kParse (with the line number).
Result<std::vector<JudgedQuery>> read_judged_queries(const std::string& path);

struct Metrics {
  int queries = 0;
  double ndcg = 0;     // means over the queries
  double recall = 0;
  double mrr = 0;
  int hit_at_10 = 0;   // queries with a relevant message in the top 10
};

struct QueryOutcome {
  const JudgedQuery* query = nullptr;
  std::map<std::string, double> ndcg;       // mode -> nDCG@10
  std::map<std::string, int> first_rank;    // mode -> rank of the first relevant hit (0: none)
};

struct EvalReport {
  std::map<std::string, Metrics> overall;                         // mode -> metrics
  std::map<std::string, std::map<std::string, Metrics>> by_kind;  // kind -> mode -> metrics
  std::vector<QueryOutcome> outcomes;
  std::vector<std::string> skipped;  // "line N: <query>: <why>"
};

Result<EvalReport> evaluate(Searcher& searcher, const std::vector<JudgedQuery>& queries,
                            const std::vector<SearchMode>& modes);

}  // namespace mailsift::search
