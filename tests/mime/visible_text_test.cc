// visible_text: the sender's own words without quoted replies and signatures.
#include "mime/parser.h"
#include "support/test_support.h"

namespace mailsift::mime {
namespace {

TEST(VisibleText, PlainTextIsKept) {
  EXPECT_EQ(visible_text("Hello,\n\nThe delivery is on Tuesday.\n"), "Hello,\n\nThe delivery is on Tuesday.");
}

TEST(VisibleText, GmailStyleReplyIsDropped) {
  EXPECT_EQ(visible_text("Yes, Tuesday works.\n\nOn Mon, Mar 3, 2025 at 9:00 AM Bob Smith <bob@example.com>\n"
                         "wrote:\n> Does Tuesday work?\n>\n> Bob\n"),
            "Yes, Tuesday works.");
}

TEST(VisibleText, InlineRepliesKeepTheUsersLines) {
  EXPECT_EQ(visible_text("On Mon, 3 Mar 2025, Bob wrote:\n> Point one?\nAgreed.\n> Point two?\nNo, next week.\n"),
            "Agreed.\nNo, next week.");
}

TEST(VisibleText, AttributionWithoutQuoteIsKept) {
  // "On ... wrote:" is only dropped when quoted text follows it.
  EXPECT_EQ(visible_text("On Monday my colleague wrote:\nthe plan is fine.\n"),
            "On Monday my colleague wrote:\nthe plan is fine.");
}

TEST(VisibleText, OutlookOriginalMessageAndHeaderBlocksAreDropped) {
  EXPECT_EQ(
      visible_text(
          "Approved.\n\n-----Original Message-----\nFrom: Ann\nSent: Monday\nTo: Me\nSubject: PO\n\nPlease approve.\n"),
      "Approved.");
  EXPECT_EQ(
      visible_text("Will do.\n\n________________________________\nFrom: Ann Lee <ann@example.com>\n"
                   "Sent: Monday, March 3, 2025 9:00 AM\nTo: Me <me@example.com>\nSubject: RE: PO\n\nOld text.\n"),
      "Will do.");
}

TEST(VisibleText, SignatureAfterDelimiterIsDropped) {
  EXPECT_EQ(visible_text("See you at 3.\n\n-- \nJohn Smith\nACME Ltd | +44 1234 567890\n"), "See you at 3.");
}

TEST(VisibleText, SignOffBlockAndDeviceLinesAreTrimmed) {
  EXPECT_EQ(visible_text("The invoice is attached.\n\nKind regards,\nJane Doe\nAccounts Manager\n+44 20 7946 0000\n"),
            "The invoice is attached.\n\nKind regards,");
  EXPECT_EQ(visible_text("On my way.\n\nSent from my iPhone\n"), "On my way.");
}

TEST(VisibleText, LongTextAfterASignOffWordIsKept) {
  std::string text =
      "Thanks,\nbut I still need the following before Friday: the signed contract, the two site surveys and the "
      "revised quote for the extra sockets in the kitchen and the utility room.\n";
  EXPECT_EQ(visible_text(text), text.substr(0, text.size() - 1));
}

TEST(VisibleText, ForwardedContentIsKept) {
  std::string text =
      "FYI\n\n---------- Forwarded message ----------\nFrom: Ann <ann@example.com>\nDate: Mon, 3 Mar 2025\n"
      "Subject: Plans\nTo: me@example.com\n\nThe plans are attached.\n> quoted in the original\n";
  EXPECT_EQ(visible_text(text),
            "FYI\n\n---------- Forwarded message ----------\nFrom: Ann <ann@example.com>\nDate: Mon, 3 Mar 2025\n"
            "Subject: Plans\nTo: me@example.com\n\nThe plans are attached.\n> quoted in the original");
  EXPECT_NE(visible_text("See below\n\nBegin forwarded message:\n\nFrom: x\nSubject: y\nTo: z\n\nbody\n").find("body"),
            std::string::npos);
}

TEST(VisibleText, EverythingQuotedGivesEmptyText) {
  EXPECT_EQ(visible_text("> only\n> quotes\n"), "");
  EXPECT_EQ(visible_text(""), "");
}

}  // namespace
}  // namespace mailsift::mime
