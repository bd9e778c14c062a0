#include "search/query.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "search/fts_query.h"
#include "support/test_support.h"

namespace mailsift::search {
namespace {

const UnixTime kNow = unix_from_civil(2026, 6, 15);

TEST(QueryParserTest, FreeWordsAndPhrases) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse(R"(invoice  "still outstanding" BWU-4471)");
  ASSERT_OK(q);
  EXPECT_EQ(q->words, (std::vector<std::string>{"invoice", "BWU-4471"}));
  EXPECT_EQ(q->phrases, (std::vector<std::string>{"still outstanding"}));
  EXPECT_TRUE(q->filters.empty());
}

TEST(QueryParserTest, Prefixes) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse(R"(from:brightwire to:"Accounts Payable" subject:invoice class:BUSINESS thread:42 has:attachment is:list id:<abc@x> date:2025-01-01..2025-03-31 words)");
  ASSERT_OK(q);
  ASSERT_EQ(q->filters.from.size(), 1u);
  EXPECT_EQ(q->filters.from[0].text, "brightwire");
  ASSERT_EQ(q->filters.to.size(), 1u);
  EXPECT_EQ(q->filters.to[0].text, "Accounts Payable");
  EXPECT_EQ(q->filters.subject, (std::vector<std::string>{"invoice"}));
  EXPECT_EQ(q->filters.label, Label::kBusiness);
  EXPECT_EQ(q->filters.thread_id, 42);
  EXPECT_EQ(q->filters.message_id, "abc@x");
  EXPECT_TRUE(q->filters.has_attachment);
  EXPECT_TRUE(q->filters.is_list);
  EXPECT_EQ(q->filters.since, unix_from_civil(2025, 1, 1));
  EXPECT_EQ(q->filters.until, unix_from_civil(2025, 3, 31) + 86399);
  EXPECT_EQ(q->words, (std::vector<std::string>{"words"}));
}

TEST(QueryParserTest, PrefixesAreCaseInsensitive) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse("FROM:x Class:noise");
  ASSERT_OK(q);
  EXPECT_EQ(q->filters.from.size(), 1u);
  EXPECT_EQ(q->filters.label, Label::kNoise);
}

TEST(QueryParserTest, OpenEndedAndSingleDates) {
  QuerySyntax syntax(kNow);
  auto a = syntax.parse("date:2025-06..");
  ASSERT_OK(a);
  EXPECT_EQ(a->filters.since, unix_from_civil(2025, 6, 1));
  EXPECT_FALSE(a->filters.until);
  auto b = syntax.parse("date:..2025-06");
  ASSERT_OK(b);
  EXPECT_FALSE(b->filters.since);
  EXPECT_EQ(b->filters.until, unix_from_civil(2025, 7, 1) - 1);
  auto c = syntax.parse("date:2025-06");
  ASSERT_OK(c);
  EXPECT_EQ(c->filters.since, unix_from_civil(2025, 6, 1));
  EXPECT_EQ(c->filters.until, unix_from_civil(2025, 7, 1) - 1);
  EXPECT_FALSE(syntax.parse("date:2025-06..2025-01").has_value());
  EXPECT_FALSE(syntax.parse("date:yesterdayish").has_value());
}

TEST(QueryParserTest, UnknownPrefixListsTheKnownOnes) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse("form:brightwire");
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().code, Code::kInvalidArgument);
  EXPECT_NE(q.error().message.find("form:"), std::string::npos);
  for (const char* p : {"from:", "to:", "subject:", "class:", "thread:", "has:", "is:", "date:"}) {
    EXPECT_NE(q.error().hint.find(p), std::string::npos) << p;
  }
}

TEST(QueryParserTest, BadValuesAreClearErrors) {
  QuerySyntax syntax(kNow);
  EXPECT_FALSE(syntax.parse("class:urgent").has_value());
  EXPECT_FALSE(syntax.parse("has:photo").has_value());
  EXPECT_FALSE(syntax.parse("is:unread").has_value());
  EXPECT_FALSE(syntax.parse("thread:abc").has_value());
  EXPECT_FALSE(syntax.parse("from:").has_value());
}

TEST(QueryParserTest, ColonsInTextAreNotPrefixes) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse("meeting at 10:30 Re: https://example.org/x");
  ASSERT_OK(q);
  EXPECT_EQ(q->words, (std::vector<std::string>{"meeting", "at", "10:30", "Re:", "https://example.org/x"}));
}

TEST(QueryParserTest, UnbalancedQuotesRunToTheEnd) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse(R"(invoice "still outstanding)");
  ASSERT_OK(q);
  EXPECT_EQ(q->phrases, (std::vector<std::string>{"still outstanding"}));
  EXPECT_FALSE(q->notes.empty());
  auto v = syntax.parse(R"(from:"Dean Hollis)");
  ASSERT_OK(v);
  EXPECT_EQ(v->filters.from[0].text, "Dean Hollis");
}

