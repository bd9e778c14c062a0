#include "pipeline/ingest.h"

#include <atomic>

#include "core/strings.h"
#include "store/sqlite_store.h"
#include "support/test_support.h"

namespace mailsift {
namespace {

using testing::TempDir;

std::string message(int i, const std::string& extra_headers = "") {
  return "From: Sender " + std::to_string(i) + " <s" + std::to_string(i) + "@contractor.example>\n"
         "To: ops@harrowgate.example\nSubject: Job " + std::to_string(i) + "\nDate: Tue, 04 Mar 2025 10:15:00 +0000\n"
         "Message-ID: <" + std::to_string(i) + "@contractor.example>\n" + extra_headers + "\nBody " + std::to_string(i) + "\n";
}

// A classifier that fails on every call, as a remote model might.
class FailingClassifier final : public Classifier {
 public:
  Result<Classification> classify(const Email&) override { return fail(Code::kUnavailable, "model unreachable"); }
  std::string name() const override { return "failing"; }
};

// Labels everything OPERATIONAL; safe on any thread.
class ConstantClassifier final : public Classifier {
 public:
  Result<Classification> classify(const Email&) override {
    ++calls;
    return Classification{Label::kOperational, 0.7, Decider::kModel, "const", {{"test", 1}}, false, "", 0};
  }
  std::string name() const override { return "const"; }
  bool thread_safe() const override { return true; }
  std::atomic<int> calls = 0;
};

class CountingEmbedder final : public Embedder {
 public:
  Result<std::vector<Vector>> embed(std::span<const std::string> texts, EmbedInput) override {
    std::vector<Vector> out;
    for (const auto& t : texts) out.push_back(Vector{static_cast<float>(t.size()), 1.0f});
    return out;
  }
  std::string model_id() const override { return "count-2"; }
  size_t dimension() const override { return 2; }
};

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(SqliteEmailStore::open((dir_.path() / "db").string()).value()); }

  IngestSummary run(const std::vector<std::string>& args, ProcessPorts ports, int threads = 2, uint64_t max = 50u << 20) {
    auto source = open_sources(args, SourceOptions{max});
    EXPECT_OK(source);
    IngestOptions options;
    options.threads = threads;
    options.batch_size = 7;
    options.process.parse.max_message_bytes = max;
    auto s = ingest(**source, ports, options);
    EXPECT_OK(s);
    return s.value_or(IngestSummary{});
  }
  ProcessPorts ports() { return ProcessPorts{*store_, nullptr, nullptr, nullptr}; }

  TempDir dir_;
  TempDir input_;
  std::unique_ptr<SqliteEmailStore> store_;
};

TEST_F(IngestTest, ReingestingAddsNothing) {
  for (int i = 0; i < 40; ++i) input_.write("m/" + std::to_string(100 + i) + ".eml", message(i));
  auto first = run({input_.str()}, ports());
  EXPECT_EQ(first.added, 40);
  auto second = run({input_.str()}, ports(), 1);
  EXPECT_EQ(second.added, 0);
  EXPECT_EQ(second.duplicates, 40);
  EXPECT_EQ(store_->stats()->messages, 40);
}

TEST_F(IngestTest, SerialAndParallelStoreTheSameInSourceOrder) {
  for (int i = 0; i < 30; ++i) input_.write(std::to_string(100 + i) + ".eml", message(i));
  auto s = run({input_.str()}, ports(), 4);
  EXPECT_EQ(s.added, 30);
  auto rows = store_->list(ListQuery{.limit = 100});
  ASSERT_EQ(rows->size(), 30u);
  // Same date for all: newest-first falls back to id order, which follows the sorted file names.
  EXPECT_EQ(rows->back().subject, "Job 0");
  EXPECT_EQ(rows->front().subject, "Job 29");
}

TEST_F(IngestTest, BadInputGetsAClearOutcome) {
  input_.write("01-empty.eml", "");
  input_.write("02-binary.bin", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16));
  input_.write("03-nul.eml", std::string("From: a@b.example\nSubject: nul\n\nbefore\0after\n", 46));
  std::string nested = "From: a@b.example\nSubject: deep\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n";
  for (int i = 0; i < 10000; ++i) {
    nested += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) + "\n\n";
  }
  nested += "--b10000\nContent-Type: text/plain\n\ndeep text\n";
  input_.write("04-nested.eml", nested);
  input_.write("05-huge.eml", message(5) + std::string(3000, 'x'));
  input_.write("06-bigheader.eml", "From: a@b.example\nX-Big: " + std::string(1 << 20, 'h') + "\nSubject: big\n\nbody\n");
  input_.write("07-base64.eml",
               "From: a@b.example\nSubject: b64\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
               "SGVsbG8g!!!not*base64@@@\nd29ybGQ=\n");
  input_.write("08-charset.eml",
               "From: a@b.example\nSubject: cs\nContent-Type: text/plain; charset=x-unknown-foo\n\ncaf\xe9\n");
  auto s = run({input_.str()}, ports(), 2, /*max=*/1 << 21);
  EXPECT_EQ(s.failed, 0);
  ASSERT_EQ(s.skipped.size(), 2u);
  EXPECT_EQ(s.skipped[0].reason, "empty file");
  EXPECT_NE(s.skipped[1].reason.find("not an email"), std::string::npos);
  EXPECT_EQ(s.added, 6);  // nul, nested, bigheader, base64, charset, and huge (under this limit)
  // Over a smaller limit, the huge one goes to quarantine without reading it.
  TempDir other;
  other.write("huge.eml", message(5) + std::string(3000, 'x'));
  auto q = run({other.str()}, ports(), 1, /*max=*/1000);
  EXPECT_EQ(q.quarantined, 1);
  auto entries = store_->quarantined(10, 0);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_NE(entries->at(0).reason.find("over the limit"), std::string::npos);
  auto rows = store_->list(ListQuery{.limit = 100});
  ASSERT_OK(rows);
  for (const auto& row : *rows) {
    auto e = store_->get(row.id);
    ASSERT_OK(e);
    EXPECT_TRUE(is_valid_utf8(e->email.text_body)) << row.subject;
  }
}

