#include "net/sse.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::net {
namespace {

std::vector<SseEvent> parse_all(const std::string& text, size_t piece = 0) {
  SseParser parser;
  std::vector<SseEvent> out;
  if (piece == 0) piece = text.size() + 1;
  for (size_t i = 0; i < text.size(); i += piece) {
    auto events = parser.feed(std::string_view(text).substr(i, piece));
    EXPECT_TRUE(events.has_value());
    for (auto& e : *events) out.push_back(std::move(e));
  }
  return out;
}

TEST(SseParserTest, ParsesEventTypesAndData) {
  auto events = parse_all("event: message_start\ndata: {\"a\":1}\n\ndata: plain\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "message_start");
  EXPECT_EQ(events[0].data, "{\"a\":1}");
  EXPECT_EQ(events[1].type, "message");
  EXPECT_EQ(events[1].data, "plain");
}

TEST(SseParserTest, JoinsMultiLineDataWithNewlines) {
  auto events = parse_all("data: first\ndata:second\ndata:  third\n\n");
  ASSERT_EQ(events.size(), 1u);
  // Only one leading space is removed from a value.
  EXPECT_EQ(events[0].data, "first\nsecond\n third");
}

TEST(SseParserTest, IgnoresCommentsAndUnknownFields) {
  auto events = parse_all(": ping\nfoo: bar\ndata: x\n: another\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
}

TEST(SseParserTest, DoesNotDispatchEventsWithoutData) {
  auto events = parse_all("event: ping\n\nid: 7\n\ndata: y\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");  // the event type of the dataless block is reset
  EXPECT_EQ(events[0].id, "7");          // but the id persists
}

TEST(SseParserTest, KeepsLastEventIdAndRetry) {
  auto events = parse_all("id: 1\ndata: a\n\ndata: b\nretry: 2500\n\nid\ndata: c\n\n");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].id, "1");
  EXPECT_EQ(events[1].id, "1");
  ASSERT_TRUE(events[1].retry_ms.has_value());
  EXPECT_EQ(*events[1].retry_ms, 2500);
  EXPECT_EQ(events[2].id, "");  // "id" with no value resets it
}

TEST(SseParserTest, AcceptsCrLfAndLoneCrLineEnds) {
  for (const std::string text :
       {"data: a\r\n\r\ndata: b\r\n\r\n", "data: a\r\rdata: b\r\r", "data: a\n\ndata: b\r\n\r"}) {
    auto events = parse_all(text);
    ASSERT_EQ(events.size(), 2u) << text;
    EXPECT_EQ(events[0].data, "a");
    EXPECT_EQ(events[1].data, "b");
  }
}

TEST(SseParserTest, StripsLeadingByteOrderMark) {
  auto events = parse_all(
      "\xEF\xBB\xBF"
      "data: x\n\n",
      1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
}

// Every split point of a stream with CRLF, multi-byte UTF-8 and multi-line data must give the
// same events as the whole.
TEST(SseParserTest, SameEventsAtEverySplitPoint) {
  const std::string text =
      "event: content_block_delta\r\ndata: {\"text\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"}\r\n\r\n"
      ": keep-alive\r\ndata: line1\rdata: line2\n\nid: 42\ndata: done\n\n";
  auto whole = parse_all(text);
  ASSERT_EQ(whole.size(), 3u);
  EXPECT_EQ(whole[0].data, "{\"text\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"}");
  EXPECT_EQ(whole[1].data, "line1\nline2");
  for (size_t cut = 1; cut < text.size(); ++cut) {
    SseParser parser;
    std::vector<SseEvent> got;
    for (auto part : {std::string_view(text).substr(0, cut), std::string_view(text).substr(cut)}) {
      auto events = parser.feed(part);
      ASSERT_TRUE(events.has_value());
      got.insert(got.end(), events->begin(), events->end());
    }
    ASSERT_EQ(got.size(), whole.size()) << "cut at " << cut;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].data, whole[i].data) << "cut at " << cut;
      EXPECT_EQ(got[i].type, whole[i].type) << "cut at " << cut;
      EXPECT_EQ(got[i].id, whole[i].id) << "cut at " << cut;
    }
  }
  EXPECT_EQ(parse_all(text, 1).size(), 3u);
}

TEST(SseParserTest, FinishReturnsAnUnterminatedEvent) {
  SseParser parser;
  auto events = parser.feed("data: [DONE]");
  ASSERT_TRUE(events.has_value());
  EXPECT_TRUE(events->empty());
  auto last = parser.finish();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->data, "[DONE]");
}

TEST(SseParserTest, RejectsOversizedLines) {
  SseParser parser(64);
  auto r = parser.feed("data: " + std::string(100, 'x'));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kTooLarge);
}

}  // namespace
}  // namespace mailsift::net
