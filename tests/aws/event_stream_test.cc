// The event-stream decoder against the AWS SDK vectors (shared corpus) and split reads.
#include "aws/event_stream.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "net/encoding.h"
#include "support/test_support.h"

namespace mailsift::aws {
namespace {

namespace fs = std::filesystem;
using mailsift::testing::corpus_dir;
using mailsift::testing::read_file;

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void expect_matches(const EventMessage& m, const nlohmann::json& want, const std::string& name) {
  EXPECT_EQ(static_cast<int32_t>(m.prelude_crc), want["prelude_crc"].get<int32_t>()) << name;
  EXPECT_EQ(static_cast<int32_t>(m.message_crc), want["message_crc"].get<int32_t>()) << name;
  EXPECT_EQ(m.payload, *net::base64_decode(want["payload"].get<std::string>())) << name;
  ASSERT_EQ(m.headers.size(), want["headers"].size()) << name;
  for (size_t i = 0; i < m.headers.size(); ++i) {
    const auto& h = m.headers[i];
    const auto& w = want["headers"][i];
    EXPECT_EQ(h.name, w["name"].get<std::string>()) << name;
    EXPECT_EQ(static_cast<int>(h.type), w["type"].get<int>()) << name << " " << h.name;
    switch (h.type) {
      case HeaderType::kBoolTrue:
      case HeaderType::kBoolFalse:
        EXPECT_EQ(h.bool_value, w["value"].get<bool>()) << name;
        break;
      case HeaderType::kBytes:
      case HeaderType::kString:
      case HeaderType::kUuid:
        EXPECT_EQ(h.bytes_value, *net::base64_decode(w["value"].get<std::string>())) << name << " " << h.name;
        break;
      default:
        EXPECT_EQ(h.int_value, w["value"].get<int64_t>()) << name << " " << h.name;
    }
  }
}

TEST(EventStreamVectorsTest, DecodesEveryPositiveVector) {
  auto root = corpus_dir("aws-eventstream-vectors");
  SKIP_WITHOUT_CORPUS(root, "aws-eventstream-vectors");
  auto cases = names(root / "encoded" / "positive");
  ASSERT_EQ(cases.size(), 5u);
  for (const auto& name : cases) {
    std::string frame = read_file(root / "encoded" / "positive" / name);
    auto want = nlohmann::json::parse(read_file(root / "decoded" / "positive" / name));
    EXPECT_EQ(frame.size(), want["total_length"].get<size_t>()) << name;
    EventStreamDecoder decoder;
    auto messages = decoder.feed(frame);
    ASSERT_OK(messages);
    ASSERT_EQ(messages->size(), 1u) << name;
    expect_matches((*messages)[0], want, name);
    EXPECT_TRUE(decoder.idle());
    // Re-encoding gives the same bytes.
    EXPECT_EQ(encode_event_message((*messages)[0].headers, (*messages)[0].payload), frame) << name;
  }
}

TEST(EventStreamVectorsTest, RejectsEveryNegativeVectorWithTheRightChecksum) {
  auto root = corpus_dir("aws-eventstream-vectors");
  SKIP_WITHOUT_CORPUS(root, "aws-eventstream-vectors");
  auto cases = names(root / "encoded" / "negative");
  ASSERT_EQ(cases.size(), 4u);
  for (const auto& name : cases) {
    std::string frame = read_file(root / "encoded" / "negative" / name);
    std::string expected = read_file(root / "decoded" / "negative" / name);
    EventStreamDecoder decoder;
    auto r = decoder.feed(frame);
    ASSERT_FALSE(r.has_value()) << name;
    EXPECT_EQ(r.error().code, Code::kParse);
    std::string want = expected.starts_with("Prelude") ? "prelude checksum mismatch" : "message checksum mismatch";
    EXPECT_NE(r.error().message.find(want), std::string::npos) << name << ": " << r.error().message;
    // Poisoned afterwards.
    EXPECT_FALSE(decoder.feed("").has_value());
  }
}

TEST(EventStreamVectorsTest, DecodesFramesSplitAtEveryByte) {
  auto root = corpus_dir("aws-eventstream-vectors");
  SKIP_WITHOUT_CORPUS(root, "aws-eventstream-vectors");
  std::string stream;
  for (const auto& name : names(root / "encoded" / "positive"))
    stream += read_file(root / "encoded" / "positive" / name);
  for (size_t cut = 1; cut < stream.size(); ++cut) {
    EventStreamDecoder decoder;
    auto a = decoder.feed(std::string_view(stream).substr(0, cut));
    ASSERT_OK(a);
    auto b = decoder.feed(std::string_view(stream).substr(cut));
    ASSERT_OK(b);
    EXPECT_EQ(a->size() + b->size(), 5u) << "cut at " << cut;
    EXPECT_TRUE(decoder.idle());
  }
  // One byte at a time.
  EventStreamDecoder decoder;
  size_t total = 0;
  for (char c : stream) total += decoder.feed(std::string_view(&c, 1))->size();
  EXPECT_EQ(total, 5u);
}

TEST(EventStreamTest, RoundTripsBedrockStyleEvents) {
  std::vector<EventHeader> headers = {EventHeader::string(":event-type", "contentBlockDelta"),
                                      EventHeader::string(":content-type", "application/json"),
                                      EventHeader::string(":message-type", "event")};
  std::string payload = R"({"contentBlockIndex":0,"delta":{"text":"caf\u00e9"},"p":"abc"})";
  std::string frame = encode_event_message(headers, payload);
  EventStreamDecoder decoder;
  auto m = decoder.feed(frame);
  ASSERT_OK(m);
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].string_header(":event-type"), "contentBlockDelta");
  EXPECT_EQ((*m)[0].string_header(":message-type"), "event");
  EXPECT_EQ((*m)[0].string_header(":missing"), "");
  EXPECT_EQ((*m)[0].payload, payload);
}

TEST(EventStreamTest, RejectsImpossibleLengthsAndOversizedMessages) {
  std::string frame = encode_event_message({}, std::string(100, 'x'));
  EventStreamDecoder small(64);
  auto r = small.feed(frame);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kTooLarge);
}

TEST(EventStreamTest, Crc32MatchesTheKnownCheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
}

}  // namespace
}  // namespace mailsift::aws
