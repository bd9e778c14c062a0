// Hostile and broken input: each case has one clear outcome, and none may crash, hang or grow
// memory without bound (the sanitizer build runs these too).
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/strings.h"
#include "mime/parser.h"
#include "support/test_support.h"

namespace mailsift::mime {
namespace {

using namespace std::string_view_literals;
using namespace std::string_literals;

bool has_warning(const Email& e, std::string_view text) {
  for (const auto& w : e.warnings) {
    if (icontains(w, text)) return true;
  }
  return false;
}

TEST(BadInput, EmptyInputIsAParseError) {
  for (std::string_view raw : {""sv, "\n\n\r\n"sv, "   \t "sv, "\xEF\xBB\xBF"sv}) {
    auto r = parse_message(raw);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Code::kParse);
    EXPECT_NE(r.error().message.find("empty"), std::string::npos) << r.error().message;
  }
}

TEST(BadInput, BinaryGarbageIsAParseError) {
  std::mt19937 rng(42);
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  garbage[0] = '\x89';  // not a header name character
  auto r = parse_message(garbage);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kParse);
  EXPECT_NE(r.error().message.find("no header block"), std::string::npos);

  auto text = parse_message("just some words, not an e-mail\nsecond line\n");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, Code::kParse);
}

TEST(BadInput, NulBytesNeitherTruncateNorLeakIntoText) {
  std::string raw = "From: a@example.com\nSubject: hel\0lo\nX-After: still here\n\nfirst\0 line\nsecond line\n"s;
  auto r = parse_message(raw);
  ASSERT_OK(r);
  EXPECT_EQ(r->subject, "hello");
  ASSERT_NE(r->header("X-After"), nullptr);
  EXPECT_EQ(r->header("X-After")->value, "still here");
  EXPECT_NE(r->text_body.find("first line"), std::string::npos);
  EXPECT_NE(r->text_body.find("second line"), std::string::npos);
  EXPECT_EQ(r->text_body.find('\0'), std::string::npos);
  EXPECT_TRUE(has_warning(*r, "NUL"));
}

std::string nested_multiparts(int depth) {
  std::string raw = "From: a@example.com\nSubject: deep\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n";
  for (int i = 1; i <= depth; ++i) {
    raw +=
        "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n";
  }
  raw += "--b" + std::to_string(depth) + "\nContent-Type: text/plain\n\ninnermost\n";
  for (int i = depth; i >= 0; --i) raw += "--b" + std::to_string(i) + "--\n";
  return raw;
}

TEST(BadInput, TenThousandNestedMultipartsAreCappedQuickly) {
  std::string raw = nested_multiparts(10000);
  auto start = std::chrono::steady_clock::now();
  auto r = parse_message(raw);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_OK(r);
  EXPECT_EQ(r->subject, "deep");
  EXPECT_TRUE(has_warning(*r, "nesting")) << join(r->warnings, "; ");
  EXPECT_EQ(r->text_body.find("innermost"), std::string::npos);  // below max_depth
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 20);
}

TEST(BadInput, NestingWithinMaxDepthIsFollowed) {
  auto r = parse_message(nested_multiparts(10));
  ASSERT_OK(r);
  EXPECT_EQ(trim(r->text_body), "innermost");
  ParseOptions shallow;
  shallow.max_depth = 3;
  auto capped = parse_message(nested_multiparts(10), shallow);
  ASSERT_OK(capped);
  EXPECT_TRUE(capped->text_body.empty());
  EXPECT_TRUE(has_warning(*capped, "nesting deeper than 3"));
}

TEST(BadInput, TooManyPartsAreIgnoredWithAWarning) {
  std::string raw = "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 50; ++i) raw += "--b\nContent-Type: application/octet-stream\n\nx\n";
  raw += "--b--\n";
  ParseOptions options;
  options.max_parts = 10;
  auto r = parse_message(raw, options);
  ASSERT_OK(r);
  EXPECT_LE(r->attachments.size(), 10u);
  EXPECT_TRUE(has_warning(*r, "MIME parts"));
}

TEST(BadInput, OverTheSizeLimitIsTooLarge) {
  ParseOptions options;
  options.max_message_bytes = 1000;
  std::string raw = "From: a@example.com\n\n" + std::string(2000, 'x');
  auto r = parse_message(raw, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kTooLarge);
  EXPECT_EQ(extract_attachment(raw, 0, options).error().code, Code::kTooLarge);
}

TEST(BadInput, OneMegabyteHeaderLineIsKeptBounded) {
  std::string raw = "From: a@example.com\nSubject: " + std::string(1 << 20, 'x') + "\nX-Next: ok\n\nbody\n";
  auto r = parse_message(raw);
  ASSERT_OK(r);
  EXPECT_LE(r->subject.size(), 64u * 1024);
  EXPECT_GT(r->subject.size(), 1000u);
  ASSERT_NE(r->header("X-Next"), nullptr);
  EXPECT_TRUE(has_warning(*r, "cut"));
  EXPECT_EQ(trim(r->text_body), "body");
}

