#include "search/searcher.h"

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "core/strings.h"
#include "core/time.h"
#include "search/fts_query.h"
#include "search/reindex.h"
#include "search_fixture.h"

namespace mailsift::search {
namespace {

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::add_topic_corpus(f);
    f.fit_and_index();
    s = f.searcher();
    ASSERT_TRUE(s);
  }
  SearchResponse run(const std::string& q, SearchMode mode = SearchMode::kHybrid, int limit = 10) {
    SearchRequest r;
    r.query = q;
    r.mode = mode;
    r.limit = limit;
    auto out = s->search(r);
    EXPECT_TRUE(out.has_value()) << q << ": " << (out ? "" : out.error().to_string());
    return out ? *out : SearchResponse{};
  }
  testing::SearchFixture f;
  std::unique_ptr<Searcher> s;
};

TEST_F(SearcherTest, Bm25FindsExactWordsWithMarkedSnippets) {
  auto r = run("excavator", SearchMode::kBm25);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NE(r.hits[0].snippet.find("[[excavator]]"), std::string::npos) << r.hits[0].snippet;
  EXPECT_EQ(r.hits[0].message_id.find("@test"), r.hits[0].message_id.size() - 5);
  EXPECT_GT(r.hits[0].score, 0);
}

TEST_F(SearcherTest, VectorFindsMeaningWithoutSharedWords) {
  // No stored message says "late"; the payment messages say overdue / outstanding.
  auto r = run("late remittance", SearchMode::kVector, 4);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].subject.rfind("Invoice", 0), 0u) << r.hits[0].subject;
  auto bm = run("gale", SearchMode::kBm25);
  auto vec = run("gale", SearchMode::kVector, 3);
  ASSERT_FALSE(vec.hits.empty());
  EXPECT_EQ(vec.hits[0].subject.rfind("Weather", 0), 0u);
}

TEST_F(SearcherTest, HybridFusesBothLists) {
  auto r = run("cable damaged");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].subject.rfind("Site incident", 0), 0u);
  EXPECT_GT(r.hits[0].bm25_rank, 0);
  EXPECT_GT(r.hits[0].vector_rank, 0);
}

TEST_F(SearcherTest, FiltersApplyInEveryMode) {
  for (SearchMode mode : {SearchMode::kBm25, SearchMode::kVector, SearchMode::kHybrid}) {
    auto r = run("permit from:council", mode);
    ASSERT_FALSE(r.hits.empty());
    for (const auto& h : r.hits) EXPECT_EQ(h.from.address, "permits@council.example");
    auto none = run("permit from:nobody", mode);
    EXPECT_TRUE(none.hits.empty());
  }
  auto dated = run("date:2023-11-16..2023-11-17");  // filters only: newest first
  for (const auto& h : dated.hits) {
    EXPECT_GE(h.date, unix_from_civil(2023, 11, 16));
    EXPECT_LE(h.date, unix_from_civil(2023, 11, 17) + 86399);
  }
  EXPECT_FALSE(dated.hits.empty());
  auto subject = run("subject:weather wind", SearchMode::kBm25);
  for (const auto& h : subject.hits) EXPECT_EQ(h.subject.rfind("Weather", 0), 0u);
  EXPECT_FALSE(subject.hits.empty());
}

TEST_F(SearcherTest, SeparateFiltersAreAnded) {
  SearchRequest r;
  r.query = "invoice";
  AddressFilter from;
  from.domains = {"brightwire.example"};
  r.filters.from.push_back(from);
  r.filters.until = unix_from_civil(2023, 11, 16);
  auto out = s->search(r);
  ASSERT_OK(out);
  ASSERT_FALSE(out->hits.empty());
  for (const auto& h : out->hits) {
    EXPECT_EQ(h.from.address, "billing@brightwire.example");
    EXPECT_LE(h.date, unix_from_civil(2023, 11, 16));
  }
}

