// SigV4 against every v4 case of the AWS signing test suite (shared corpus), plus the Bedrock
// model-id double-encoding pitfall.
#include "aws/sigv4.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/strings.h"
#include "core/time.h"
#include "net/encoding.h"
#include "support/test_support.h"

namespace mailsift::aws {
namespace {

namespace fs = std::filesystem;
using mailsift::testing::corpus_dir;
using mailsift::testing::read_file;

struct Case {
  std::string name;
  SignableRequest request;
  SigningParams params;
};

std::string strip_cr(std::string s) {
  std::erase(s, '\r');
  return s;
}

// request.txt: "METHOD <target> HTTP/1.1", header lines (continuations start with whitespace),
// a blank line, the body.
SignableRequest parse_request(const std::string& text) {
  SignableRequest r;
  size_t line_end = text.find('\n');
  std::string first = text.substr(0, line_end);
  size_t sp = first.find(' ');
  r.method = first.substr(0, sp);
  std::string target = first.substr(sp + 1, first.rfind(" HTTP/1.1") - sp - 1);
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  size_t pos = line_end + 1;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) {
      r.body = pos < text.size() ? text.substr(pos) : "";
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !r.headers.empty()) {
      r.headers.back().second += "\n" + line;
      continue;
    }
    size_t colon = line.find(':');
    r.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  return r;
}

Case load_case(const fs::path& dir) {
  Case c;
  c.name = dir.filename().string();
  auto ctx = nlohmann::json::parse(read_file(dir / "context.json"));
  c.params.credentials.access_key_id = ctx["credentials"]["access_key_id"];
  c.params.credentials.secret_access_key = ctx["credentials"]["secret_access_key"];
  c.params.credentials.session_token = ctx["credentials"].value("token", "");
  c.params.region = ctx["region"];
  c.params.service = ctx["service"];
  c.params.expires_seconds = ctx["expiration_in_seconds"];
  c.params.normalize_path = ctx["normalize"];
  c.params.add_content_sha256 = ctx["sign_body"];
  c.params.sign_session_token = !ctx.value("omit_session_token", false);
  c.params.time = *parse_date_arg(ctx["timestamp"].get<std::string>(), 0);
  c.request = parse_request(strip_cr(read_file(dir / "request.txt")));
  return c;
}

std::vector<fs::path> case_dirs() {
  std::vector<fs::path> out;
  auto root = corpus_dir("aws-sigv4-test-suite");
  if (root.empty()) return out;
  for (const auto& entry : fs::directory_iterator(root / "v4")) {
    if (entry.is_directory()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::set<std::string> query_params(const std::string& query) {
  std::set<std::string> out;
  for (auto& p : split(query, '&', true))
    out.insert(
        net::percent_encode(net::percent_decode(p.substr(0, p.find('=')))) + "=" +
        (p.find('=') == std::string::npos ? "" : net::percent_encode(net::percent_decode(p.substr(p.find('=') + 1)))));
  return out;
}

TEST(SigV4SuiteTest, HeaderSigningMatchesEveryCase) {
  auto dirs = case_dirs();
  SKIP_WITHOUT_CORPUS(corpus_dir("aws-sigv4-test-suite"), "aws-sigv4-test-suite");
  ASSERT_EQ(dirs.size(), 38u);
  int passed = 0;
  for (const auto& dir : dirs) {
    Case c = load_case(dir);
    auto sig = sign_with_headers(c.request, c.params);
    ASSERT_OK(sig);
    EXPECT_EQ(sig->canonical_request, strip_cr(read_file(dir / "header-canonical-request.txt"))) << c.name;
    EXPECT_EQ(sig->string_to_sign, strip_cr(read_file(dir / "header-string-to-sign.txt"))) << c.name;
    EXPECT_EQ(sig->signature, strip_cr(read_file(dir / "header-signature.txt"))) << c.name;
    // The signed request carries exactly the headers we add.
    SignableRequest expected = parse_request(strip_cr(read_file(dir / "header-signed-request.txt")));
    std::multiset<std::string> want, got;
    for (auto& [k, v] : expected.headers) want.insert(to_lower(k) + ":" + v);
    for (auto& [k, v] : c.request.headers) got.insert(to_lower(k) + ":" + v);
    for (auto& [k, v] : sig->headers) got.insert(to_lower(k) + ":" + v);
    EXPECT_EQ(got, want) << c.name;
    if (!::testing::Test::HasFailure()) ++passed;
  }
  EXPECT_EQ(passed, 38);
  RecordProperty("header_cases_passed", passed);
}

TEST(SigV4SuiteTest, QuerySigningMatchesEveryCase) {
  auto dirs = case_dirs();
  SKIP_WITHOUT_CORPUS(corpus_dir("aws-sigv4-test-suite"), "aws-sigv4-test-suite");
  ASSERT_EQ(dirs.size(), 38u);
  int passed = 0;
  for (const auto& dir : dirs) {
    Case c = load_case(dir);
    auto sig = sign_with_query(c.request, c.params);
    ASSERT_OK(sig);
    EXPECT_EQ(sig->canonical_request, strip_cr(read_file(dir / "query-canonical-request.txt"))) << c.name;
    EXPECT_EQ(sig->string_to_sign, strip_cr(read_file(dir / "query-string-to-sign.txt"))) << c.name;
    EXPECT_EQ(sig->signature, strip_cr(read_file(dir / "query-signature.txt"))) << c.name;
    SignableRequest expected = parse_request(strip_cr(read_file(dir / "query-signed-request.txt")));
    EXPECT_EQ(query_params(sig->query), query_params(expected.query)) << c.name;
    if (!::testing::Test::HasFailure()) ++passed;
  }
  EXPECT_EQ(passed, 38);
}

SigningParams bedrock_params() {
  SigningParams p;
  p.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", ""};
  p.region = "us-east-1";
  p.service = "bedrock";
  p.time = 1440938160;  // 2015-08-30T12:36:00Z
  return p;
}

TEST(SigV4Test, BedrockModelIdColonIsEncodedTwiceInTheCanonicalUri) {
  // On the wire the ':' of the model id is %3A; the canonical URI encodes that '%' again.
  EXPECT_EQ(canonical_uri("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", true, true),
            "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse");
  net::HttpRequest req{
      "POST",
      "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
      {{"Content-Type", "application/json"}},
      "{}"};
  ASSERT_OK(sign_request(req, bedrock_params()));
  ASSERT_NE(net::find_header(req.headers, "Host"), nullptr);
  EXPECT_EQ(*net::find_header(req.headers, "Host"), "bedrock-runtime.us-east-1.amazonaws.com");
  const std::string* auth = net::find_header(req.headers, "Authorization");
  ASSERT_NE(auth, nullptr);
  EXPECT_NE(auth->find("Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request"), std::string::npos);
  EXPECT_NE(auth->find("SignedHeaders=content-type;host;x-amz-date"), std::string::npos);
  EXPECT_EQ(auth->find("wJalrXUtnFEMI"), std::string::npos);

  SignableRequest signable{"POST",
                           "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
                           "",
                           {{"Host", "bedrock-runtime.us-east-1.amazonaws.com"}, {"Content-Type", "application/json"}},
                           "{}"};
  auto sig = sign_with_headers(signable, bedrock_params());
  ASSERT_OK(sig);
  EXPECT_NE(sig->canonical_request.find("\n/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n"),
            std::string::npos);
  // The payload hash is that of the body.
  EXPECT_TRUE(sig->canonical_request.ends_with(sha256_hex("{}")));
}

TEST(SigV4Test, SessionTokenIsSignedAndSent) {
  auto p = bedrock_params();
  p.credentials.session_token = "FQoGZXIvYXdzEXAMPLETOKEN";
  net::HttpRequest req{"POST", "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke", {}, "{}"};
  ASSERT_OK(sign_request(req, p));
  ASSERT_NE(net::find_header(req.headers, "X-Amz-Security-Token"), nullptr);
  EXPECT_NE(net::find_header(req.headers, "Authorization")->find("x-amz-security-token"), std::string::npos);
}

TEST(SigV4Test, RejectsMissingCredentials) {
  auto p = bedrock_params();
  p.credentials = {};
  net::HttpRequest req{"POST", "https://bedrock-runtime.us-east-1.amazonaws.com/", {}, ""};
  auto r = sign_request(req, p);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
}

}  // namespace
}  // namespace mailsift::aws
