#include "core/strings.h"

#include "support/test_support.h"

namespace mailsift {
namespace {

TEST(StringsTest, CaseFolding) {
  EXPECT_EQ(to_lower("Hello-WORLD é"), "hello-world é");
  EXPECT_TRUE(iequals("List-Id", "list-id"));
  EXPECT_FALSE(iequals("List-Id", "list-ids"));
  EXPECT_TRUE(istarts_with("Content-Type", "content-"));
  EXPECT_TRUE(icontains("Re: Invoice 4471", "INVOICE"));
}

TEST(StringsTest, SplitJoinTrim) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("a,,b", ',', true), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(join({"a", "b"}, ", "), "a, b");
  EXPECT_EQ(trim("  x y \r\n"), "x y");
  EXPECT_EQ(collapse_whitespace("  a \n\n b\tc "), "a b c");
}

TEST(StringsTest, Utf8Repair) {
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9"));
  EXPECT_FALSE(is_valid_utf8("caf\xE9"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));    // surrogate
  EXPECT_EQ(make_valid_utf8("caf\xE9!"), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(make_valid_utf8(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(utf8_prefix("\xC3\xA9\xC3\xA9", 3), "\xC3\xA9");
}

TEST(StringsTest, Sha256) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(StringsTest, QuoteEscapesControlCharacters) {
  EXPECT_EQ(quote("a\"b\n\x01"), "\"a\\\"b\\n\\u0001\"");
}

}  // namespace
}  // namespace mailsift
