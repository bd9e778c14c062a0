#include "store/sqlite_store.h"

#include "store/schema.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using testing::TempDir;

Email make_email(const std::string& mid, const std::string& subject, UnixTime date,
                 std::vector<std::string> refs = {}) {
  Email e;
  e.message_id = mid;
  e.subject = subject;
  e.date = date;
  e.from = {{"Ann Example", "Ann@Contractor.example"}};
  e.to = {{"Ops", "ops@harrowgate.example"}};
  e.references = refs;
  if (!refs.empty()) e.in_reply_to = {refs.back()};
  e.text_body = "Body of " + subject;
  e.visible_text = e.text_body;
  e.headers = {{"Subject", subject}, {"Message-ID", "<" + mid + ">"}};
  return e;
}

std::string raw_for(const Email& e) {
  return "Message-ID: <" + e.message_id + ">\nSubject: " + e.subject + "\n\n" + e.text_body + "\n";
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteEmailStore::open((dir_.path() / "mailsift.db").string());
    ASSERT_OK(s);
    store_ = std::move(*s);
  }
  PutResult put(const Email& e) {
    auto r = store_->put(e, raw_for(e), IngestMeta{"test", 1000});
    EXPECT_OK(r);
    return r.value_or(PutResult{});
  }
  TempDir dir_;
  std::unique_ptr<SqliteEmailStore> store_;
};

TEST_F(SqliteStoreTest, InsertThenGetRoundTrips) {
  Email e = make_email("a@x", "Quote for LV jointing", 1700000000);
  e.attachments.push_back({0, "quote.pdf", "application/pdf", "attachment", "", 1234, "abc", "2"});
  e.cc = {{"", "finance@harrowgate.example"}};
  e.html_body = "<p>hello</p>";
  e.warnings = {"date fell back"};
  auto put_result = put(e);
  EXPECT_TRUE(put_result.inserted);
  auto got = store_->get(put_result.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->email.subject, "Quote for LV jointing");
  EXPECT_EQ(got->summary.from.address, "ann@contractor.example");
  EXPECT_EQ(got->email.cc.at(0).address, "finance@harrowgate.example");
  ASSERT_EQ(got->email.attachments.size(), 1u);
  EXPECT_EQ(got->email.attachments[0].filename, "quote.pdf");
  EXPECT_EQ(got->email.html_body, "<p>hello</p>");
  EXPECT_EQ(got->email.headers.size(), 2u);
  EXPECT_EQ(got->email.warnings, std::vector<std::string>{"date fell back"});
  EXPECT_FALSE(got->classification);
  EXPECT_EQ(store_->raw(put_result.id).value(), raw_for(e));
  EXPECT_EQ(store_->get(9999).error().code, Code::kNotFound);
}

TEST_F(SqliteStoreTest, SameMessageTwiceIsADuplicate) {
  Email e = make_email("a@x", "Hello", 1);
  auto first = put(e);
  auto second = put(e);
  EXPECT_TRUE(first.inserted);
  EXPECT_FALSE(second.inserted);
  EXPECT_EQ(first.id, second.id);
  // The same bytes with CRLF line ends are the same message.
  std::string crlf = "Message-ID: <a@x>\r\nSubject: Hello\r\n\r\nBody of Hello\r\n";
  EXPECT_FALSE(store_->put(e, crlf, {}).value().inserted);
  EXPECT_EQ(store_->stats().value().messages, 1);
}

TEST_F(SqliteStoreTest, ReusedMessageIdWithOtherContentIsKept) {
  put(make_email("same@x", "First", 1));
  put(make_email("same@x", "Second", 2));
  EXPECT_EQ(store_->find_by_message_id("<same@x>").value().size(), 2u);
}

TEST_F(SqliteStoreTest, RepliesJoinTheirThreadInAnyOrder) {
  auto reply = put(make_email("c@x", "Re: Re: Job 7", 3, {"a@x", "b@x"}));  // arrives first
  auto root = put(make_email("a@x", "Job 7", 1));
  auto middle = put(make_email("b@x", "Re: Job 7", 2, {"a@x"}));
  auto unrelated = put(make_email("z@x", "Other", 4));
  auto t = store_->thread(root.thread_id);
  ASSERT_OK(t);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0].id, root.id);
  EXPECT_EQ((*t)[2].id, reply.id);
  EXPECT_EQ(store_->get(middle.id)->summary.thread_id, root.thread_id);
  EXPECT_EQ(store_->get(reply.id)->summary.thread_id, root.thread_id);
  EXPECT_NE(unrelated.thread_id, root.thread_id);
  EXPECT_EQ(store_->stats()->threads, 2);
}

