#include "search/local_model.h"

#include <chrono>
#include <cmath>

#include <gtest/gtest.h>

#include "search/local_embedder.h"
#include "support/test_support.h"

namespace mailsift::search {
namespace {

float dot(const std::vector<float>& a, const std::vector<float>& b) {
  float d = 0;
  for (size_t i = 0; i < a.size(); ++i) d += a[i] * b[i];
  return d;
}

std::vector<std::string> corpus() {
  std::vector<std::string> docs;
  for (int i = 0; i < 20; ++i) {
    docs.push_back("invoice payment overdue remittance balance account " + std::to_string(i));
    docs.push_back("storm wind gale rain forecast weather warning");
    docs.push_back("cable excavation digging underground damaged main");
  }
  return docs;
}

LocalModelOptions small() {
  LocalModelOptions o;
  o.dim = 16;
  return o;
}

TEST(LocalModelTest, FitIsDeterministic) {
  auto docs = corpus();
  auto a = LocalModel::fit(docs, nullptr, small());
  auto b = LocalModel::fit(docs, nullptr, small());
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_EQ((*a)->id(), (*b)->id());
  EXPECT_EQ((*a)->embed("overdue invoice"), (*b)->embed("overdue invoice"));
  EXPECT_EQ((*a)->id().rfind("local-lsa1-", 0), 0u);
}

TEST(LocalModelTest, WordsThatShareContextsAreClose) {
  auto docs = corpus();
  auto m = LocalModel::fit(docs, nullptr, small());
  ASSERT_OK(m);
  // "payment" and "remittance" never need to meet in a query and a document to match.
  auto q = (*m)->embed("late payment");
  auto pay_doc = (*m)->embed("remittance for the overdue balance");
  auto storm_doc = (*m)->embed("gale and rain forecast");
  EXPECT_GT(dot(q, pay_doc), dot(q, storm_doc) + 0.2f);
}

TEST(LocalModelTest, WordNetNeighboursAreCloseThroughTheGraph) {
  // "lander" points to "spacecraft"; no email and no synset puts the two words side by side.
  WordNet wn;
  wn.synsets.push_back({{"lander"}, "a vehicle that touches down", {1, 3}, {}});
  wn.synsets.push_back({{"spacecraft", "spaceship"}, "a vehicle for outer space", {0, 4}, {}});
  wn.synsets.push_back({{"banana"}, "an elongated yellow fruit", {3}, {}});
  wn.synsets.push_back({{"probe"}, "an exploratory mission", {0, 2}, {}});
  wn.synsets.push_back({{"rocket"}, "a jet engine vehicle", {1}, {}});
  auto docs = corpus();
  LocalModelOptions without = small();
  without.graph = 0;
  LocalModelOptions with = small();
  with.graph = 0.5;
  auto a = LocalModel::fit(docs, &wn, without);
  auto b = LocalModel::fit(docs, &wn, with);
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_NE((*a)->id(), (*b)->id());
  float before = dot((*a)->embed("lander"), (*a)->embed("spacecraft"));
  float after = dot((*b)->embed("lander"), (*b)->embed("spacecraft"));
  EXPECT_GT(after, before + 0.05f) << before << " -> " << after;
  EXPECT_GT(after, dot((*b)->embed("lander"), (*b)->embed("banana")));
}

TEST(LocalModelTest, LinksAndAddressesDoNotCount) {
  auto docs = corpus();
  auto m = LocalModel::fit(docs, nullptr, small());
  ASSERT_OK(m);
  EXPECT_EQ((*m)->embed("overdue invoice"),
            (*m)->embed("overdue invoice http://tracker.example.com/click/storm?id=1 billing@storm.example"));
}

TEST(LocalModelTest, VectorsAreUnitOrZero) {
  auto docs = corpus();
  auto m = LocalModel::fit(docs, nullptr, small());
  ASSERT_OK(m);
  auto v = (*m)->embed("storm warning and some unknownword 12345");
  EXPECT_NEAR(dot(v, v), 1.0f, 1e-4);
  auto z = (*m)->embed("the and of");
  EXPECT_EQ(dot(z, z), 0.0f);
  auto oov = (*m)->embed("zzyzx");
  EXPECT_NEAR(dot(oov, oov), 1.0f, 1e-4);  // outside the vocabulary: its identity vector
}

TEST(LocalModelTest, SaveAndLoadEmbedTheSame) {
  testing::TempDir dir;
  auto docs = corpus();
  auto m = LocalModel::fit(docs, nullptr, small());
  ASSERT_OK(m);
  const std::string path = dir.str() + "/models/local.model";
  ASSERT_OK((*m)->save(path));
  auto back = LocalModel::load(path);
  ASSERT_OK(back);
  EXPECT_EQ((*back)->id(), (*m)->id());
  EXPECT_EQ((*back)->dim(), 16u);
  auto a = (*m)->embed("overdue invoice payment");
  auto b = (*back)->embed("overdue invoice payment");
  EXPECT_NEAR(dot(a, b), 1.0f, 1e-4);
}

TEST(LocalModelTest, DamagedFileIsReported) {
  testing::TempDir dir;
  auto m = LocalModel::fit(corpus(), nullptr, small());
  ASSERT_OK(m);
  const std::string path = dir.str() + "/local.model";
  ASSERT_OK((*m)->save(path));
  std::string bytes = testing::read_file(path);
  bytes[bytes.size() / 2] ^= 0x5a;
  dir.write("local.model", bytes);
  auto back = LocalModel::load(path);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code, Code::kParse);
  EXPECT_EQ(LocalModel::load(dir.str() + "/absent").error().code, Code::kNotFound);
}

TEST(LocalModelTest, NothingToFitOn) {
  std::vector<std::string> none;
  EXPECT_FALSE(LocalModel::fit(none, nullptr, small()).has_value());
}

TEST(LocalEmbedderTest, BatchesAndThreadSafety) {
  auto m = LocalModel::fit(corpus(), nullptr, small());
  ASSERT_OK(m);
  LocalEmbedder e(*m);
  EXPECT_TRUE(e.thread_safe());
  EXPECT_EQ(e.dimension(), 16u);
  std::vector<std::string> texts = {"invoice", "storm", "cable"};
  auto v = e.embed(texts, EmbedInput::kQuery);
  ASSERT_OK(v);
  ASSERT_EQ(v->size(), 3u);
  auto d = e.embed(texts, EmbedInput::kDocument);
  ASSERT_OK(d);
  EXPECT_EQ((*v)[1], (*d)[1]);  // queries and documents take the same path
  std::vector<std::string> too_many(e.max_batch() + 1, "x");
  EXPECT_FALSE(e.embed(too_many, EmbedInput::kDocument).has_value());
}

TEST(LocalEmbedderTest, SettingsAreValidated) {
  Config c;
  c.set("embeddings.dim", "4");
  EXPECT_FALSE(local_embedder_settings(c).has_value());
  Config ok_config;
  auto s = local_embedder_settings(ok_config);
  ASSERT_OK(s);
  EXPECT_EQ(s->model.dim, 256u);
}

}  // namespace
}  // namespace mailsift::search
