// parse_message field by field, on small messages written inline.
#include "mime/parser.h"

#include <string>

#include "core/strings.h"
#include "support/test_support.h"

namespace mailsift::mime {
namespace {

using namespace std::string_view_literals;

Email parse_ok(std::string_view raw, const ParseOptions& options = {}) {
  auto r = parse_message(raw, options);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  return r ? *r : Email{};
}

bool has_warning(const Email& e, std::string_view text) {
  for (const auto& w : e.warnings) {
    if (icontains(w, text)) return true;
  }
  return false;
}

TEST(ParseMessage, MessageIdWithoutBracketsAndThreadHeaders) {
  Email e = parse_ok(
      "From: a@example.com\n"
      "Message-ID: <abc.123@example.com>\n"
      "In-Reply-To: <parent@example.com>\n"
      "References: <root@example.com>\n <parent@example.com>\n"
      "Subject: x\n\nbody\n");
  EXPECT_EQ(e.message_id, "abc.123@example.com");
  EXPECT_FALSE(e.message_id_synthesized);
  EXPECT_EQ(e.in_reply_to, std::vector<std::string>{"parent@example.com"});
  EXPECT_EQ(e.references, (std::vector<std::string>{"root@example.com", "parent@example.com"}));
}

TEST(ParseMessage, MissingMessageIdIsSynthesisedFromTheContentHash) {
  std::string raw = "From: a@example.com\nSubject: no id\n\nbody\n";
  Email e = parse_ok(raw);
  EXPECT_TRUE(e.message_id_synthesized);
  EXPECT_EQ(e.content_hash, sha256_hex(raw));
  EXPECT_EQ(e.message_id, e.content_hash.substr(0, 32) + "@mailsift.invalid");
  EXPECT_EQ(parse_ok(raw).message_id, e.message_id);  // stable
  EXPECT_EQ(e.raw_size, raw.size());
}

TEST(ParseMessage, AddressesAreDecodedAndGroupsFlattened) {
  Email e = parse_ok(
      "From: =?utf-8?q?Jos=C3=A9_Garc=C3=ADa?= <jose@example.com>\n"
      "Sender: Bulk Sender <bulk@example.com>\n"
      "Reply-To: \"Support, Team\" <support@example.com>\n"
      "To: Team: alice@example.com, Bob <bob@example.com>;, carol@example.com\n"
      "Cc: =?iso-8859-1?q?Andr=E9?= <andre@example.com>\n"
      "Bcc: hidden@example.com\n"
      "Subject: x\n\nbody\n");
  ASSERT_EQ(e.from.size(), 1u);
  EXPECT_EQ(e.from[0].name, "José García");
  EXPECT_EQ(e.from[0].address, "jose@example.com");
  ASSERT_EQ(e.sender.size(), 1u);
  EXPECT_EQ(e.sender[0].address, "bulk@example.com");
  ASSERT_EQ(e.reply_to.size(), 1u);
  EXPECT_EQ(e.reply_to[0].name, "Support, Team");
  ASSERT_EQ(e.to.size(), 3u);
  EXPECT_EQ(e.to[0].address, "alice@example.com");
  EXPECT_EQ(e.to[1].name, "Bob");
  EXPECT_EQ(e.to[2].address, "carol@example.com");
  ASSERT_EQ(e.cc.size(), 1u);
  EXPECT_EQ(e.cc[0].name, "André");
  ASSERT_EQ(e.bcc.size(), 1u);
  EXPECT_EQ(e.primary_from().address, "jose@example.com");
}

TEST(ParseMessage, Raw8BitInsideAnEncodedWordIsDecodedOnce) {
  Email e = parse_ok(
      "From: a@example.com\nTo: =?iso-8859-1?Q?J\xFCrgen?= <j@example.com>, =?iso-8859-1?Q?=C9mile_M\xFCller?= "
      "<e@example.com>\n\nbody\n");
  ASSERT_EQ(e.to.size(), 2u);
  EXPECT_EQ(e.to[0].name, "Jürgen");
  EXPECT_EQ(e.to[1].name, "Émile Müller");
}

TEST(ParseMessage, BareWordAddressIsADisplayName) {
  Email e = parse_ok("From: Whomever\nTo: Someone\nSubject: x\n\nbody\n");
  ASSERT_EQ(e.from.size(), 1u);
  EXPECT_EQ(e.from[0].name, "Whomever");
  EXPECT_EQ(e.from[0].address, "");
}

TEST(ParseMessage, DateIsConvertedToUtc) {
  Email e = parse_ok("From: a@example.com\nDate: Tue, 4 Mar 2025 10:15:00 -0500\n\nbody\n");
  EXPECT_EQ(e.date, 1741101300);  // 2025-03-04T15:15:00Z
  EXPECT_EQ(e.date_raw, "Tue, 4 Mar 2025 10:15:00 -0500");
  EXPECT_EQ(e.date_source, DateSource::kHeader);
  EXPECT_FALSE(has_warning(e, "date"));
}

TEST(ParseMessage, UnparseableDateFallsBackToTheTopmostReceivedHeader) {
  Email e = parse_ok(
      "Received: from b by c; Wed, 5 Mar 2025 08:00:00 +0000\n"
      "Received: from a by b; Tue, 4 Mar 2025 08:00:00 +0000\n"
      "From: a@example.com\nDate: sometime last week\n\nbody\n");
  EXPECT_EQ(e.date_source, DateSource::kReceived);
  EXPECT_EQ(e.date, 1741161600);  // 2025-03-05T08:00:00Z
  EXPECT_EQ(e.date_raw, "sometime last week");
  EXPECT_TRUE(has_warning(e, "Received"));
}

TEST(ParseMessage, NoDateAtAllFallsBackToTheIngestTime) {
  ParseOptions options;
  options.ingest_time = 1700000000;
  Email e = parse_ok("From: a@example.com\nSubject: undated\n\nbody\n", options);
  EXPECT_EQ(e.date_source, DateSource::kIngest);
  EXPECT_EQ(e.date, 1700000000);
  EXPECT_TRUE(e.date_raw.empty());
  EXPECT_TRUE(has_warning(e, "ingest time"));
}

TEST(ParseMessage, SubjectIsDecodedAndUnfolded) {
  Email e = parse_ok(
      "From: a@example.com\n"
      "Subject: =?utf-8?b?w4dh?= va\n"
      "  =?iso-8859-1?q?tr=E8s?=\n\tbien\n\nbody\n");
  EXPECT_EQ(e.subject, "Ça va très bien");
}

TEST(ParseMessage, ListAndAutoReplyHeaders) {
  Email e = parse_ok(
      "From: list@example.com\n"
      "List-Id: Example list <list.example.com>\n"
      "List-Unsubscribe: <mailto:leave@example.com>, <https://example.com/u>\n"
      "Precedence: bulk\n"
      "Auto-Submitted: auto-generated\n\nbody\n");
  EXPECT_EQ(e.list_id, "Example list <list.example.com>");
  EXPECT_EQ(e.list_unsubscribe, "<mailto:leave@example.com>, <https://example.com/u>");
  EXPECT_EQ(e.precedence, "bulk");
  EXPECT_EQ(e.auto_submitted, "auto-generated");
}

TEST(ParseMessage, AllTopLevelHeadersAreKeptInOrder) {
  Email e = parse_ok(
      "Received: from x\n by y; Tue, 4 Mar 2025 08:00:00 +0000\n"
      "From: a@example.com\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "X-Custom: =?utf-8?q?caf=C3=A9?=\n"
      "MIME-Version: 1.0\n"
      "X-Custom: second\n\nbody\n");
  std::vector<std::string> names;
  for (const auto& h : e.headers) names.push_back(h.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Received", "From", "Content-Type", "X-Custom", "MIME-Version", "X-Custom"}));
  EXPECT_EQ(e.headers[0].value, "from x by y; Tue, 4 Mar 2025 08:00:00 +0000");
  EXPECT_EQ(e.headers[3].value, "café");
  ASSERT_NE(e.header("x-custom"), nullptr);
  EXPECT_EQ(e.header("x-custom")->value, "café");
  EXPECT_EQ(e.content_type, "text/plain");
}

TEST(ParseMessage, MboxFromLineIsSkipped) {
  Email e = parse_ok("From someone@example.com Tue Mar  4 10:15:00 2025\nFrom: a@example.com\nSubject: mbox\n\nbody\n");
  EXPECT_EQ(e.subject, "mbox");
  ASSERT_FALSE(e.headers.empty());
  EXPECT_EQ(e.headers[0].name, "From");
  // The obsolete "From :" syntax is a header, not an mbox line.
  Email obsolete = parse_ok("From : Ann <ann@example.com>\nSubject: old syntax\n\nbody\n");
  ASSERT_EQ(obsolete.from.size(), 1u);
  EXPECT_EQ(obsolete.from[0].address, "ann@example.com");
}

// ---- bodies --------------------------------------------------------------------------------

TEST(ParseMessage, AlternativePrefersPlainTextAndKeepsHtml) {
  Email e = parse_ok(R"(From: a@example.com
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

Plain version.
--b
Content-Type: text/html; charset=utf-8

<p>HTML <b>version</b>.</p>
--b--
)");
  EXPECT_EQ(e.content_type, "multipart/alternative");
  EXPECT_EQ(trim(e.text_body), "Plain version.");
  EXPECT_NE(e.html_body.find("<b>version</b>"), std::string::npos);
  EXPECT_TRUE(e.attachments.empty());
}

TEST(ParseMessage, HtmlOnlyBodyIsConvertedToText) {
  Email e = parse_ok(R"(From: a@example.com
Content-Type: text/html; charset=utf-8

<html><head><title>T</title><style>p{}</style></head><body><p>Hello &amp; welcome</p><p>Visit <a href="https://example.com/x">our site</a></p></body></html>
)");
  EXPECT_EQ(e.text_body, "Hello & welcome\n\nVisit our site <https://example.com/x>");
  EXPECT_NE(e.html_body.find("<title>T</title>"), std::string::npos);
}

TEST(ParseMessage, MixedConcatenatesInlineTextPartsInOrder) {
  Email e = parse_ok(R"(From: a@example.com
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

First part.
--b
Content-Type: application/pdf; name="doc.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b
Content-Type: text/plain

Second part.
--b--
)");
  EXPECT_EQ(e.text_body, "First part.\nSecond part.");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].filename, "doc.pdf");
}

TEST(ParseMessage, QuotedPrintableLatin1IsConverted) {
  Email e = parse_ok(
      "From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n\nCaf=E9 cr=E8me =\nbr=FBl=E9e\n");
  EXPECT_EQ(trim(e.text_body), "Café crème brûlée");
}

TEST(ParseMessage, Base64Koi8rIsConverted) {
  // "Привет" in KOI8-R, base64.
  Email e = parse_ok(
      "From: a@example.com\nContent-Type: text/plain; charset=koi8-r\n"
      "Content-Transfer-Encoding: base64\n\n8NLJ18XU\n");
  EXPECT_EQ(trim(e.text_body), "Привет");
}

TEST(ParseMessage, UnlabelledEightBitTextIsDetected) {
  Email e = parse_ok("From: a@example.com\n\nsmart \x93quotes\x94 and caf\xE9\n");
  EXPECT_EQ(trim(e.text_body), "smart \xE2\x80\x9Cquotes\xE2\x80\x9D and caf\xC3\xA9");
  EXPECT_TRUE(has_warning(e, "without a charset"));
}

TEST(ParseMessage, Utf8MislabelledAsLatin1IsKept) {
  Email e = parse_ok("From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n\nna\xC3\xAFve\n");
  EXPECT_EQ(trim(e.text_body), "naïve");
}

TEST(ParseMessage, HtmlMetaCharsetIsUsedWhenTheHeaderHasNone) {
  Email e = parse_ok(
      "From: a@example.com\nContent-Type: text/html\n\n"
      "<html><head><meta charset=\"windows-1251\"></head><body>\xCF\xF0\xE8\xE2\xE5\xF2</body></html>\n");
  EXPECT_EQ(e.text_body, "Привет");
}

// ---- attachments ---------------------------------------------------------------------------

constexpr std::string_view kWithAttachments = R"(From: a@example.com
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain

See attached.
--alt
Content-Type: text/html

<p>See attached.</p>
--alt--
--outer
Content-Type: application/octet-stream
Content-Disposition: attachment;
 filename*0*=utf-8''r%C3%A9sum%C3%A9;
 filename*1=".pdf"
Content-Transfer-Encoding: base64

aGVsbG8gd29ybGQ=
--outer
Content-Type: image/png; name="=?utf-8?q?pic_=C3=A9t=C3=A9.png?="
Content-Disposition: inline
Content-ID: <img1@example.com>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--outer
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="../../etc/notes.txt"

plain attachment text
--outer--
)";

