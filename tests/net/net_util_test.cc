// Encoding, URL, environment and redaction helpers.
#include <gtest/gtest.h>

#include "net/encoding.h"
#include "net/env.h"
#include "net/http_client.h"
#include "net/redact.h"
#include "net/url.h"
#include "support/test_support.h"

namespace mailsift::net {
namespace {

TEST(EncodingTest, PercentEncodesAllButUnreserved) {
  EXPECT_EQ(percent_encode("a b/c:d~e"), "a%20b%2Fc%3Ad~e");
  EXPECT_EQ(percent_encode("/model/x:0", true), "/model/x%3A0");
  EXPECT_EQ(percent_encode("\xE1\x88\xB4"), "%E1%88%B4");
  EXPECT_EQ(percent_decode("%E1%88%B4=x%2"), "\xE1\x88\xB4=x%2");
  EXPECT_EQ(percent_decode("a+b%20c"), "a+b c");
}

TEST(EncodingTest, Base64RoundTrips) {
  for (std::string s :
       std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\x10", 3)}) {
    auto decoded = base64_decode(base64_encode(s));
    ASSERT_OK(decoded);
    EXPECT_EQ(*decoded, s);
  }
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(*base64_decode("Zm9vYg"), "foob");  // padding optional
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());
}

TEST(UrlTest, ParsesPartsAndAuthority) {
  auto u = parse_url("http://127.0.0.1:8080/v1/chat?x=1#frag");
  ASSERT_OK(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->path, "/v1/chat");
  EXPECT_EQ(u->query, "x=1");
  EXPECT_EQ(u->authority(), "127.0.0.1:8080");
  auto b = parse_url("https://Bedrock-Runtime.us-east-1.amazonaws.com");
  ASSERT_OK(b);
  EXPECT_EQ(b->path, "/");
  EXPECT_EQ(b->authority(), "bedrock-runtime.us-east-1.amazonaws.com");
  EXPECT_EQ(parse_url("https://h:443/")->authority(), "h");
  EXPECT_EQ(parse_url("http://[::1]:11434/v1")->host, "[::1]");
  EXPECT_FALSE(parse_url("localhost:11434").has_value());
  EXPECT_FALSE(parse_url("ftp://x/").has_value());
  EXPECT_EQ(join_url("http://h/v1/", "/chat/completions"), "http://h/v1/chat/completions");
}

TEST(EnvTest, MapLookupAndEmptyValues) {
  auto env = env_from_map({{"A", "1"}, {"EMPTY", ""}});
  EXPECT_EQ(env_value(env, "A"), "1");
  EXPECT_FALSE(env_value(env, "EMPTY").has_value());
  EXPECT_FALSE(env_value(env, "B").has_value());
  EXPECT_FALSE(env_value(empty_env(), "A").has_value());
}

TEST(RedactTest, SecretHeadersAndParameters) {
  EXPECT_TRUE(is_secret_header("Authorization"));
  EXPECT_TRUE(is_secret_header("X-API-Key"));
  EXPECT_TRUE(is_secret_header("x-amz-security-token"));
  EXPECT_FALSE(is_secret_header("Content-Type"));
  EXPECT_EQ(redact_url("https://h/p?key=abc&x=1&X-Amz-Signature=ff"),
            "https://h/p?key=[REDACTED]&x=1&X-Amz-Signature=[REDACTED]");
  std::string lines = describe_headers({{"Authorization", "Bearer sk-secret-123"}, {"Accept", "a"}});
  EXPECT_EQ(lines.find("sk-secret"), std::string::npos);
  EXPECT_NE(lines.find("Accept: a"), std::string::npos);
}

TEST(RedactTest, ScrubRemovesWholeValuesAndTokens) {
  HttpRequest req;
  req.url = "https://api.example.com/v1?api_key=qwertyuiop";
  req.headers = {{"Authorization", "Bearer sk-abcdefghijkl"}, {"Content-Type", "application/json"}};
  std::string echoed = "Incorrect API key provided: sk-abcdefghijkl (header 'Bearer sk-abcdefghijkl'), qwertyuiop";
  std::string s = scrub(echoed, req);
  EXPECT_EQ(s.find("sk-abcdefghijkl"), std::string::npos) << s;
  EXPECT_EQ(s.find("qwertyuiop"), std::string::npos) << s;
  EXPECT_NE(s.find("Incorrect API key provided"), std::string::npos);
}

TEST(RetryAfterTest, ParsesSecondsAndHttpDates) {
  EXPECT_EQ(parse_retry_after("3", 0), std::chrono::milliseconds(3000));
  EXPECT_EQ(parse_retry_after(" 1.5 ", 0), std::chrono::milliseconds(1500));
  // 784111777 = Sun, 06 Nov 1994 08:49:37 GMT
  const UnixTime t = 784111777;
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", t), std::chrono::milliseconds(10000));
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", t), std::chrono::milliseconds(10000));
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:47 1994", t), std::chrono::milliseconds(10000));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", t), std::chrono::milliseconds(0));
  EXPECT_FALSE(parse_retry_after("soon", t).has_value());
  EXPECT_FALSE(parse_retry_after("", t).has_value());
}

}  // namespace
}  // namespace mailsift::net
