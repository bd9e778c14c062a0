// Searcher: the search library the CLI (`mailsift search`), the chat's searchEmails tool and
// the HTTP API call. Hybrid search over one data directory:
//
//   query ──parse (query.h)──▶ filters + free text
//        ├─ BM25 over FTS5 (fts_query.h) ───────────────┐
//        └─ embed the text ─▶ kNN on the vector index ──┴─▶ reciprocal rank fusion ─▶ hits
//
// Modes: kBm25, kVector, kHybrid (default). A query of filters only lists the matching
// messages, newest first. Structured filters may also be passed separately (the chat tool's
// class / from / since / until); they are AND-ed with the query's own prefixes.
//
// Each search runs in one read transaction on the Searcher's own read-only connections (WAL:
// it works while an ingest writes, and sees one consistent state). The vector index is loaded
// on first use and caught up with new vectors before each vector search.
//
// Thread-safe: search() may be called from several threads at once. Register extra query
// prefixes (syntax()) before the first search.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/result.h"
#include "core/types.h"
#include "search/embedder.h"
#include "search/fts_query.h"
#include "search/query.h"
#include "search/vector_index.h"
#include "store/sqlite.h"

namespace mailsift::search {

enum class SearchMode { kBm25, kVector, kHybrid };
std::string_view mode_name(SearchMode mode);
// "bm25", "vector", "hybrid" (case-insensitive).
std::optional<SearchMode> parse_mode(std::string_view text);

struct SearchRequest {
  std::string query;
  SearchMode mode = SearchMode::kHybrid;
  SearchFilters filters;  // AND-ed with the query's prefixes
  int limit = 20;
  int offset = 0;
  bool threads = false;   // one hit per thread: its newest matching message, with a hit count
};

struct SearchHit {
  EmailId id = 0;
  std::string message_id;
  int64_t thread_id = 0;
  UnixTime date = 0;
  Address from;
  std::string subject;
  std::optional<Label> label;
  double score = 0;        // bm25: -bm25 (higher is better); vector: cosine; hybrid: RRF sum
  std::string snippet;     // matching words marked [[ ]]
  int thread_hits = 1;     // with threads: hits in this thread
  int bm25_rank = 0;       // 1-based rank in each list (0: not in it), for explanations
  int vector_rank = 0;
};

struct SearchResponse {
  std::vector<SearchHit> hits;
  std::vector<std::string> notes;  // why a mode fell back, words dropped, ...
};

struct SearcherOptions {
  std::string db_path;
  std::string index_path;        // the HNSW file; "" keeps the index in memory
  HnswParams hnsw;               // dim is taken from the embedder
  size_t candidates = 100;       // depth of each ranked list before fusion
  double rrf_k = 20;             // small: the top of each list counts most
  double bm25_weight = 1.5;      // RRF weights of the two lists; BM25 is scaled down further
  double vector_weight = 1.0;    // by how little of the query its best hit covers
  size_t exact_filter_max = 50000;  // filtered vector search scores at most this many exactly
  size_t snippet_words = 28;
  size_t save_after = 5000;      // a searcher that replayed this many changes saves the index
  // BM25 leaves out the free words found in more than this share of the messages (0 or 1: off)
  double bm25_max_df = 0.05;
  int64_t bm25_prune_min_messages = 5000;  // ... when the mailbox holds more messages than this
  // ... and the rarer words select (rarest first) only as many messages as this (0: no budget)
  int64_t bm25_max_rows = 2000;
  // ... and ranks at most this many matching messages, the most recently stored (0: all of them;
  // filtered queries rank all of theirs)
  int64_t bm25_max_scored = 2000;
  int64_t mmap_bytes = int64_t{1} << 30;   // database bytes read through a memory map (0: read())
};

// Reads the search.* settings: candidates (100), rrf_k (20), bm25_weight (1.5), vector_weight (1),
// hnsw_m (16), hnsw_ef_construction (100), hnsw_ef_search (0: 256, or 1024 above 50,000 vectors), bm25_max_df (0.05),
// bm25_prune_min_messages (5000), bm25_max_rows (2000), bm25_max_scored (2000), mmap_mb (1024). The database and index paths
// are those of data_dir. Errors: kInvalidArgument naming the bad key.
Result<SearcherOptions> searcher_options(const Config& config, const std::string& data_dir);

class Searcher {
 public:
  ~Searcher();
  // Opens read-only connections to the database. embedder may be null: BM25 only (vector and
  // hybrid then fall back with a note). Errors: kNotFound (no database), kIo.
  static Result<std::unique_ptr<Searcher>> open(const SearcherOptions& options, std::shared_ptr<Embedder> embedder,
                                                UnixTime now);

  // Errors: kInvalidArgument / kTooLarge (a bad query: the message says what is wrong),
  // kUnavailable (vector mode without usable vectors: the hint says to run reindex), kIo.
  Result<SearchResponse> search(const SearchRequest& request);

  QuerySyntax& syntax() { return syntax_; }
  // Loads the vector index now (else on the first vector search); reports what it did.
  Result<IndexOpenReport> warm_up();

 private:
  struct Lease;
  Searcher(SearcherOptions options, std::shared_ptr<Embedder> embedder, UnixTime now);
  Result<std::unique_ptr<sql::Database>> acquire();
  void release(std::unique_ptr<sql::Database> db);
  // The index, loaded and caught up; nullptr with a note when vectors cannot be used.
  Result<VectorIndex*> vector_index(sql::Database& db, std::string& why_not);
  Result<std::vector<float>> embed_query(const std::string& text);
  // The number of messages, recounted when new ones arrived (at most every few seconds).
  Result<int64_t> message_count(sql::Database& db);
  // The BM25 MATCH expression with the common words left out (see bm25_max_df).
  Result<std::string> bm25_match(sql::Database& db, const RankingQuery& ranking);

  SearcherOptions options_;
  std::shared_ptr<Embedder> embedder_;
  QuerySyntax syntax_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<sql::Database>> pool_;
  std::mutex index_mutex_;  // guards opening the index
  std::unique_ptr<VectorIndex> index_;
  std::string index_unusable_;  // set when the data directory's vectors cannot be used
  IndexOpenReport index_report_;
  std::mutex embed_mutex_;      // for embedders that are not thread-safe
  std::mutex count_mutex_;      // guards the cached message count
  int64_t count_max_id_ = -1;   // max(id) when it was counted
  int64_t count_ = 0;
  std::chrono::steady_clock::time_point counted_at_;
};

}  // namespace mailsift::search