TEST(BadInput, HugeNumberOfHeadersIsCapped) {
  std::string raw = "From: a@example.com\n";
  for (int i = 0; i < 30000; ++i) raw += "X-H: v\n";
  raw += "\nbody\n";
  auto r = parse_message(raw);
  ASSERT_OK(r);
  EXPECT_EQ(r->headers.size(), 10000u);
  EXPECT_TRUE(has_warning(*r, "headers kept"));
  EXPECT_LE(r->warnings.size(), 51u);
}

TEST(BadInput, BrokenBase64DecodesWhatItCanAndWarns) {
  auto r = parse_message(
      "From: a@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
      "SGVsbG8g!!d29y*bGQ\n");
  ASSERT_OK(r);
  EXPECT_TRUE(has_warning(*r, "base64"));
  EXPECT_EQ(r->text_body.substr(0, 6), "Hello ");
  EXPECT_TRUE(is_valid_utf8(r->text_body));
}

TEST(BadInput, UnknownCharsetFallsBackToDetection) {
  auto r = parse_message("From: a@example.com\nContent-Type: text/plain; charset=x-unknown-foo\n\ncaf\xE9 cr\xE8me\n");
  ASSERT_OK(r);
  EXPECT_EQ(trim(r->text_body), "café crème");
  EXPECT_TRUE(has_warning(*r, "unknown charset"));
}

TEST(BadInput, TruncatedMessageParsesWhatIsThere) {
  std::string whole = R"(From: a@example.com
Subject: cut
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

The part before the cut.
--b
Content-Type: application/pdf; name="x.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfs
)";
  for (size_t cut : {whole.size(), whole.size() - 5, whole.size() / 2, size_t{30}, size_t{12}}) {
    auto r = parse_message(std::string_view(whole).substr(0, cut));
    ASSERT_OK(r) << "cut at " << cut;
    EXPECT_TRUE(is_valid_utf8(r->text_body));
  }
  auto r = parse_message(whole);
  ASSERT_OK(r);
  EXPECT_NE(r->text_body.find("before the cut"), std::string::npos);
  ASSERT_EQ(r->attachments.size(), 1u);
  EXPECT_EQ(r->attachments[0].filename, "x.pdf");
}

TEST(BadInput, MissingClosingBoundaryKeepsAllParts) {
  auto r = parse_message(R"(From: a@example.com
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

one
--b
Content-Type: text/plain

two
)");
  ASSERT_OK(r);
  EXPECT_NE(r->text_body.find("one"), std::string::npos);
  EXPECT_NE(r->text_body.find("two"), std::string::npos);
}

TEST(BadInput, MultipartWithoutAnyBoundaryLineKeepsItsText) {
  auto r = parse_message("From: a@example.com\nContent-Type: multipart/mixed; boundary=\"zz\"\n\njust text\n");
  ASSERT_OK(r);
  EXPECT_EQ(trim(r->text_body), "just text");
}

TEST(BadInput, MissingSemicolonBeforeBoundaryIsRepaired) {
  auto r = parse_message(
      "From: a@example.com\nContent-Type: multipart/mixed\n\tboundary=\"b\"\n\n--b\nContent-Type: "
      "text/plain\n\nhi\n--b--\n");
  ASSERT_OK(r);
  EXPECT_EQ(trim(r->text_body), "hi");
  EXPECT_TRUE(has_warning(*r, "repaired"));
}

TEST(BadInput, InvalidUtf8NeverReachesTheResult) {
  auto r = parse_message(
      "From: \xFF\xFE <a@example.com>\nSubject: \xC3\x28 bad \xED\xA0\x80\nX-Bin: \x80\x81\n"
      "Content-Type: text/plain; charset=utf-8\n\n\xC3\x28\xF0\x28\x8C\x28 text\n");
  ASSERT_OK(r);
  EXPECT_TRUE(is_valid_utf8(r->subject));
  EXPECT_TRUE(is_valid_utf8(r->text_body));
  for (const auto& h : r->headers) EXPECT_TRUE(is_valid_utf8(h.value)) << h.name;
  for (const auto& a : r->from) EXPECT_TRUE(is_valid_utf8(a.name));
}

TEST(BadInput, BodyOverTheLimitIsCut) {
  ParseOptions options;
  options.max_body_bytes = 100;
  auto r = parse_message("From: a@example.com\n\n" + std::string(1000, 'y') + "\n", options);
  ASSERT_OK(r);
  EXPECT_LE(r->text_body.size(), 100u);
  EXPECT_TRUE(has_warning(*r, "cut"));
}

TEST(BadInput, DeeplyNestedHtmlIsConvertedWithoutRecursion) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div><span>";
  html += "deep text";
  std::string text = html_to_text(html);
  EXPECT_NE(text.find("deep text"), std::string::npos);
}

TEST(BadInput, ParsingIsThreadSafe) {
  std::string raw = R"(From: =?utf-8?q?Z=C3=BC?= <z@example.com>
Subject: threads
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain; charset=koi8-r

)" + std::string("\xF0\xD2\xC9\xD7\xC5\xD4") +
                    R"(
--b
Content-Type: text/html

<p>hi</p>
--b--
)";
  std::vector<std::thread> threads;
  std::vector<int> good(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto r = parse_message(raw);
        if (r && trim(r->text_body) == "Привет" && r->from.size() == 1 && r->from[0].name == "Zü") ++good[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(good[t], 200);
}

}  // namespace
}  // namespace mailsift::mime