TEST_F(SearcherTest, OffsetLimitAndThreads) {
  auto all = run("invoice payment", SearchMode::kBm25, 10);
  ASSERT_GE(all.hits.size(), 3u);
  SearchRequest page;
  page.query = "invoice payment";
  page.mode = SearchMode::kBm25;
  page.limit = 1;
  page.offset = 1;
  auto second = s->search(page);
  ASSERT_OK(second);
  ASSERT_EQ(second->hits.size(), 1u);
  EXPECT_EQ(second->hits[0].id, all.hits[1].id);

  // Two replies join a thread; --threads shows it once with its hit count and newest message.
  testing::TestMessage reply{"Re: Invoice 1", "re: the invoice payment is overdue", "accounts@ops.example"};
  reply.references = {"1@test"};
  reply.date = 1800000000;
  EmailId reply_id = f.add(reply);
  SearchRequest threads;
  threads.query = "invoice overdue";
  threads.mode = SearchMode::kBm25;
  threads.threads = true;
  auto t = s->search(threads);
  ASSERT_OK(t);
  bool found = false;
  for (const auto& h : t->hits) {
    if (h.id == reply_id) {
      found = true;
      EXPECT_EQ(h.thread_hits, 2);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(SearcherTest, VectorModeWithoutVectorsIsUnavailable) {
  testing::SearchFixture empty;
  empty.add({"hello", "world"});
  auto searcher = Searcher::open(empty.options(), nullptr, 0);
  ASSERT_OK(searcher);
  SearchRequest r;
  r.query = "hello";
  r.mode = SearchMode::kVector;
  auto v = (*searcher)->search(r);
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, Code::kUnavailable);
  r.mode = SearchMode::kHybrid;  // falls back to BM25 with a note
  auto h = (*searcher)->search(r);
  ASSERT_OK(h);
  EXPECT_EQ(h->hits.size(), 1u);
  EXPECT_FALSE(h->notes.empty());
}

TEST(SearcherPruningTest, CommonWordsRankButDoNotSelect) {
  testing::SearchFixture f;
  for (int i = 0; i < 12; ++i) {
    f.add({"Weekly report " + std::to_string(i), "The weekly report for the depot, nothing unusual this week."});
  }
  f.add({"Excavator hire", "The excavator hire is booked; the weekly report will mention it."});
  f.add({"Excavator service", "The excavator needs a service before Monday."});
  auto open = [&f](double max_df) {
    SearcherOptions o = f.options();
    o.bm25_max_df = max_df;
    o.bm25_prune_min_messages = 0;
    auto s = Searcher::open(o, nullptr, 0);
    EXPECT_TRUE(s.has_value());
    return s ? std::move(*s) : nullptr;
  };
  auto bm25 = [](Searcher& s, const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.mode = SearchMode::kBm25;
    r.limit = 50;
    auto out = s.search(r);
    EXPECT_TRUE(out.has_value()) << q;
    return out ? out->hits : std::vector<SearchHit>{};
  };
  auto all = open(0);      // off: every word selects
  auto pruned = open(0.3);  // "weekly" and "report" are in 13 of 14 messages
  EXPECT_EQ(bm25(*all, "weekly report excavator").size(), 14u);
  auto hits = bm25(*pruned, "weekly report excavator");
  ASSERT_EQ(hits.size(), 2u);
  // ... but still rank: the excavator message that also says "weekly report" comes first.
  EXPECT_EQ(hits[0].subject, "Excavator hire");
  EXPECT_EQ(hits[1].subject, "Excavator service");
  EXPECT_NE(hits[0].snippet.find("[[weekly]]"), std::string::npos) << hits[0].snippet;
  // Only common words: the rarest selects ("weekly": 13, "depot": 12 messages).
  EXPECT_EQ(bm25(*pruned, "weekly depot").size(), 12u);
  // A single word, a phrase or a word of several tokens is never left out.
  EXPECT_EQ(bm25(*pruned, "report").size(), 13u);
  EXPECT_EQ(bm25(*pruned, "weekly-report excavator").size(), 14u);
  EXPECT_EQ(bm25(*pruned, "\"weekly report\" excavator").size(), 13u);  // a quoted phrase is required
  // Under the size threshold nothing is pruned.
  SearcherOptions o = f.options();
  o.bm25_max_df = 0.3;
  o.bm25_prune_min_messages = 14;
  auto small = Searcher::open(o, nullptr, 0);
  ASSERT_OK(small);
  EXPECT_EQ(bm25(**small, "weekly report excavator").size(), 14u);
}

TEST(SearcherPruningTest, PastTheCapOnlyTheNewestMatchesAreRanked) {
  testing::SearchFixture f;
  for (int i = 0; i < 10; ++i) f.add({"Invoice " + std::to_string(i), "Invoice for the depot, number " + std::to_string(i)});
  SearcherOptions o = f.options();
  o.bm25_prune_min_messages = 0;
  o.bm25_max_scored = 4;
  auto s = Searcher::open(o, nullptr, 0);
  ASSERT_OK(s);
  SearchRequest r;
  r.query = "invoice";
  r.mode = SearchMode::kBm25;
  r.limit = 50;
  auto out = (*s)->search(r);
  ASSERT_OK(out);
  ASSERT_EQ(out->hits.size(), 4u);
  std::set<std::string> subjects;
  for (const auto& h : out->hits) subjects.insert(h.subject);
  EXPECT_EQ(subjects, (std::set<std::string>{"Invoice 6", "Invoice 7", "Invoice 8", "Invoice 9"}));
  ASSERT_EQ(out->notes.size(), 1u);
  EXPECT_NE(out->notes[0].find("most recently stored"), std::string::npos) << out->notes[0];
  // A filtered query ranks every match that passes.
  r.query = "invoice date:2000-01-01..2100-01-01";
  out = (*s)->search(r);
  ASSERT_OK(out);
  EXPECT_EQ(out->hits.size(), 10u);
  EXPECT_TRUE(out->notes.empty());
  // Under the cap, nothing is said or left out.
  o.bm25_max_scored = 10;
  auto all = Searcher::open(o, nullptr, 0);
  ASSERT_OK(all);
  r.query = "invoice";
  out = (*all)->search(r);
  ASSERT_OK(out);
  EXPECT_EQ(out->hits.size(), 10u);
  EXPECT_TRUE(out->notes.empty());
}

TEST(SearcherFilterTest, ListAndAttachmentFiltersUseTheirIndexes) {
  testing::SearchFixture f;
  f.add({"Hello", "Nothing"});
  QuerySyntax syntax(0);
  for (const auto& [query, index] : {std::pair{"is:list", "messages_listed"}, {"has:attachment", "messages_attached"}}) {
    auto q = syntax.parse(query);
    ASSERT_OK(q);
    auto st = f.store->database().prepare("EXPLAIN QUERY PLAN SELECT m.id FROM messages m WHERE 1" + filter_condition(*q).sql);
    ASSERT_OK(st);
    std::string plan;
    while (*st->step()) plan += st->get_text(3) + "\n";
    EXPECT_NE(plan.find(index), std::string::npos) << query << ": " << plan;
  }
}

TEST_F(SearcherTest, ModelChangeIsDetectedNotMixed) {
  ASSERT_OK(embeddings::put(f.store->database(), 1, "another-model", std::vector<float>(32, 0.1f), 1));
  auto searcher = f.searcher();
  SearchRequest r;
  r.query = "invoice";
  r.mode = SearchMode::kVector;
  auto v = searcher->search(r);
  ASSERT_FALSE(v.has_value());
  EXPECT_NE(v.error().message.find("reindex"), std::string::npos);
  // reindex answers it: the other model's vector is replaced.
  VectorIndex::Options o;
  o.path = f.dir.str() + "/vectors.hnsw";
  o.model = f.embedder->model_id();
  o.params.dim = f.embedder->dimension();
  auto re = reindex(f.store->database(), *f.embedder, o, {});
  ASSERT_OK(re);
  EXPECT_EQ(re->embedded, 1);
  auto again = f.searcher()->search(r);
  ASSERT_OK(again);
  EXPECT_FALSE(again->hits.empty());
}

TEST_F(SearcherTest, SearchDuringIngestSeesConsistentState) {
  // A writer adds messages with vectors in transactions while searches run on other threads:
  // every search succeeds, and every hit it returns is a message that exists with its vector.
  auto writer_store = SqliteEmailStore::open(f.dir.str() + "/mailsift.db");
  ASSERT_OK(writer_store);
  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  std::thread writer([&] {
    sql::Database& db = (*writer_store)->database();
    for (int batch = 0; batch < 20; ++batch) {
      auto r = sql::transaction(db, [&]() -> Result<void> {
        for (int i = 0; i < 10; ++i) {
          Email e;
          e.message_id = "w" + std::to_string(batch) + "-" + std::to_string(i) + "@test";
          e.subject = "Invoice batch " + std::to_string(batch);
          e.text_body = e.visible_text = "late invoice payment overdue";
          e.from.push_back(Address{"", "writer@example.org"});
          e.date = 1750000000;
          e.content_hash = sha256_hex(e.message_id);
          auto put = (*writer_store)->put(e, "raw " + e.message_id, IngestMeta{"test", 1});
          if (!put) return fail(put.error());
          auto v = f.embedder->embed(std::vector<std::string>{e.subject + "\n" + e.text_body}, EmbedInput::kDocument);
          if (!v) return fail(v.error());
          MAILSIFT_TRY_VOID(embeddings::put(db, put->id, f.embedder->model_id(), v->front(), 1));
        }
        return ok();
      });
      if (!r) ++errors;
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        for (SearchMode mode : {SearchMode::kBm25, SearchMode::kVector, SearchMode::kHybrid}) {
          SearchRequest r;
          r.query = mode == SearchMode::kBm25 ? "\"late invoice payment overdue\"" : "invoice payment";
          r.mode = mode;
          r.limit = 1000;
          auto out = s->search(r);
          if (!out) {
            ++errors;
            continue;
          }
          // Batches are committed whole: a snapshot holds a multiple of 10 of them.
          if (mode == SearchMode::kBm25) {
            int n = 0;
            for (const auto& h : out->hits) n += h.subject.rfind("Invoice batch", 0) == 0;
            if (n % 10 != 0) ++errors;
          }
        }
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  EXPECT_EQ(errors.load(), 0);
  auto final_count = run("\"late invoice payment overdue\"", SearchMode::kBm25, 500);
  EXPECT_EQ(final_count.hits.size(), 200u);
}

}  // namespace
}  // namespace mailsift::search
