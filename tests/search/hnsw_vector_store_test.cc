#include "search/hnsw_vector_store.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::search {
namespace {

std::vector<float> unit(std::mt19937& rng, size_t dim) {
  std::normal_distribution<float> n(0, 1);
  std::vector<float> v(dim);
  float s = 0;
  for (auto& x : v) {
    x = n(rng);
    s += x * x;
  }
  for (auto& x : v) x /= std::sqrt(s);
  return v;
}

HnswParams params(size_t dim) {
  HnswParams p;
  p.dim = dim;
  return p;
}

TEST(HnswVectorStoreTest, UpsertSearchRemove) {
  auto s = HnswVectorStore::create(params(8));
  ASSERT_OK(s);
  std::vector<float> a = {1, 0, 0, 0, 0, 0, 0, 0}, b = {0, 1, 0, 0, 0, 0, 0, 0};
  ASSERT_OK((*s)->upsert(1, a));
  ASSERT_OK((*s)->upsert(2, b));
  auto hits = (*s)->knn(a, 2);
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].id, 1);
  EXPECT_NEAR((*hits)[0].score, 1.0f, 1e-5);
  ASSERT_OK((*s)->upsert(1, b));  // replace
  EXPECT_EQ((*s)->get(1), b);
  ASSERT_OK((*s)->remove(2));
  ASSERT_OK((*s)->remove(2));  // absent: fine
  EXPECT_EQ((*s)->size(), 1u);
  EXPECT_FALSE((*s)->contains(2));
  ASSERT_OK((*s)->upsert(2, a));  // back after a delete
  EXPECT_EQ((*s)->size(), 2u);
  EXPECT_FALSE((*s)->upsert(3, std::vector<float>(3, 0.5f)).has_value());
}

TEST(HnswVectorStoreTest, SearchEffortByDefaultOrAsSet) {
  HnswParams p = params(8);
  p.ef_search = 0;  // by the size: small indexes search with 256
  auto s = HnswVectorStore::create(p);
  ASSERT_OK(s);
  EXPECT_EQ((*s)->ef_search_in_use(), 256u);
  (*s)->set_ef_search(77);
  EXPECT_EQ((*s)->ef_search_in_use(), 77u);
  (*s)->set_ef_search(0);
  EXPECT_EQ((*s)->ef_search_in_use(), 256u);
}

TEST(HnswVectorStoreTest, FilterAndExactScores) {
  std::mt19937 rng(7);
  auto s = HnswVectorStore::create(params(16));
  ASSERT_OK(s);
  for (EmailId id = 1; id <= 3000; ++id) ASSERT_OK((*s)->upsert(id, unit(rng, 16)));  // grows past 1024
  auto q = unit(rng, 16);
  auto even = (*s)->knn(q, 10, [](EmailId id) { return id % 2 == 0; });
  ASSERT_OK(even);
  ASSERT_EQ(even->size(), 10u);
  for (const auto& h : *even) EXPECT_EQ(h.id % 2, 0);
  auto rare = (*s)->knn(q, 5, [](EmailId id) { return id % 1000 == 0; });
  ASSERT_OK(rare);
  EXPECT_EQ(rare->size(), 3u);
  std::vector<EmailId> ids = {5, 50, 500, 99999};
  auto exact = (*s)->score(q, ids, 10);
  ASSERT_OK(exact);
  EXPECT_EQ(exact->size(), 3u);
  EXPECT_GE((*exact)[0].score, (*exact)[1].score);
}

TEST(HnswVectorStoreTest, RecallAt10AgainstExactSearch) {
  std::mt19937 rng(42);
  const size_t dim = 32, n = 5000;
  auto s = HnswVectorStore::create(params(dim));
  ASSERT_OK(s);
  std::vector<std::vector<float>> data;
  for (size_t i = 0; i < n; ++i) {
    data.push_back(unit(rng, dim));
    ASSERT_OK((*s)->upsert(static_cast<EmailId>(i), data.back()));
  }
  double found = 0;
  const int queries = 100;
  for (int qi = 0; qi < queries; ++qi) {
    auto q = unit(rng, dim);
    std::vector<std::pair<float, EmailId>> exact;
    for (size_t i = 0; i < n; ++i) {
      float d = 0;
      for (size_t k = 0; k < dim; ++k) d += q[k] * data[i][k];
      exact.emplace_back(-d, static_cast<EmailId>(i));
    }
    std::partial_sort(exact.begin(), exact.begin() + 10, exact.end());
    auto hits = (*s)->knn(q, 10);
    ASSERT_OK(hits);
    for (int k = 0; k < 10; ++k) {
      found += std::any_of(hits->begin(), hits->end(), [&](const VectorHit& h) { return h.id == exact[k].second; });
    }
  }
  EXPECT_GE(found / (queries * 10), 0.95);
}

TEST(HnswVectorStoreTest, SaveLoadAndDamage) {
  testing::TempDir dir;
  std::mt19937 rng(1);
  auto s = HnswVectorStore::create(params(8));
  ASSERT_OK(s);
  for (EmailId id = 1; id <= 50; ++id) ASSERT_OK((*s)->upsert(id, unit(rng, 8)));
  ASSERT_OK((*s)->remove(7));
  const std::string path = dir.str() + "/v.hnsw";
  ASSERT_OK((*s)->save(path, HnswFileMeta{"m1", 8, 99, 49}));
  HnswFileMeta meta;
  auto back = HnswVectorStore::load(path, params(8), &meta);
  ASSERT_OK(back);
  EXPECT_EQ(meta.model, "m1");
  EXPECT_EQ(meta.last_seq, 99);
  EXPECT_EQ((*back)->size(), 49u);
  EXPECT_FALSE((*back)->contains(7));
  EXPECT_EQ((*back)->get(3), (*s)->get(3));

  EXPECT_EQ(HnswVectorStore::load(path, params(16), nullptr).error().code, Code::kParse);
  std::string bytes = testing::read_file(path);
  bytes[bytes.size() / 3] ^= 1;
  dir.write("v.hnsw", bytes);
  EXPECT_EQ(HnswVectorStore::load(path, params(8), nullptr).error().code, Code::kParse);
  dir.write("v.hnsw", bytes.substr(0, 100));
  EXPECT_EQ(HnswVectorStore::load(path, params(8), nullptr).error().code, Code::kParse);
  EXPECT_EQ(HnswVectorStore::load(dir.str() + "/none", params(8), nullptr).error().code, Code::kNotFound);
}

}  // namespace
}  // namespace mailsift::search
