#include "mime/sources/message_source.h"

#include "support/test_support.h"

namespace mailsift {
namespace {

using testing::TempDir;

const char* kMsg1 = "From: a@example.org\nSubject: one\nMessage-ID: <1@x>\n\nbody one\n";
const char* kMsg2 = "From: b@example.org\nSubject: two\nMessage-ID: <2@x>\n\nbody two\n";

std::vector<SourceItem> drain(MessageSource& s) {
  std::vector<SourceItem> out;
  while (auto item = s.next()) out.push_back(std::move(*item));
  return out;
}

std::vector<SourceItem> read_all(const std::vector<std::string>& args, uint64_t max = 50u << 20) {
  auto s = open_sources(args, SourceOptions{max});
  EXPECT_OK(s);
  if (!s) return {};
  return drain(**s);
}

TEST(MboxFromLineTest, RecognisesEnvelopeLines) {
  EXPECT_TRUE(is_mbox_from_line("From sender@host  Thu Aug 22 12:36:23 2002"));
  EXPECT_TRUE(is_mbox_from_line("From MAILER-DAEMON Fri Jul  8 12:08:34 2011"));
  EXPECT_TRUE(is_mbox_from_line("From - 2003"));
  EXPECT_FALSE(is_mbox_from_line("From here on we will meet weekly."));
  EXPECT_FALSE(is_mbox_from_line("From: a@b"));
  EXPECT_FALSE(is_mbox_from_line("From "));
}

TEST(SourcesTest, DirectoryIsWalkedSortedSkippingHiddenAndNonMessages) {
  TempDir dir;
  dir.write("b/2.eml", kMsg2);
  dir.write("a/1.eml", kMsg1);
  dir.write(".hidden/3.eml", kMsg1);
  dir.write(".DS_Store", std::string("\x00\x01", 2));
  dir.write("notes.txt", "just some notes\nnot an email\n");
  dir.write("empty.eml", "");
  auto items = read_all({dir.str()});
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].kind, SourceItem::Kind::kMessage);
  EXPECT_NE(items[0].origin.find("a/1.eml"), std::string::npos);
  EXPECT_EQ(items[1].kind, SourceItem::Kind::kMessage);
  EXPECT_EQ(items[2].kind, SourceItem::Kind::kSkipped);
  EXPECT_EQ(items[2].reason, "empty file");
  EXPECT_EQ(items[3].kind, SourceItem::Kind::kSkipped);
  EXPECT_NE(items[3].reason.find("not an email"), std::string::npos);
}

TEST(SourcesTest, MaildirReadsCurAndNewNotTmp) {
  TempDir dir;
  dir.write("Maildir/cur/1:2,S", kMsg1);
  dir.write("Maildir/new/2", kMsg2);
  dir.write("Maildir/tmp/3", kMsg1);
  auto items = read_all({(dir.path() / "Maildir").string()});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].raw, kMsg1);
  EXPECT_EQ(items[1].raw, kMsg2);
}

TEST(SourcesTest, MboxIsSplitAndUnescaped) {
  TempDir dir;
  std::string mbox = std::string("From a@example.org Thu Aug 22 12:36:23 2002\n") + kMsg1 +
                     ">From the desk of A (escaped)\n>>From stays once-escaped\n\n" +
                     "From b@example.org Fri Aug 23 09:00:00 2002\n" + kMsg2 + "\n" +
                     "From here on, a body line after a blank line that is not an envelope\n";
  auto path = dir.write("box.mbox", mbox);
  auto items = read_all({path.string()});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].raw, std::string(kMsg1) + "From the desk of A (escaped)\n>From stays once-escaped\n");
  EXPECT_EQ(items[0].origin, path.string() + "@" + std::to_string(mbox.find(kMsg1)));
  EXPECT_EQ(items[1].raw.substr(0, strlen(kMsg2)), kMsg2);
  EXPECT_NE(items[1].raw.find("From here on"), std::string::npos);
}

TEST(SourcesTest, StrayEnvelopeLineIsDropped) {
  TempDir dir;
  auto path = dir.write("00001.txt", std::string("From sender@host  Thu Aug 22 12:36:23 2002\n") + kMsg1);
  auto items = read_all({path.string()});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].raw, kMsg1);
  EXPECT_EQ(items[0].origin, path.string());
}

TEST(SourcesTest, OversizedFileIsNotRead) {
  TempDir dir;
  std::string big = std::string(kMsg1) + std::string(5000, 'x') + "\n";
  auto path = dir.write("big.eml", big);
  auto items = read_all({path.string()}, 1000);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, SourceItem::Kind::kTooLarge);
  EXPECT_TRUE(items[0].raw.empty());
  EXPECT_EQ(items[0].size, big.size());
}

TEST(SourcesTest, OversizedMboxEntryIsSkippedWithBoundedMemory) {
  TempDir dir;
  std::string mbox = std::string("From a@x Thu Aug 22 12:36:23 2002\n") + kMsg1 + std::string(300000, 'y') + "\n\n" +
                     "From b@x Fri Aug 23 09:00:00 2002\n" + kMsg2;
  auto items = read_all({dir.write("m.mbox", mbox).string()}, 100000);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, SourceItem::Kind::kTooLarge);
  EXPECT_EQ(items[1].kind, SourceItem::Kind::kMessage);
  EXPECT_EQ(items[1].raw, kMsg2);
}

TEST(SourcesTest, MissingPathIsAnError) {
  auto s = open_sources({"/definitely/not/here"}, {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Code::kNotFound);
}

TEST(SourcesTest, MemorySourceMarksOnlyCopy) {
  auto s = memory_source(kMsg1, "http", {});
  auto items = drain(*s);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].only_copy);
  EXPECT_EQ(items[0].raw, kMsg1);
  auto empty = memory_source("", "http", {});
  auto e = drain(*empty);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, SourceItem::Kind::kSkipped);
}

TEST(SourcesTest, VeryLongLinesAreKeptWhole) {
  std::string line(200000, 'z');
  std::string msg = std::string(kMsg1) + line + "\n";
  auto s = memory_source(msg, "mem", {});
  auto items = drain(*s);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].raw, msg);
}

}  // namespace
}  // namespace mailsift
