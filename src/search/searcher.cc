#include "search/searcher.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"
#include "search/fts_query.h"
#include "search/snippet.h"
#include "search/text.h"

namespace mailsift::search {

std::string_view mode_name(SearchMode mode) {
  switch (mode) {
    case SearchMode::kBm25: return "bm25";
    case SearchMode::kVector: return "vector";
    case SearchMode::kHybrid: return "hybrid";
  }
  return "hybrid";
}

std::optional<SearchMode> parse_mode(std::string_view text) {
  if (iequals(text, "bm25")) return SearchMode::kBm25;
  if (iequals(text, "vector")) return SearchMode::kVector;
  if (iequals(text, "hybrid")) return SearchMode::kHybrid;
  return std::nullopt;
}

Result<SearcherOptions> searcher_options(const Config& config, const std::string& data_dir) {
  SearcherOptions o;
  o.db_path = data_dir + "/mailsift.db";
  o.index_path = data_dir + "/vectors.hnsw";
  auto positive = [&config](std::string_view key, int64_t fallback) -> Result<size_t> {
    int64_t v = MAILSIFT_TRY(config.get_int(key, fallback));
    if (v < 1 || v > 100000) return fail(Code::kInvalidArgument, "setting " + std::string(key) + " must be 1..100000");
    return static_cast<size_t>(v);
  };
  o.candidates = MAILSIFT_TRY(positive("search.candidates", 100));
  o.rrf_k = MAILSIFT_TRY(config.get_double("search.rrf_k", o.rrf_k));
  o.bm25_weight = MAILSIFT_TRY(config.get_double("search.bm25_weight", o.bm25_weight));
  o.vector_weight = MAILSIFT_TRY(config.get_double("search.vector_weight", o.vector_weight));
  o.hnsw.m = MAILSIFT_TRY(positive("search.hnsw_m", 16));
  o.hnsw.ef_construction = MAILSIFT_TRY(positive("search.hnsw_ef_construction", 100));
  const int64_t ef = MAILSIFT_TRY(config.get_int("search.hnsw_ef_search", 0));
  if (ef < 0 || ef > 100000) {
    return fail(Code::kInvalidArgument, "setting search.hnsw_ef_search must be 0..100000 (0: by the index's size)");
  }
  o.hnsw.ef_search = static_cast<size_t>(ef);
  o.bm25_max_df = MAILSIFT_TRY(config.get_double("search.bm25_max_df", o.bm25_max_df));
  if (!(o.bm25_max_df >= 0 && o.bm25_max_df <= 1)) {
    return fail(Code::kInvalidArgument, "setting search.bm25_max_df must be 0..1 (0 or 1: keep every word)");
  }
  o.bm25_prune_min_messages =
      MAILSIFT_TRY(config.get_int("search.bm25_prune_min_messages", o.bm25_prune_min_messages));
  o.bm25_max_rows = MAILSIFT_TRY(config.get_int("search.bm25_max_rows", o.bm25_max_rows));
  if (o.bm25_max_rows < 0) return fail(Code::kInvalidArgument, "setting search.bm25_max_rows must not be negative (0: no budget)");
  o.bm25_max_scored = MAILSIFT_TRY(config.get_int("search.bm25_max_scored", o.bm25_max_scored));
  if (o.bm25_max_scored < 0) {
    return fail(Code::kInvalidArgument, "setting search.bm25_max_scored must not be negative (0: rank every match)");
  }
  if (o.bm25_prune_min_messages < 0) {
    return fail(Code::kInvalidArgument, "setting search.bm25_prune_min_messages must not be negative");
  }
  const int64_t mmap_mb = MAILSIFT_TRY(config.get_int("search.mmap_mb", o.mmap_bytes >> 20));
  if (mmap_mb < 0 || mmap_mb > (int64_t{1} << 20)) {
    return fail(Code::kInvalidArgument, "setting search.mmap_mb must be 0..1048576 (0: no memory map)");
  }
  o.mmap_bytes = mmap_mb << 20;
  if (o.rrf_k < 0 || o.bm25_weight < 0 || o.vector_weight < 0) {
    return fail(Code::kInvalidArgument, "search.rrf_k and the search weights must not be negative");
  }
  return o;
}

namespace {

void bind_all(sql::Statement& st, const std::vector<SqlValue>& binds, int first) {
  int i = first;
  for (const auto& b : binds) {
    if (const auto* n = std::get_if<int64_t>(&b)) {
      st.bind(i++, *n);
    } else {
      st.bind(i++, std::get<std::string>(b));
    }
  }
}

// Ends the read transaction whatever happens.
class ReadTransaction {
 public:
  explicit ReadTransaction(sql::Database& db) : db_(db) {}
  Result<void> begin() {
    MAILSIFT_TRY_VOID(db_.exec("BEGIN"));
    open_ = true;
    return ok();
  }
  ~ReadTransaction() {
    if (open_) (void)db_.exec("COMMIT");
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  sql::Database& db_;
  bool open_ = false;
};

struct Ranked {
  EmailId id = 0;
  double score = 0;
};

}  // namespace

Searcher::Searcher(SearcherOptions options, std::shared_ptr<Embedder> embedder, UnixTime now)
    : options_(std::move(options)), embedder_(std::move(embedder)), syntax_(now) {}

Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(const SearcherOptions& options, std::shared_ptr<Embedder> embedder,
                                                 UnixTime now) {
  std::error_code ec;
  if (!std::filesystem::exists(options.db_path, ec)) {
    return fail(Code::kNotFound, "no mailsift data at " + options.db_path,
                "ingest some mail first (mailsift ingest PATH)");
  }
  std::unique_ptr<Searcher> s(new Searcher(options, std::move(embedder), now));
  auto db = MAILSIFT_TRY(s->acquire());  // fail early when the database cannot be opened
  s->release(std::move(db));
  return s;
}

Result<std::unique_ptr<sql::Database>> Searcher::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto db = std::move(pool_.back());
      pool_.pop_back();
      return db;
    }
  }
  sql::Database::Options o;
  o.read_only = true;
  auto db = MAILSIFT_TRY(sql::Database::open(options_.db_path, o));
  // Read the file through a memory map: BM25 and the hit details touch thousands of pages per
  // query, and copying each out of the kernel was a tenth of a search's cycles (perf, 100k).
  MAILSIFT_TRY_VOID(db->exec("PRAGMA mmap_size=" + std::to_string(options_.mmap_bytes)));
  return db;
}