TEST(ParseMessage, AttachmentsCarryDecodedNamesSizesAndHashes) {
  Email e = parse_ok(kWithAttachments);
  EXPECT_EQ(trim(e.text_body), "See attached.");
  ASSERT_EQ(e.attachments.size(), 3u);

  const Attachment& pdf = e.attachments[0];
  EXPECT_EQ(pdf.index, 0);
  EXPECT_EQ(pdf.filename, "résumé.pdf");  // RFC 2231 continuation + charset
  EXPECT_EQ(pdf.content_type, "application/octet-stream");
  EXPECT_EQ(pdf.disposition, "attachment");
  EXPECT_EQ(pdf.size, 11u);
  EXPECT_EQ(pdf.sha256, sha256_hex("hello world"));
  EXPECT_EQ(pdf.part_path, "2");

  const Attachment& png = e.attachments[1];
  EXPECT_EQ(png.filename, "pic été.png");  // RFC 2047 inside a quoted parameter
  EXPECT_EQ(png.disposition, "inline");
  EXPECT_EQ(png.content_id, "img1@example.com");
  EXPECT_EQ(png.size, 8u);
  EXPECT_EQ(png.part_path, "3");

  const Attachment& txt = e.attachments[2];
  EXPECT_EQ(txt.filename, "etc_notes.txt");  // sanitised
  EXPECT_EQ(txt.content_type, "text/plain");
  EXPECT_EQ(txt.part_path, "4");
}

