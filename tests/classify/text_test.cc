// Tokenizer normalisation: what the local classifier reads in a text.
#include "classify/text.h"

#include <gtest/gtest.h>

namespace mailsift::classify {
namespace {

std::vector<std::string> tokens(std::string_view text, size_t max = 100) {
  TokenBuffer buf;
  tokenize(text, max, buf);
  std::vector<std::string> out;
  for (size_t i = 0; i < buf.size(); ++i) out.emplace_back(buf[i]);
  return out;
}

using V = std::vector<std::string>;

TEST(TokenizeTest, LowerCasesAndSplitsOnPunctuation) {
  EXPECT_EQ(tokens("Hello, World! Re-send (please)."), (V{"hello", "world", "re", "send", "please"}));
}

TEST(TokenizeTest, DigitRunsBecomeZero) {
  EXPECT_EQ(tokens("Invoice 2002-10-31 for Q3 costs 1,250"), (V{"invoice", "0", "0", "0", "for", "q0", "costs", "0", "0"}));
}

TEST(TokenizeTest, UrlsAndAddressesAreMasked) {
  EXPECT_EQ(tokens("see https://example.com/a?b=1 or www.example.org, mail ops@kestrel.example"),
            (V{"see", "<url>", "or", "<url>", "mail", "<email>"}));
}

TEST(TokenizeTest, HostNamesAreDroppedFileNamesKept) {
  EXPECT_EQ(tokens("from enron.com send report.pdf now"), (V{"from", "send", "<file>", "now"}));
}

TEST(TokenizeTest, CurrencyBecomesMoney) {
  EXPECT_EQ(tokens("only \xC2\xA3" "99 today"), (V{"only", "0", "<money>", "today"}));
  EXPECT_EQ(tokens("$5"), (V{"0", "<money>"}));
}

TEST(TokenizeTest, ApostrophesJoinAndQuotesSeparate) {
  EXPECT_EQ(tokens("don't \xE2\x80\x9Cquoted\xE2\x80\x9D it\xE2\x80\x99s"), (V{"dont", "quoted", "its"}));
}

TEST(TokenizeTest, LatinOneCapitalsAreLowered) {
  EXPECT_EQ(tokens("\xC3\x89T\xC3\x89"), (V{"\xC3\xA9t\xC3\xA9"}));  // ÉTÉ -> été
}

TEST(TokenizeTest, SkipsOneLetterWordsAndJunk) {
  EXPECT_EQ(tokens("a b dGhpcyBpcyBiYXNlNjQgZW5jb2RlZCBqdW5r ok"), (V{"ok"}));
}

TEST(TokenizeTest, StopsAtTheLimit) {
  EXPECT_EQ(tokens("one two three four", 2), (V{"one", "two"}));
}

TEST(TokenizeTest, InvalidUtf8DoesNotCrash) {
  auto t = tokens(std::string("ab\xC3", 3) + " \xFF\xFE cd");
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.back(), "cd");
}

TEST(FeatureHashTest, PiecesHashLikeTheWhole) {
  EXPECT_EQ(FeatureHash().add("w:").add("invoice").value(), feature_id("w:invoice"));
  EXPECT_NE(feature_id("w:invoice"), feature_id("s:invoice"));
}

}  // namespace
}  // namespace mailsift::classify