void Searcher::release(std::unique_ptr<sql::Database> db) {
  std::lock_guard lock(pool_mutex_);
  if (pool_.size() < 16) pool_.push_back(std::move(db));
}

Result<IndexOpenReport> Searcher::warm_up() {
  auto db = MAILSIFT_TRY(acquire());
  std::string why;
  auto r = vector_index(*db, why);
  release(std::move(db));
  if (!r) return fail(r.error());
  if (!*r) return fail(Code::kUnavailable, why, "run `mailsift reindex`");
  std::lock_guard lock(index_mutex_);
  return index_report_;
}

Result<VectorIndex*> Searcher::vector_index(sql::Database& db, std::string& why_not) {
  std::lock_guard lock(index_mutex_);
  if (!embedder_) {
    why_not = "no embedder is configured";
    return static_cast<VectorIndex*>(nullptr);
  }
  if (!index_unusable_.empty()) {
    why_not = index_unusable_;
    return static_cast<VectorIndex*>(nullptr);
  }
  if (!index_) {
    const std::string model = embedder_->model_id();
    auto other = MAILSIFT_TRY(embeddings::other_model(db, model));
    if (other) {
      index_unusable_ = "the vectors in this data directory were made by " + *other + ", not by the configured " +
                        model + "; run `mailsift reindex`";
      why_not = index_unusable_;
      return static_cast<VectorIndex*>(nullptr);
    }
    VectorIndex::Options o;
    o.path = options_.index_path;
    o.model = model;
    o.params = options_.hnsw;
    o.params.dim = embedder_->dimension();
    index_ = MAILSIFT_TRY(VectorIndex::open(db, o, &index_report_));
    // Keep what was rebuilt or replayed for the next process (best effort: an accelerator).
    if (!o.path.empty() && (index_report_.rebuilt || index_report_.caught_up > 0)) (void)index_->save(db, false);
    return index_.get();
  }
  MAILSIFT_TRY(index_->catch_up(db));
  return index_.get();
}

Result<std::vector<float>> Searcher::embed_query(const std::string& text) {
  std::unique_lock<std::mutex> lock(embed_mutex_, std::defer_lock);
  if (!embedder_->thread_safe()) lock.lock();
  auto v = MAILSIFT_TRY(embedder_->embed(std::span<const std::string>(&text, 1), EmbedInput::kQuery));
  if (v.size() != 1) return fail(Code::kUnavailable, "the embedder returned no vector for the query");
  return std::move(v.front());
}