TEST(ExtractAttachment, ReturnsTheDecodedBytesByIndex) {
  auto bytes = extract_attachment(kWithAttachments, 0);
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, "hello world");
  auto text = extract_attachment(kWithAttachments, 2);
  ASSERT_OK(text);
  EXPECT_EQ(trim(*text), "plain attachment text");
  Email e = parse_ok(kWithAttachments);
  for (const auto& a : e.attachments) {
    auto b = extract_attachment(kWithAttachments, a.index);
    ASSERT_OK(b);
    EXPECT_EQ(sha256_hex(*b), a.sha256) << a.part_path;
    EXPECT_EQ(b->size(), a.size);
  }
}

TEST(ExtractAttachment, UnknownIndexIsNotFound) {
  auto r = extract_attachment(kWithAttachments, 3);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kNotFound);
  EXPECT_EQ(extract_attachment(kWithAttachments, -1).error().code, Code::kNotFound);
  EXPECT_EQ(extract_attachment("", 0).error().code, Code::kParse);
}

constexpr std::string_view kForwarded = R"(From: fwd@example.com
Subject: Fwd: plans
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

FYI, see below.
--b
Content-Type: message/rfc822

From: Original Sender <orig@example.com>
To: fwd@example.com
Date: Mon, 3 Mar 2025 09:00:00 +0000
Subject: plans
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain

