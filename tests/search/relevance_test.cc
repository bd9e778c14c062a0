// The demo mailbox and its judged queries (tests/search/queries_demo.tsv): the relevance
// requirements of the search issue, checked on every build.
#include <filesystem>

#include <gtest/gtest.h>

#include "core/time.h"
#include "mime/parser.h"
#include "search/eval.h"
#include "search/reindex.h"
#include "search/wordnet.h"
#include "search_fixture.h"

namespace mailsift::search {
namespace {

namespace fs = std::filesystem;

TEST(RelevanceTest, DemoMailboxMeetsTheTargets) {
  const fs::path mailbox = testing::source_dir() / "demo" / "mailbox";
  const fs::path wordnet = default_wordnet_dir();
  if (!fs::exists(wordnet / "data.noun")) GTEST_SKIP() << "WordNet (Debian wordnet-base) is not installed";
  testing::TempDir dir;
  auto store = SqliteEmailStore::open(dir.str() + "/mailsift.db");
  ASSERT_OK(store);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(mailbox)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::string raw = testing::read_file(p);
    auto email = mime::parse_message(raw);
    ASSERT_OK(email);
    ASSERT_OK((*store)->put(*email, raw, IngestMeta{p.string(), 1}));
  }
  LocalEmbedderSettings settings;  // the shipped defaults
  auto fit = fit_local_model((*store)->database(), settings, local_model_path(dir.str()));
  ASSERT_OK(fit);
  auto model = LocalModel::load(local_model_path(dir.str()));
  ASSERT_OK(model);
  auto embedder = std::make_shared<LocalEmbedder>(*model);
  VectorIndex::Options o;
  o.path = dir.str() + "/vectors.hnsw";
  o.model = embedder->model_id();
  o.params.dim = embedder->dimension();
  ASSERT_OK(reindex((*store)->database(), *embedder, o, {}));

  SearcherOptions so;
  so.db_path = dir.str() + "/mailsift.db";
  so.index_path = o.path;
  auto searcher = Searcher::open(so, embedder, now_unix());
  ASSERT_OK(searcher);
  auto queries = read_judged_queries((testing::source_dir() / "tests" / "search" / "queries_demo.tsv").string());
  ASSERT_OK(queries);
  ASSERT_GE(queries->size(), 45u);
  auto report = evaluate(**searcher, *queries, {SearchMode::kBm25, SearchMode::kVector, SearchMode::kHybrid});
  ASSERT_OK(report);
  EXPECT_TRUE(report->skipped.empty());
  const auto& all = report->overall;
  EXPECT_GT(all.at("hybrid").ndcg, all.at("bm25").ndcg);
  for (const char* kind : {"keyword", "filtered"}) {
    const auto& k = report->by_kind.at(kind);
    EXPECT_GE(k.at("hybrid").ndcg + 1e-9, k.at("bm25").ndcg) << kind;
  }
  const auto& para = report->by_kind.at("paraphrase").at("vector");
  EXPECT_GE(2 * para.hit_at_10, para.queries) << "vector search found " << para.hit_at_10 << " of " << para.queries;
}

}  // namespace
}  // namespace mailsift::search