TEST(QueryParserTest, RegisteredAddressSchemeAndPrefix) {
  QuerySyntax syntax(kNow);
  syntax.add_address_scheme("contractor", [](std::string_view id) -> Result<AddressFilter> {
    if (id != "C-1") return fail(Code::kNotFound, "no contractor " + std::string(id));
    AddressFilter f;
    f.domains = {"brightwire.example"};
    return f;
  });
  auto q = syntax.parse("from:contractor:C-1 invoice");
  ASSERT_OK(q);
  EXPECT_EQ(q->filters.from[0].domains, (std::vector<std::string>{"brightwire.example"}));
  EXPECT_FALSE(syntax.parse("from:contractor:C-2").has_value());
  EXPECT_FALSE(syntax.parse("from:supplier:C-1").has_value());

  syntax.add_prefix("tag", "a tag", [](std::string_view v, ParsedQuery& pq) -> Result<void> {
    pq.words.push_back("tagged-" + std::string(v));
    return ok();
  });
  auto t = syntax.parse("tag:urgent");
  ASSERT_OK(t);
  EXPECT_EQ(t->words, (std::vector<std::string>{"tagged-urgent"}));
  EXPECT_NE(syntax.prefix_list().find("tag:"), std::string::npos);
}

TEST(QueryParserTest, LongQueriesHaveALimit) {
  QuerySyntax syntax(kNow);
  std::string ten_kb;
  while (ten_kb.size() < 10240) ten_kb += "payment ";
  EXPECT_TRUE(syntax.parse(ten_kb).has_value());
  std::string huge(kMaxQueryBytes + 1, 'a');
  auto q = syntax.parse(huge);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().code, Code::kTooLarge);
}

}  // namespace
TEST(RankingQueryTest, SingleWordsAreMarkedPrunable) {
  QuerySyntax syntax(kNow);
  auto q = syntax.parse("the invoice BWU-4471 \"site visit\"");
  ASSERT_TRUE(q.has_value());
  RankingQuery r = ranking_query(*q);
  ASSERT_EQ(r.parts.size(), 3u);
  EXPECT_EQ(r.parts[0].expr, "\"invoice\"");
  EXPECT_TRUE(r.parts[0].single_word);
  EXPECT_EQ(r.parts[1].expr, "\"bwu 4471\"");
  EXPECT_FALSE(r.parts[1].single_word);  // several tokens: a phrase
  EXPECT_EQ(r.parts[2].expr, "\"site visit\"");
  EXPECT_FALSE(r.parts[2].single_word);
  EXPECT_EQ(r.match, "\"invoice\" OR \"bwu 4471\" OR \"site visit\"");
}

TEST(RankingQueryTest, CommonWordsOnlyRankTheRareOnesMatches) {
  std::vector<RankingPart> parts = {{"\"made\"", true}, {"\"alsa\"", true}, {"\"easy\"", true}};
  // Nothing above the limit (or not counted): the plain OR.
  EXPECT_EQ(pruned_match(parts, {10, 5, 10}, 10), "\"made\" OR \"alsa\" OR \"easy\"");
  EXPECT_EQ(pruned_match(parts, {-1, -1, -1}, 10), "\"made\" OR \"alsa\" OR \"easy\"");
  // Common words rank the messages the rare word selects.
  EXPECT_EQ(pruned_match(parts, {11, 5, 400}, 10), "(\"alsa\") OR ((\"alsa\") AND (\"made\" OR \"easy\"))");
  // Every word common: the rarest one selects.
  EXPECT_EQ(pruned_match(parts, {300, 200, 400}, 10), "(\"alsa\") OR ((\"alsa\") AND (\"made\" OR \"easy\"))");
  EXPECT_EQ(pruned_match(parts, {30, 200, 20}, 10), "(\"easy\") OR ((\"easy\") AND (\"made\" OR \"alsa\"))");
  // Phrases and words of several tokens are never common, whatever their count.
  std::vector<RankingPart> mixed = {{"\"site visit\"", false}, {"\"report\"", true}, {"\"bwu 4471\"", false}};
  EXPECT_EQ(pruned_match(mixed, {900, 900, 900}, 10),
            "(\"site visit\" OR \"bwu 4471\") OR ((\"site visit\" OR \"bwu 4471\") AND (\"report\"))");
  EXPECT_EQ(pruned_match({{"\"report\"", true}}, {900}, 10), "\"report\"");
}

TEST(RankingQueryTest, RareWordsSelectWithinTheRowBudget) {
  std::vector<RankingPart> parts = {{"\"made\"", true}, {"\"alsa\"", true}, {"\"easy\"", true}};
  // Rarest first while the rows fit: "alsa" (5), then "easy" (8) would make 13.
  EXPECT_EQ(pruned_match(parts, {10, 5, 8}, 10, 12), "(\"alsa\") OR ((\"alsa\") AND (\"made\" OR \"easy\"))");
  EXPECT_EQ(pruned_match(parts, {10, 5, 8}, 10, 13), "(\"alsa\" OR \"easy\") OR ((\"alsa\" OR \"easy\") AND (\"made\"))");
  // The rarest selects even when it alone is over the budget; no budget: every rare word.
  EXPECT_EQ(pruned_match(parts, {10, 5, 8}, 10, 1), "(\"alsa\") OR ((\"alsa\") AND (\"made\" OR \"easy\"))");
  EXPECT_EQ(pruned_match(parts, {10, 5, 8}, 10, 0), "\"made\" OR \"alsa\" OR \"easy\"");
}

}  // namespace mailsift::search
