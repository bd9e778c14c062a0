// The vector index file is an accelerator: these tests take it away, let it fall behind and
// damage it, and check that the index always ends up equal to the embeddings table.
#include "search/vector_index.h"

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "search_fixture.h"

namespace mailsift::search {
namespace {

using testing::SearchFixture;

class VectorIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 30; ++i) f.add({"message " + std::to_string(i), "body words number " + std::to_string(i)});
    options.path = f.dir.str() + "/vectors.hnsw";
    options.model = "test-model";
    options.params.dim = 4;
  }
  std::vector<float> vec(int i) {
    std::vector<float> v = {1.0f, static_cast<float>(i), 0.5f, -1.0f};
    float n = 0;
    for (float x : v) n += x * x;
    for (float& x : v) x /= std::sqrt(n);
    return v;
  }
  void put(EmailId id, const std::string& model = "test-model") {
    ASSERT_OK(embeddings::put(db(), id, model, vec(static_cast<int>(id)), 1));
  }
  sql::Database& db() { return f.store->database(); }

  SearchFixture f;
  VectorIndex::Options options;
};

TEST_F(VectorIndexTest, MissingFileIsRebuiltFromTheTable) {
  for (EmailId id = 1; id <= 10; ++id) put(id);
  IndexOpenReport report;
  auto index = VectorIndex::open(db(), options, &report);
  ASSERT_OK(index);
  EXPECT_TRUE(report.rebuilt);
  EXPECT_EQ(report.reason, "missing");
  EXPECT_EQ((*index)->store().size(), 10u);
  ASSERT_OK((*index)->save(db(), true));
  EXPECT_TRUE(std::filesystem::exists(options.path));

  IndexOpenReport again;
  auto reopened = VectorIndex::open(db(), options, &again);
  ASSERT_OK(reopened);
  EXPECT_FALSE(again.rebuilt);
  EXPECT_EQ(again.caught_up, 0);
  EXPECT_EQ((*reopened)->store().size(), 10u);
}

TEST_F(VectorIndexTest, StaleFileIsCaughtUp) {
  for (EmailId id = 1; id <= 10; ++id) put(id);
  {
    auto index = VectorIndex::open(db(), options);
    ASSERT_OK(index);
    ASSERT_OK((*index)->save(db(), true));
  }
  // Changes after the save: new vectors, a replaced one and a deleted one.
  for (EmailId id = 11; id <= 15; ++id) put(id);
  ASSERT_OK(embeddings::put(db(), 2, "test-model", vec(99), 2));
  ASSERT_OK(embeddings::remove(db(), 3));
  IndexOpenReport report;
  auto index = VectorIndex::open(db(), options, &report);
  ASSERT_OK(index);
  EXPECT_FALSE(report.rebuilt);
  EXPECT_EQ(report.caught_up, 7);
  EXPECT_EQ((*index)->store().size(), 14u);
  EXPECT_FALSE((*index)->store().contains(3));
  EXPECT_EQ((*index)->store().get(2), vec(99));
  EXPECT_TRUE((*index)->store().contains(15));
}

TEST_F(VectorIndexTest, DamagedFileIsRebuilt) {
  for (EmailId id = 1; id <= 10; ++id) put(id);
  {
    auto index = VectorIndex::open(db(), options);
    ASSERT_OK(index);
    ASSERT_OK((*index)->save(db(), true));
  }
  std::string bytes = testing::read_file(options.path);
  bytes[bytes.size() / 2] ^= 0x40;
  f.dir.write("vectors.hnsw", bytes);
  IndexOpenReport report;
  auto index = VectorIndex::open(db(), options, &report);
  ASSERT_OK(index);
  EXPECT_TRUE(report.rebuilt);
  EXPECT_NE(report.reason.find("damaged"), std::string::npos) << report.reason;
  EXPECT_EQ((*index)->store().size(), 10u);

  f.dir.write("vectors.hnsw.meta", "{not json");
  auto again = VectorIndex::open(db(), options, &report);
  ASSERT_OK(again);
  EXPECT_TRUE(report.rebuilt);
}

