#include "store/sqlite.h"

#include "store/compress.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using testing::TempDir;

TEST(SqliteTest, BindsAndReadsEveryType) {
  TempDir dir;
  auto db = sql::Database::open((dir.path() / "t.db").string());
  ASSERT_OK(db);
  ASSERT_OK((*db)->exec("CREATE TABLE t (a TEXT, b INTEGER, c REAL, d BLOB, e TEXT)"));
  auto ins = (*db)->prepare("INSERT INTO t VALUES (?,?,?,?,?)");
  ASSERT_OK(ins);
  std::string blob("\0\1\2", 3);
  ins->bind(1, "it's; DROP TABLE t; --").bind(2, int64_t{1} << 40).bind(3, 0.5).bind_blob(4, blob).bind_null(5);
  ASSERT_OK(ins->run());
  auto sel = (*db)->prepare("SELECT a, b, c, d, e FROM t");
  ASSERT_OK(sel);
  ASSERT_TRUE(sel->step().value());
  EXPECT_EQ(sel->get_text(0), "it's; DROP TABLE t; --");
  EXPECT_EQ(sel->get_int(1), int64_t{1} << 40);
  EXPECT_EQ(sel->get_double(2), 0.5);
  EXPECT_EQ(sel->get_blob(3), blob);
  EXPECT_TRUE(sel->is_null(4));
  EXPECT_FALSE(sel->get_optional_text(4));
}

TEST(SqliteTest, AtomicUndoesOnlyItsOwnWrites) {
  TempDir dir;
  auto db = std::move(sql::Database::open((dir.path() / "t.db").string()).value());
  ASSERT_OK(db->exec("CREATE TABLE t (x INTEGER)"));
  ASSERT_OK(db->begin());
  ASSERT_OK(db->exec("INSERT INTO t VALUES (1)"));
  auto r = sql::atomic(*db, [&]() -> Result<void> {
    MAILSIFT_TRY_VOID(db->exec("INSERT INTO t VALUES (2)"));
    return fail(Code::kInternal, "boom");
  });
  EXPECT_FALSE(r);
  ASSERT_OK(db->commit());
  auto count = db->prepare("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(count->step().value());
  EXPECT_EQ(count->get_text(0), "1");
}

TEST(SqliteTest, PrepareErrorsAreReported) {
  TempDir dir;
  auto db = std::move(sql::Database::open((dir.path() / "t.db").string()).value());
  auto r = db->prepare("SELEC nonsense");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kIo);
}

TEST(CompressTest, RoundTripAndCorruption) {
  std::string text(100000, 'a');
  auto packed = store::compress(text);
  EXPECT_LT(packed.size(), text.size() / 10);
  EXPECT_EQ(store::decompress(packed).value(), text);
  packed[packed.size() / 2] ^= 0x55;
  packed.resize(packed.size() - 3);
  EXPECT_FALSE(store::decompress(packed));
  EXPECT_FALSE(store::decompress("not zstd"));
}

}  // namespace
}  // namespace mailsift