The original text about the quarterly plans.
--inner
Content-Type: application/pdf; name="plans.pdf"

%PDF-1.4
--inner--
--b--
)";

TEST(ParseMessage, ForwardedMessageIsCountedAndItsTextIncluded) {
  Email e = parse_ok(kForwarded);
  EXPECT_EQ(e.forwarded_messages, 1);
  EXPECT_NE(e.text_body.find("FYI, see below."), std::string::npos);
  EXPECT_NE(e.text_body.find("---------- Forwarded message ----------\nFrom: Original Sender <orig@example.com>\n"
                             "Date: Mon, 3 Mar 2025 09:00:00 +0000\nSubject: plans\nTo: fwd@example.com\n\n"
                             "The original text about the quarterly plans."),
            std::string::npos)
      << e.text_body;
  EXPECT_LT(e.text_body.find("FYI"), e.text_body.find("Forwarded message"));
  ASSERT_EQ(e.attachments.size(), 2u);
  EXPECT_EQ(e.attachments[0].content_type, "message/rfc822");
  EXPECT_EQ(e.attachments[0].part_path, "2");
  EXPECT_EQ(e.attachments[1].filename, "plans.pdf");
  EXPECT_EQ(e.attachments[1].part_path, "2.2");
  auto pdf = extract_attachment(kForwarded, 1);
  ASSERT_OK(pdf);
  EXPECT_EQ(trim(*pdf), "%PDF-1.4");
  auto eml = extract_attachment(kForwarded, 0);
  ASSERT_OK(eml);
  EXPECT_NE(eml->find("Subject: plans"), std::string::npos);
  // The forwarded content stays in visible_text.
  EXPECT_NE(e.visible_text.find("quarterly plans"), std::string::npos);
}

