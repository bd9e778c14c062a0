// Bad queries: every one gets results or a clear message, never an SQL or FTS5 error.
#include <gtest/gtest.h>

#include "search_fixture.h"

namespace mailsift::search {
namespace {

class EscapingTest : public ::testing::TestWithParam<SearchMode> {
 protected:
  static void SetUpTestSuite() {
    fixture = new testing::SearchFixture();
    testing::add_topic_corpus(*fixture);
    fixture->add({"Odd: \"quotes\" (parens) NEAR/2 ^caret *star -minus", "AND OR NOT NEAR the body: col:on"});
    fixture->fit_and_index();
    searcher = fixture->searcher().release();
  }
  static void TearDownTestSuite() {
    delete searcher;
    delete fixture;
  }
  Result<SearchResponse> run(const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.mode = GetParam();
    return searcher->search(r);
  }
  static testing::SearchFixture* fixture;
  static Searcher* searcher;
};
testing::SearchFixture* EscapingTest::fixture = nullptr;
Searcher* EscapingTest::searcher = nullptr;

TEST_P(EscapingTest, FtsSyntaxCharactersAreText) {
  for (const char* q : {"\"", "\"\"", "*", "invoice*", "NEAR", "NEAR(invoice payment)", "invoice NEAR/2 payment", "-",
                        "-invoice", ":", "subject :invoice", "(", ")", "(invoice", "^", "^invoice", "AND", "OR",
                        "NOT", "invoice AND OR NOT", "a:b", "{subject}:x", "col:on", "+", "'", "\\", "%", "_",
                        "invoice'; DROP TABLE messages; --", "\"unbalanced", "unbalanced\"", "from:\"x", "é ü ß 日本",
                        "\xff\xfe invalid utf8", "parens) NEAR/2 ^caret"}) {
    auto r = run(q);
    if (!r) {
      EXPECT_EQ(r.error().code, Code::kInvalidArgument) << q << ": " << r.error().to_string();
      EXPECT_EQ(r.error().message.find("SQL"), std::string::npos) << q;
      EXPECT_EQ(r.error().message.find("fts5"), std::string::npos) << q;
    }
  }
  auto odd = run("\"(parens) NEAR/2\"");
  ASSERT_OK(odd);
  ASSERT_FALSE(odd->hits.empty());
  EXPECT_EQ(odd->hits[0].subject.rfind("Odd:", 0), 0u);
}

TEST_P(EscapingTest, EmptyAndStopWordQueriesSaySo) {
  for (const char* q : {"", "   ", "the and of", "\"\"", "\" \""}) {
    auto r = run(q);
    ASSERT_OK(r);
    EXPECT_TRUE(r->hits.empty()) << q;
    ASSERT_FALSE(r->notes.empty()) << q;
  }
}

TEST_P(EscapingTest, TenKilobyteQueryWorks) {
  std::string q;
  int i = 0;
  while (q.size() < 10240) q += "invoice payment storm word" + std::to_string(i++) + " ";
  auto r = run(q);
  ASSERT_OK(r);
  EXPECT_FALSE(r->hits.empty());
  bool noted = false;
  for (const auto& n : r->notes) noted |= n.find("64") != std::string::npos;
  if (GetParam() != SearchMode::kVector) {
    EXPECT_TRUE(noted);
  }
}

TEST_P(EscapingTest, UnknownPrefixIsAnErrorListingPrefixes) {
  auto r = run("sender:brightwire");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().hint.find("from:"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Modes, EscapingTest,
                         ::testing::Values(SearchMode::kBm25, SearchMode::kVector, SearchMode::kHybrid),
                         [](const auto& info) { return std::string(mode_name(info.param)); });

}  // namespace
}  // namespace mailsift::search