Result<int64_t> Searcher::message_count(sql::Database& db) {
  auto* top = MAILSIFT_TRY(db.prepare_cached("SELECT max(id) FROM messages"));
  int64_t max_id = 0;
  if (MAILSIFT_TRY(top->step()) && !top->is_null(0)) max_id = top->get_int(0);
  top->reset();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(count_mutex_);
    // While an ingest adds messages, a count a few seconds old is close enough.
    if (count_max_id_ == max_id || (count_max_id_ >= 0 && now - counted_at_ < std::chrono::seconds(5))) {
      return count_;
    }
  }
  auto* st = MAILSIFT_TRY(db.prepare_cached("SELECT count(*) FROM messages"));
  int64_t n = MAILSIFT_TRY(st->step()) ? st->get_int(0) : 0;
  st->reset();
  std::lock_guard lock(count_mutex_);
  count_max_id_ = max_id;
  count_ = n;
  counted_at_ = now;
  return n;
}

Result<std::string> Searcher::bm25_match(sql::Database& db, const RankingQuery& ranking) {
  const double share = options_.bm25_max_df;
  size_t words = 0;
  for (const auto& p : ranking.parts) words += p.single_word;
  if (share <= 0 || share >= 1 || words == 0 || ranking.parts.size() < 2) return ranking.match;
  const int64_t total = MAILSIFT_TRY(message_count(db));
  if (total <= options_.bm25_prune_min_messages) return ranking.match;
  const auto limit = static_cast<int64_t>(share * static_cast<double>(total));
  const int64_t budget = options_.bm25_max_rows;
  // The document count of each word through FTS5 itself (its own tokenizer and stemmer), cut
  // off above what the pruning needs to know: counting stops at the first cap rowids.
  const int64_t cap = std::max(limit, budget) + 1;
  auto* count = MAILSIFT_TRY(db.prepare_cached(
      "SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?1 LIMIT ?2)"));
  auto count_of = [&](const std::string& expr, int64_t n_max) -> Result<int64_t> {
    count->bind(1, expr);
    count->bind(2, n_max);
    int64_t n = MAILSIFT_TRY(count->step()) ? count->get_int(0) : 0;
    count->reset();
    return n;
  };
  std::vector<int64_t> counts(ranking.parts.size(), -1);
  size_t common = 0;
  int64_t rare_rows = 0;
  for (size_t i = 0; i < ranking.parts.size(); ++i) {
    if (!ranking.parts[i].single_word) continue;
    counts[i] = MAILSIFT_TRY(count_of(ranking.parts[i].expr, cap));
    if (counts[i] > limit) {
      ++common;
    } else {
      rare_rows += counts[i];
    }
  }
  if (common == 0 && (budget <= 0 || rare_rows <= budget)) return ranking.match;
  if (common == ranking.parts.size()) {
    // Every word is common: the rarest one selects the messages, so count them in full.
    for (size_t i = 0; i < counts.size(); ++i) counts[i] = MAILSIFT_TRY(count_of(ranking.parts[i].expr, total + 1));
  }
  return pruned_match(ranking.parts, counts, limit, budget);
}

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
  if (request.limit < 0 || request.offset < 0) return fail(Code::kInvalidArgument, "limit and offset must not be negative");
  ParsedQuery q = MAILSIFT_TRY(syntax_.parse(request.query));
  // Merge the separately passed filters (AND).
  const SearchFilters& extra = request.filters;
  for (const auto& a : extra.from) q.filters.from.push_back(a);
  for (const auto& a : extra.to) q.filters.to.push_back(a);
  for (const auto& s : extra.subject) q.filters.subject.push_back(s);
  if (extra.label) q.filters.label = extra.label;
  if (extra.unclassified) q.filters.unclassified = true;
  if (extra.thread_id) q.filters.thread_id = extra.thread_id;
  if (extra.message_id) q.filters.message_id = extra.message_id;
  q.filters.has_attachment |= extra.has_attachment;
  q.filters.is_list |= extra.is_list;
  if (extra.since && (!q.filters.since || *extra.since > *q.filters.since)) q.filters.since = extra.since;
  if (extra.until && (!q.filters.until || *extra.until < *q.filters.until)) q.filters.until = extra.until;

  SearchResponse response;
  response.notes = q.notes;
  RankingQuery ranking = ranking_query(q);
  if (ranking.dropped_over_limit > 0) {
    response.notes.push_back("only the first 64 distinct words of the query were used (" +
                             std::to_string(ranking.dropped_over_limit) + " more ignored)");
  }
  const std::string text = q.text();
  const bool has_text = !ranking.match.empty();
  if (!has_text && q.filters.empty()) {
    if (!q.words.empty() || !q.phrases.empty()) {
      response.notes.push_back("the query has only common words (like 'the', 'and'); add a distinctive word");
    } else {
      response.notes.push_back("empty query: type words to search for, or a prefix such as from: or date:");
    }
    return response;
  }
  if (request.limit == 0) return response;

  auto db_owned = MAILSIFT_TRY(acquire());
  sql::Database& db = *db_owned;
  struct Releaser {
    Searcher* s;
    std::unique_ptr<sql::Database>& db;
    ~Releaser() { s->release(std::move(db)); }
  } releaser{this, db_owned};
  ReadTransaction txn(db);
  MAILSIFT_TRY_VOID(txn.begin());

  const SqlCondition filter = filter_condition(q);
  const size_t wanted = static_cast<size_t>(request.offset) + static_cast<size_t>(request.limit);
  const size_t depth = std::max(options_.candidates, request.threads ? wanted * 3 : wanted);

  std::vector<Ranked> bm25, vec;
  bool use_bm25 = has_text && request.mode != SearchMode::kVector;
  bool use_vector = has_text && request.mode != SearchMode::kBm25;

  if (use_vector) {
    std::string why;
    VectorIndex* index = MAILSIFT_TRY(vector_index(db, why));
    if (!index) {
      if (request.mode == SearchMode::kVector) {
        return fail(Code::kUnavailable, "vector search is not available: " + why,
                    "run `mailsift reindex`, or use --mode bm25");
      }
      response.notes.push_back("vector search skipped: " + why);
      use_vector = false;
      use_bm25 = true;
    } else {
      std::vector<float> qv = MAILSIFT_TRY(embed_query(text));
      bool zero = std::all_of(qv.begin(), qv.end(), [](float x) { return x == 0.0f; });
      if (!zero) {
        std::vector<VectorHit> hits;
        bool filtered_near = false;
        if (!filter.sql.empty()) {
          // The nearest messages overall that pass the filters, when there are enough of them.
          // They are the filtered set's nearest (any other passing message is farther than all
          // of these), and checking a few hundred ids spares reading every message the filters
          // pass.
          auto near = MAILSIFT_TRY(index->store().knn(qv, std::min<size_t>(depth * 5, 1000)));
          std::string ids = "[";
          for (const auto& h : near) ids += (ids.size() > 1 ? "," : "") + std::to_string(h.id);
          ids += "]";
          auto st = MAILSIFT_TRY(db.prepare("SELECT m.id FROM messages m WHERE m.id IN (SELECT value FROM json_each(?1))" +
                                            filter.sql));
          st.bind(1, ids);
          bind_all(st, filter.binds, 2);
          std::unordered_set<EmailId> pass;
          while (MAILSIFT_TRY(st.step())) pass.insert(st.get_int(0));
          if (pass.size() >= wanted) {
            for (const auto& h : near) {
              if (pass.count(h.id) && hits.size() < depth) hits.push_back(h);
            }
            filtered_near = true;
          }
        }
        if (filtered_near) {
          // hits hold the nearest messages that pass the filters
        } else if (filter.sql.empty()) {
          hits = MAILSIFT_TRY(index->store().knn(qv, depth));
        } else {
          // Filtered: score the matching messages exactly when they are few, else filter kNN.
          auto st = MAILSIFT_TRY(db.prepare("SELECT m.id FROM messages m WHERE 1" + filter.sql + " LIMIT ?"));
          bind_all(st, filter.binds, 1);
          st.bind(static_cast<int>(filter.binds.size()) + 1, static_cast<int64_t>(options_.exact_filter_max + 1));
          std::vector<EmailId> ids;
          while (MAILSIFT_TRY(st.step())) ids.push_back(st.get_int(0));
          if (ids.size() <= options_.exact_filter_max) {
            hits = MAILSIFT_TRY(index->store().score(qv, ids, depth));
          } else {
            std::unordered_set<EmailId> allowed;  // re-read without the cap
            auto all = MAILSIFT_TRY(db.prepare("SELECT m.id FROM messages m WHERE 1" + filter.sql));
            bind_all(all, filter.binds, 1);
            while (MAILSIFT_TRY(all.step())) allowed.insert(all.get_int(0));
            hits = MAILSIFT_TRY(index->store().knn(qv, depth, [&allowed](EmailId id) { return allowed.count(id) > 0; }));
          }
        }
        for (const auto& h : hits) vec.push_back({h.id, h.score});
      }
    }
  }
  if (use_bm25) {
    const std::string match = MAILSIFT_TRY(bm25_match(db, ranking));
    // Scoring is the cost of BM25 (one to two microseconds per matching message): when more
    // messages match than bm25_max_scored, only the most recently stored of them are ranked.
    // The boundary is found by walking the matches newest first. (Filtered queries rank every
    // match that passes: walking the matches through the filters costs as much as ranking.)
    std::string newest_only;
    if (options_.bm25_max_scored > 0 && filter.sql.empty() &&
        MAILSIFT_TRY(message_count(db)) > std::max(options_.bm25_max_scored, options_.bm25_prune_min_messages)) {
      auto* edge = MAILSIFT_TRY(db.prepare_cached(
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2"));
      edge->bind(1, match);
      edge->bind(2, options_.bm25_max_scored - 1);
      if (MAILSIFT_TRY(edge->step())) {
        newest_only = " AND rowid >= " + std::to_string(edge->get_int(0));
        response.notes.push_back("more than " + std::to_string(options_.bm25_max_scored) +
                                 " messages hold these words: the word ranking covered the most recently "
                                 "stored of them (a rarer word or a date: filter reaches older ones)");
      }
      edge->reset();
    }
    // Weights: subject, sender, recipients, body.
    // Without filters the messages table is not read here: joining it costs a page read per
    // matching row (its rows hold the bodies), two thirds of the time at 100k messages.
    auto st = MAILSIFT_TRY(db.prepare(
        filter.sql.empty()
            ? "SELECT rowid, bm25(messages_fts, 4.0, 1.5, 0.5, 1.0) AS s FROM messages_fts "
              "WHERE messages_fts MATCH ?1" +
                  newest_only + " ORDER BY s LIMIT ?2"
            : "SELECT m.id, bm25(messages_fts, 4.0, 1.5, 0.5, 1.0) AS s FROM messages_fts JOIN messages m ON m.id = "
              "messages_fts.rowid WHERE messages_fts MATCH ?1" +
                  filter.sql + " ORDER BY s LIMIT ?"));
    st.bind(1, match);
    bind_all(st, filter.binds, 2);
    st.bind(static_cast<int>(filter.binds.size()) + 2, static_cast<int64_t>(depth));
    while (MAILSIFT_TRY(st.step())) bm25.push_back({st.get_int(0), -st.get_double(1)});
  }

  // Fuse (or take the one list).
  std::vector<Ranked> fused;
  std::unordered_map<EmailId, std::pair<int, int>> ranks;
  for (size_t i = 0; i < bm25.size(); ++i) ranks[bm25[i].id].first = static_cast<int>(i + 1);
  for (size_t i = 0; i < vec.size(); ++i) ranks[vec[i].id].second = static_cast<int>(i + 1);
  if (!has_text) {
    auto st = MAILSIFT_TRY(db.prepare("SELECT m.id FROM messages m WHERE 1" + filter.sql +
                                      " ORDER BY m.date DESC, m.id DESC LIMIT ?"));
    bind_all(st, filter.binds, 1);
    st.bind(static_cast<int>(filter.binds.size()) + 1, static_cast<int64_t>(depth));
    while (MAILSIFT_TRY(st.step())) fused.push_back({st.get_int(0), 0.0});
  } else if (use_bm25 && use_vector) {
    // How much of the query the best BM25 hit covers: a keyword query's top hit has all its
    // words and keeps BM25's full weight; a paraphrase's top hit shares a word by chance and
    // gives way to the vector list.
    double bm25_weight = options_.bm25_weight;
    double vector_weight = options_.vector_weight;
    if (!bm25.empty() && !ranking.stems.empty()) {
      auto* top = MAILSIFT_TRY(db.prepare_cached("SELECT subject, body, from_text FROM messages WHERE id = ?1"));
      top->bind(1, static_cast<int64_t>(bm25.front().id));
      if (MAILSIFT_TRY(top->step())) {
        // The stems of its distinct words (stemming each occurrence was most of the cost).
        std::unordered_set<std::string> doc;
        std::string lowered;
        std::vector<std::string_view> toks;
        for (int c = 0; c < 3; ++c) {
          tokenize(utf8_prefix(top->get_text(c), 20000), lowered, toks);
          std::unordered_set<std::string_view> distinct(toks.begin(), toks.end());
          for (auto t : distinct) doc.insert(stem(t));
        }
        std::unordered_set<std::string> want(ranking.stems.begin(), ranking.stems.end());
        size_t covered = 0;
        for (const auto& t : want) covered += doc.count(t);
        double coverage = static_cast<double>(covered) / static_cast<double>(want.size());
        bm25_weight *= coverage * coverage;
        // ... and when it covers all of it (a keyword query), meaning adds recall below BM25's
        // hits but does not reorder them: on real mail the exact words are the better signal.
        vector_weight *= covered == want.size() ? 0.05 : 1.0 - 0.6 * coverage * coverage * coverage;
      }
      top->reset();
    }
    std::unordered_map<EmailId, double> score;
    for (size_t i = 0; i < bm25.size(); ++i) score[bm25[i].id] += bm25_weight / (options_.rrf_k + static_cast<double>(i + 1));
    for (size_t i = 0; i < vec.size(); ++i) score[vec[i].id] += vector_weight / (options_.rrf_k + static_cast<double>(i + 1));
    for (auto [id, s] : score) fused.push_back({id, s});
    std::sort(fused.begin(), fused.end(), [&](const Ranked& a, const Ranked& b) {
      if (a.score != b.score) return a.score > b.score;
      // Ties: the better BM25 rank, then the lower id, so results are stable.
      int ra = ranks[a.id].first ? ranks[a.id].first : 1 << 30, rb = ranks[b.id].first ? ranks[b.id].first : 1 << 30;
      if (ra != rb) return ra < rb;
      return a.id < b.id;
    });
  } else {
    fused = use_bm25 ? bm25 : vec;
  }

  // Details of the hits, in rank order (an id the snapshot does not hold is skipped).
  auto* detail = MAILSIFT_TRY(db.prepare_cached(
      "SELECT message_id, thread_id, date, from_name, from_addr, subject, class, visible_text, body "
      "FROM messages WHERE id = ?1"));
  std::unordered_set<std::string> stems(ranking.stems.begin(), ranking.stems.end());
  std::vector<SearchHit> hits;
  std::unordered_map<int64_t, size_t> thread_slot;
  for (const auto& r : fused) {
    if (!request.threads && hits.size() >= wanted) break;
    detail->bind(1, static_cast<int64_t>(r.id));
    if (!MAILSIFT_TRY(detail->step())) {
      detail->reset();
      continue;
    }
    SearchHit h;
    h.id = r.id;
    h.message_id = detail->get_text(0);
    h.thread_id = detail->get_int(1);
    h.date = detail->get_int(2);
    h.from.name = detail->get_text(3);
    h.from.address = detail->get_text(4);
    h.subject = detail->get_text(5);
    if (!detail->is_null(6)) h.label = parse_label(detail->get_text(6));
    h.score = r.score;
    auto rk = ranks.find(r.id);
    if (rk != ranks.end()) {
      h.bm25_rank = rk->second.first;
      h.vector_rank = rk->second.second;
    }
    std::string visible = detail->get_text(7);
    std::string body_text = trim(visible).empty() ? detail->get_text(8) : std::move(visible);
    detail->reset();
    if (request.threads) {
      auto [it, inserted] = thread_slot.emplace(h.thread_id, hits.size());
      if (!inserted) {
        SearchHit& shown = hits[it->second];
        ++shown.thread_hits;
        if (h.date > shown.date) {  // the newest matching message represents the thread
          int n = shown.thread_hits;
          double best = shown.score;
          h.snippet = make_snippet(body_text, stems, options_.snippet_words);
          shown = std::move(h);
          shown.thread_hits = n;
          shown.score = best;
        }
        continue;
      }
      if (hits.size() >= wanted) {
        thread_slot.erase(it);
        continue;
      }
    }
    h.snippet = make_snippet(body_text, stems, options_.snippet_words);
    hits.push_back(std::move(h));
  }
  if (static_cast<size_t>(request.offset) < hits.size()) {
    response.hits.assign(std::make_move_iterator(hits.begin() + request.offset),
                         std::make_move_iterator(hits.begin() + static_cast<std::ptrdiff_t>(
                                                                     std::min(hits.size(), wanted))));
  }

  // A long-lived searcher that replayed many changes keeps the file fresh for the next process.
  if (index_ && options_.save_after > 0 && !options_.index_path.empty() &&
      index_->unsaved() >= static_cast<int64_t>(options_.save_after)) {
    (void)index_->save(db, /*prune=*/false);
  }
  return response;
}

}  // namespace mailsift::search
