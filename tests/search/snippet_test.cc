#include "search/snippet.h"

#include <gtest/gtest.h>

#include "search/fts_query.h"
#include "search/text.h"

namespace mailsift::search {
namespace {

TEST(SnippetTest, MarksMatchingWordsByStem) {
  std::unordered_set<std::string> stems = {stem("invoices"), stem("outstanding")};
  std::string s = make_snippet("Hello,\n\nour invoice BWU-4471 is still outstanding after 60 days.", stems, 30);
  EXPECT_NE(s.find("[[invoice]]"), std::string::npos) << s;
  EXPECT_NE(s.find("[[outstanding]]"), std::string::npos) << s;
  EXPECT_EQ(s.find('\n'), std::string::npos);
}

TEST(SnippetTest, WindowAroundTheMatches) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "filler ";
  text += "the cable strike happened here ";
  for (int i = 0; i < 200; ++i) text += "filler ";
  std::string s = make_snippet(text, {stem("strike")}, 10);
  EXPECT_NE(s.find("[[strike]]"), std::string::npos);
  EXPECT_EQ(s.rfind("… ", 0), 0u);
}

TEST(SnippetTest, AMatchPastTheFirstKilobytesIsFound) {
  std::string text;
  for (int i = 0; i < 1200; ++i) text += "filler ";  // 8.4 kB
  text += "the cable strike happened here";
  std::string s = make_snippet(text, {stem("strike")}, 10);
  EXPECT_NE(s.find("[[strike]]"), std::string::npos) << s;
}

TEST(SnippetTest, NoMatchGivesTheStart) {
  EXPECT_EQ(make_snippet("one two three", {}, 2), "one two …");
  EXPECT_EQ(make_snippet("", {}, 5), "");
}

TEST(TextTest, TokensStemsAndStopWords) {
  EXPECT_EQ(terms("The Payments were LATE, and don't"), (std::vector<std::string>{"payment", "late"}));
  EXPECT_TRUE(is_stop_word("the"));
  EXPECT_FALSE(is_stop_word("invoice"));
}

std::vector<std::string> prose(std::string_view text) {
  std::string lowered;
  std::vector<std::string_view> toks;
  tokenize_prose(text, lowered, toks);
  return {toks.begin(), toks.end()};
}

TEST(TextTest, ProseLeavesOutLinksAndAddresses) {
  EXPECT_EQ(prose("Toddler falls\nURL: http://www.newsisfree.com/click/-1,8398676,1717/ (see <www.example.org/a>)"),
            (std::vector<std::string>{"toddler", "falls", "url", "see"}));
  EXPECT_EQ(prose("Mail <ann.lee@example.com> or ann@example.com today"), (std::vector<std::string>{"mail", "today"}));
  // An '@' without a word on both sides, and "www" alone, are words of the text.
  EXPECT_EQ(prose("meet @ noon, @home, www rules"), (std::vector<std::string>{"meet", "noon", "home", "www", "rules"}));
  EXPECT_EQ(prose("http://"), std::vector<std::string>{});
  EXPECT_EQ(prose("@"), std::vector<std::string>{});
  EXPECT_EQ(prose("a@"), std::vector<std::string>{});
}

TEST(FtsQuoteTest, QuotesAreDoubled) {
  EXPECT_EQ(fts_quote(R"(say "hi")"), R"("say ""hi""")");
  EXPECT_EQ(fts_quote("NEAR(a b)"), "\"NEAR(a b)\"");
  EXPECT_FALSE(has_token("*:-()^\""));
  EXPECT_TRUE(has_token("é"));
}

}  // namespace
}  // namespace mailsift::search