TEST_F(VectorIndexTest, AnotherModelsFileOrVectorsAreNotMixed) {
  for (EmailId id = 1; id <= 10; ++id) put(id);
  put(11, "other-model");
  {
    auto index = VectorIndex::open(db(), options);
    ASSERT_OK(index);
    EXPECT_EQ((*index)->store().size(), 10u);  // the other model's vector is left out
    ASSERT_OK((*index)->save(db(), true));
  }
  auto other = embeddings::other_model(db(), "test-model");
  ASSERT_OK(other);
  EXPECT_EQ(*other, "other-model");
  VectorIndex::Options o2 = options;
  o2.model = "other-model";
  IndexOpenReport report;
  auto index = VectorIndex::open(db(), o2, &report);
  ASSERT_OK(index);
  EXPECT_TRUE(report.rebuilt);
  EXPECT_EQ((*index)->store().size(), 1u);
}

TEST_F(VectorIndexTest, PrunedLogIsAnsweredByTheNewerFile) {
  for (EmailId id = 1; id <= 5; ++id) put(id);
  auto reader = VectorIndex::open(db(), options);  // a long-lived reader at seq 5
  ASSERT_OK(reader);
  // A writer adds, saves and prunes the log past the reader.
  for (EmailId id = 6; id <= 9; ++id) put(id);
  auto writer = VectorIndex::open(db(), options);
  ASSERT_OK(writer);
  ASSERT_OK((*writer)->save(db(), true));
  put(10);
  auto applied = (*reader)->catch_up(db());
  ASSERT_OK(applied);
  EXPECT_EQ((*reader)->store().size(), 10u);
  EXPECT_EQ((*reader)->last_seq(), (*writer)->last_seq() + 1);
}

TEST_F(VectorIndexTest, WriterChecksModelAndKeepsTheIndexInStep) {
  auto index = VectorIndex::open(db(), options);
  ASSERT_OK(index);
  VectorWriter writer(db(), index->get(), "test-model", 4);
  ASSERT_OK(writer.write(1, "test-model", vec(1)));
  ASSERT_OK(writer.write(2, "test-model", vec(2)));
  auto wrong = writer.write(3, "other", vec(3));
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, Code::kInvalidArgument);
  EXPECT_FALSE(writer.write(3, "test-model", std::vector<float>(3, 0.1f)).has_value());
  EXPECT_EQ((*index)->store().size(), 2u);
  auto head = embeddings::last_change(db());
  ASSERT_OK(head);
  EXPECT_EQ((*index)->last_seq(), *head);  // nothing to replay
  ASSERT_OK(writer.flush());
  IndexOpenReport report;
  auto reopened = VectorIndex::open(db(), options, &report);
  ASSERT_OK(reopened);
  EXPECT_FALSE(report.rebuilt);
  EXPECT_EQ((*reopened)->store().size(), 2u);
}

TEST_F(VectorIndexTest, BackgroundWriterKeepsTheIndexInStepAfterFlush) {
  auto index = VectorIndex::open(db(), options);
  ASSERT_OK(index);
  {
    VectorWriter writer(db(), index->get(), "test-model", 4, /*background=*/true);
    for (EmailId id = 1; id <= 20; ++id) ASSERT_OK(writer.write(id, "test-model", vec(static_cast<int>(id))));
    EXPECT_FALSE(writer.write(21, "other", vec(21)).has_value());  // checked before queueing
    ASSERT_OK(writer.flush());
    EXPECT_EQ((*index)->store().size(), 20u);
    auto head = embeddings::last_change(db());
    ASSERT_OK(head);
    EXPECT_EQ((*index)->last_seq(), *head);
    auto hits = (*index)->store().knn(vec(7), 1);
    ASSERT_OK(hits);
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].id, 7);
    // Destroyed with work possibly still queued and no flush: the stored vectors are not lost.
    for (EmailId id = 21; id <= 30; ++id) ASSERT_OK(writer.write(id, "test-model", vec(static_cast<int>(id))));
  }
  auto reopened = VectorIndex::open(db(), options);
  ASSERT_OK(reopened);
  EXPECT_EQ((*reopened)->store().size(), 30u);
}

TEST_F(VectorIndexTest, DeletingAMessageDeletesItsVector) {
  for (EmailId id = 1; id <= 3; ++id) put(id);
  auto index = VectorIndex::open(db(), options);
  ASSERT_OK(index);
  ASSERT_OK(db().exec("DELETE FROM messages WHERE id = 2"));
  ASSERT_OK((*index)->catch_up(db()));
  EXPECT_FALSE((*index)->store().contains(2));
  EXPECT_EQ((*index)->store().size(), 2u);
}

}  // namespace
}  // namespace mailsift::search