TEST_F(SqliteStoreTest, ListFiltersAndOrdersNewestFirst) {
  put(make_email("1@x", "old", 100));
  Email other = make_email("2@x", "new", 300);
  other.from = {{"Bob Builder", "bob@builders.example"}};
  put(other);
  put(make_email("3@x", "mid", 200));
  auto all = store_->list({});
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].subject, "new");
  ListQuery q;
  q.from = "builder";
  EXPECT_EQ(store_->list(q)->size(), 1u);
  q = {};
  q.since = 150;
  q.until = 250;
  EXPECT_EQ(store_->list(q)->at(0).subject, "mid");
  q = {};
  q.from = "%";  // LIKE wildcards are matched literally
  EXPECT_TRUE(store_->list(q)->empty());
  q = {};
  q.limit = 1;
  q.offset = 1;
  EXPECT_EQ(store_->list(q)->at(0).subject, "mid");
}

TEST_F(SqliteStoreTest, HumanVerdictAlwaysWins) {
  auto r = put(make_email("a@x", "x", 1));
  Classification model{Label::kNoise, 0.9, Decider::kModel, "nb-1", {{"list-id", 1.5}}, false, "", 10};
  Classification human{Label::kBusiness, 1.0, Decider::kHuman, "", {}, false, "", 20};
  Classification later{Label::kOperational, 0.99, Decider::kLlm, "claude", {}, false, "", 30};
  ASSERT_OK(store_->add_classification(r.id, model));
  ASSERT_OK(store_->add_classification(r.id, human));
  ASSERT_OK(store_->add_classification(r.id, later));
  auto got = store_->get(r.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->history.size(), 3u);
  ASSERT_TRUE(got->classification);
  EXPECT_EQ(got->classification->label, Label::kBusiness);
  EXPECT_EQ(got->summary.label, Label::kBusiness);
  EXPECT_EQ(got->history[0].reasons.at(0).feature, "list-id");
  EXPECT_EQ(store_->add_classification(424242, model).error().code, Code::kNotFound);
  ListQuery q;
  q.label = Label::kBusiness;
  EXPECT_EQ(store_->list(q)->size(), 1u);
}

TEST_F(SqliteStoreTest, QuarantineKeepsBytesOnce) {
  auto a = store_->quarantine("\x01\x02garbage", 9, "no header block", {"file:a", 5});
  ASSERT_OK(a);
  EXPECT_TRUE(a->inserted);
  EXPECT_FALSE(store_->quarantine("\x01\x02garbage", 9, "no header block", {"file:b", 6})->inserted);
  auto big = store_->quarantine("", 60'000'000, "over the size limit", {"file:big", 7});
  ASSERT_OK(big);
  auto list = store_->quarantined(10, 0);
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).source, "file:big");
  EXPECT_FALSE(list->at(0).raw_kept);
  EXPECT_EQ(store_->quarantined_raw(a->id).value(), "\x01\x02garbage");
  EXPECT_EQ(store_->quarantined_raw(big->id).error().code, Code::kNotFound);
}

TEST_F(SqliteStoreTest, BatchRollbackLeavesNothing) {
  ASSERT_OK(store_->begin_batch());
  put(make_email("a@x", "x", 1));
  store_->rollback_batch();
  EXPECT_EQ(store_->stats()->messages, 0);
  ASSERT_OK(store_->begin_batch());
  put(make_email("a@x", "x", 1));
  put(make_email("b@x", "y", 2));
  ASSERT_OK(store_->commit_batch());
  EXPECT_EQ(store_->stats()->messages, 2);
}

TEST_F(SqliteStoreTest, StatsCountByClassAndMonth) {
  put(make_email("a@x", "x", 1735776000));  // 2025-01
  put(make_email("b@x", "y", 1738454400));  // 2025-02
  auto st = store_->stats();
  ASSERT_OK(st);
  EXPECT_EQ(st->messages, 2);
  EXPECT_EQ(st->unclassified, 2);
  ASSERT_EQ(st->by_month.size(), 2u);
  EXPECT_EQ(st->by_month[0].month, "2025-01");
  EXPECT_GT(st->stored_bytes, 0u);
}

TEST(SchemaTest, RefusesADatabaseFromTheFuture) {
  TempDir dir;
  auto path = (dir.path() / "m.db").string();
  {
    auto db = std::move(sql::Database::open(path).value());
    ASSERT_OK(db->set_user_version(store::schema_version() + 5));
  }
  auto s = SqliteEmailStore::open(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Code::kInvalidArgument);
  EXPECT_FALSE(s.error().hint.empty());
}

TEST(SchemaTest, ReopeningKeepsData) {
  TempDir dir;
  auto path = (dir.path() / "m.db").string();
  {
    auto s = std::move(SqliteEmailStore::open(path).value());
    Email e = make_email("a@x", "kept", 1);
    ASSERT_OK(s->put(e, raw_for(e), {}));
  }
  auto s = std::move(SqliteEmailStore::open(path).value());
  EXPECT_EQ(s->stats()->messages, 1);
}

}  // namespace
}  // namespace mailsift