TEST_F(IngestTest, GarbageFromStdinIsQuarantinedWithItsBytes) {
  auto source = memory_source(std::string("\x01\x02\x03 not mail at all \xff\xfe", 22), "stdin", {});
  IngestOptions options;
  options.threads = 1;
  auto s = ingest(*source, ports(), options);
  ASSERT_OK(s);
  EXPECT_EQ(s->quarantined, 1);
  auto entries = store_->quarantined(10, 0);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_TRUE(entries->at(0).raw_kept);
  EXPECT_EQ(store_->quarantined_raw(entries->at(0).id)->size(), 22u);
}

TEST_F(IngestTest, FailingClassifierNeverLosesTheEmail) {
  input_.write("1.eml", message(1));
  FailingClassifier classifier;
  ProcessPorts p{*store_, &classifier, nullptr, nullptr};
  auto s = run({input_.str()}, p);
  EXPECT_EQ(s.added, 1);
  EXPECT_EQ(s.degraded, 1);
  ASSERT_EQ(s.degraded_notes.size(), 1u);
  EXPECT_NE(s.degraded_notes[0].reason.find("model unreachable"), std::string::npos);
  EXPECT_EQ(store_->stats()->unclassified, 1);
}

TEST_F(IngestTest, ClassifierAndEmbedderResultsAreRecordedAndPublished) {
  for (int i = 0; i < 5; ++i) input_.write(std::to_string(i) + ".eml", message(i));
  ConstantClassifier classifier;
  CountingEmbedder embedder;
  InProcessBus bus;
  int vectors = 0, contacts = 0;
  bus.subscribe(events::kVectorReady, [&](const Event& e) -> Result<void> {
    EXPECT_EQ(e.model, "count-2");
    EXPECT_EQ(e.vector.size(), 2u);
    ++vectors;
    return ok();
  });
  bus.subscribe(events::kContactSeen, [&](const Event& e) -> Result<void> {
    EXPECT_NE(e.detail.find("@contractor.example"), std::string::npos);
    ++contacts;
    return ok();
  });
  ProcessPorts p{*store_, &classifier, &embedder, &bus};
  auto s = run({input_.str()}, p, 3);
  EXPECT_EQ(s.added, 5);
  EXPECT_EQ(vectors, 5);
  EXPECT_EQ(contacts, 5);
  EXPECT_EQ(classifier.calls, 5);
  EXPECT_EQ(store_->stats()->unclassified, 0);
  // Duplicates derive nothing again.
  run({input_.str()}, p, 1);
  EXPECT_EQ(vectors, 5);
}

TEST_F(IngestTest, ProcessStoresBeforeDeriving) {
  ConstantClassifier classifier;
  ProcessPorts p{*store_, &classifier, nullptr, nullptr};
  auto r = process(message(9), IngestMeta{"stdin", 0}, p, {});
  EXPECT_EQ(r.outcome, Outcome::kNew);
  auto again = process(message(9), IngestMeta{"stdin", 0}, p, {});
  EXPECT_EQ(again.outcome, Outcome::kDuplicate);
  EXPECT_EQ(again.id, r.id);
  EXPECT_EQ(classifier.calls, 1);
  EXPECT_EQ(store_->get(r.id)->classification->label, Label::kOperational);
}

}  // namespace
}  // namespace mailsift

namespace mailsift {
namespace {

TEST(ProcessTest, KnownHashesSkipParsingButAPrefixMatchStillStores) {
  testing::TempDir dir;
  auto store = std::move(SqliteEmailStore::open((dir.path() / "db").string()).value());
  ProcessPorts ports{*store, nullptr, nullptr, nullptr};
  ProcessOptions options;
  std::string raw = message(1);
  // The prefix of this message's hash is "known" although the message is not stored.
  std::vector<uint64_t> known = {hash_prefix(content_hash(raw))};
  options.stored_hashes = &known;
  Prepared p = prepare(raw, IngestMeta{"t", 1}, ports, options);
  EXPECT_TRUE(p.probably_stored);
  EXPECT_FALSE(p.email);  // not parsed
  auto r = commit(std::move(p), ports, options);
  EXPECT_EQ(r.outcome, Outcome::kNew);
  // Now it is stored: the same bytes are a duplicate without being parsed.
  Prepared again = prepare(raw, IngestMeta{"t", 2}, ports, options);
  EXPECT_TRUE(again.probably_stored);
  auto d = commit(std::move(again), ports, options);
  EXPECT_EQ(d.outcome, Outcome::kDuplicate);
  EXPECT_EQ(d.id, r.id);
}

}  // namespace
}  // namespace mailsift