TEST(ParseMessage, DeliveryReportIsFlaggedWithItsStatusFields) {
  Email e = parse_ok(R"(From: MAILER-DAEMON@example.com
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.
--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com

Final-Recipient: rfc822; nobody@example.org
Action: failed
Status: 5.1.1
--r
Content-Type: message/rfc822

From: me@example.com
To: nobody@example.org
Subject: hello

original body
--r--
)");
  EXPECT_TRUE(e.is_report);
  EXPECT_EQ(e.report_type, "delivery-status");
  EXPECT_NE(e.text_body.find("could not be delivered"), std::string::npos);
  EXPECT_NE(e.text_body.find("Status: 5.1.1"), std::string::npos);
  EXPECT_NE(e.text_body.find("Original message"), std::string::npos);
  EXPECT_NE(e.text_body.find("original body"), std::string::npos);
  EXPECT_EQ(e.forwarded_messages, 1);
  EXPECT_LT(e.text_body.find("could not be delivered"), e.text_body.find("Status: 5.1.1"));
}

TEST(ParseMessage, CalendarPartsAreFlagged) {
  Email invite = parse_ok(R"(From: a@example.com
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain

Meeting
--b
Content-Type: text/calendar; method=REQUEST

BEGIN:VCALENDAR
END:VCALENDAR
--b--
)");
  EXPECT_TRUE(invite.has_calendar);
  Email ics = parse_ok(R"(From: a@example.com
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

See invite
--b
Content-Type: application/octet-stream; name="invite.ics"

BEGIN:VCALENDAR
--b--
)");
  EXPECT_TRUE(ics.has_calendar);
  EXPECT_FALSE(parse_ok("From: a@example.com\n\nno calendar\n").has_calendar);
}

TEST(ParseMessage, VisibleTextDropsTheQuotedReply) {
  Email e = parse_ok(
      "From: a@example.com\nSubject: Re: x\n\nSounds good, see you then.\n\n"
      "On Mon, 3 Mar 2025 at 09:00, Bob <bob@example.com> wrote:\n> Shall we meet at 10?\n");
  EXPECT_EQ(e.visible_text, "Sounds good, see you then.");
  EXPECT_NE(e.text_body.find("Shall we meet"), std::string::npos);
}

// ---- looks_like_message ---------------------------------------------------------------------

TEST(LooksLikeMessage, AcceptsHeaderBlocks) {
  EXPECT_TRUE(looks_like_message("From: a@example.com\nSubject: x\n\nbody"));
  EXPECT_TRUE(looks_like_message("Return-Path: <a@example.com>\r\nReceived: from x\r\n\tby y\r\n"));
  EXPECT_TRUE(looks_like_message("From a@example.com Tue Mar  4 10:15:00 2025\nX-Foo: 1\nDate: today\n"));
  EXPECT_TRUE(looks_like_message("X-Spam-Status: No\nMessage-ID: <a@b>\n"));
}

TEST(LooksLikeMessage, RejectsEverythingElse) {
  EXPECT_FALSE(looks_like_message(""));
  EXPECT_FALSE(looks_like_message("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv));
  EXPECT_FALSE(looks_like_message("Hello there,\nthis is a letter.\n"));
  EXPECT_FALSE(looks_like_message("X-Foo: 1\nX-Bar: 2\n\nno known header"));
  EXPECT_FALSE(looks_like_message("{\"json\": true}"));
  EXPECT_FALSE(looks_like_message("From: a\0b@example.com\n"sv));
}

}  // namespace
}  // namespace mailsift::mime
