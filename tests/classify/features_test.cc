// The evidence the local classifier extracts from a message.
#include "classify/features.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "mime/parser.h"
#include "support/test_support.h"

namespace mailsift::classify {
namespace {

std::vector<std::string> names_of(std::string_view raw) {
  auto email = mime::parse_message(raw);
  EXPECT_TRUE(email.has_value());
  FeatureBag bag;
  FeatureExtractor().extract(*email, bag, true);
  EXPECT_EQ(bag.names.size(), bag.features.size());
  for (size_t i = 0; i < bag.names.size(); ++i) EXPECT_EQ(bag.features[i].id, feature_id(bag.names[i])) << bag.names[i];
  return bag.names;
}

bool has(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

constexpr std::string_view kNewsletter =
    "From: Deals Team <news@shop.example>\r\n"
    "To: ops@kestrel.example\r\n"
    "Subject: 20% off everything this weekend!\r\n"
    "List-Unsubscribe: <https://shop.example/u>\r\n"
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    "Precedence: bulk\r\n"
    "Message-ID: <n1@shop.example>\r\n"
    "\r\n"
    "Huge discount on all offers. Click here to shop. Unsubscribe at any time.\r\n";

constexpr std::string_view kAutoReply =
    "From: Sam Carter <sam@contractor.example>\r\n"
    "To: ops@kestrel.example\r\n"
    "Subject: Automatic reply: Job 4411\r\n"
    "Auto-Submitted: auto-replied\r\n"
    "Message-ID: <a1@contractor.example>\r\n"
    "\r\n"
    "I am out of the office until Monday.\r\n";

constexpr std::string_view kPerson =
    "From: Sioned Price <sioned.price@contractor.example>\r\n"
    "To: Operations <ops@kestrel.example>\r\n"
    "Cc: Tom Ellery <tom@kestrel.example>\r\n"
    "Subject: RE: Quote for cable jointing at Mill Lane\r\n"
    "In-Reply-To: <q1@kestrel.example>\r\n"
    "X-Mailer: Microsoft Outlook 16.0\r\n"
    "Message-ID: <p1@contractor.example>\r\n"
    "\r\n"
    "Hi Tom,\r\n\r\nCould you confirm the revised quote of \xC2\xA3" "4,200 by Friday? Let me know.\r\n\r\n"
    "Thanks,\r\nSioned\r\n";

TEST(FeaturesTest, ListHeadersAreEvidenceAndSetTheListContext) {
  auto n = names_of(kNewsletter);
  EXPECT_TRUE(has(n, "hdr:list-unsubscribe"));
  EXPECT_TRUE(has(n, "hdr:one-click-unsubscribe"));
  EXPECT_TRUE(has(n, "hdr:precedence-bulk"));
  EXPECT_TRUE(has(n, "body:unsubscribe"));
  EXPECT_TRUE(has(n, "body:click"));
  EXPECT_TRUE(has(n, "lex:promo"));
  // Words of list and bulk mail are kept apart from the same words in direct mail.
  EXPECT_TRUE(has(n, "l.w:discount"));
  EXPECT_FALSE(has(n, "w:discount"));
}

TEST(FeaturesTest, AutoRepliesAreRecognised) {
  auto n = names_of(kAutoReply);
  EXPECT_TRUE(has(n, "hdr:auto-submitted"));
  EXPECT_TRUE(has(n, "hdr:auto-replied"));
  EXPECT_TRUE(has(n, "subj:auto-reply"));
}

TEST(FeaturesTest, PersonToPersonMail) {
  auto n = names_of(kPerson);
  EXPECT_TRUE(has(n, "subj:reply"));
  EXPECT_TRUE(has(n, "hdr:thread-reply"));
  EXPECT_TRUE(has(n, "from:person-name"));
  EXPECT_TRUE(has(n, "mailer:client"));
  EXPECT_TRUE(has(n, "to:few"));
  EXPECT_TRUE(has(n, "to:cc"));
  EXPECT_TRUE(has(n, "body:greeting"));
  EXPECT_TRUE(has(n, "body:signoff"));
  EXPECT_TRUE(has(n, "body:question"));
  EXPECT_TRUE(has(n, "lex:work+"));
  // "RE:" is carried by subj:reply, not by a word; names are normalised away.
  EXPECT_FALSE(has(n, "s:re"));
  EXPECT_TRUE(has(n, "s:quote"));
  EXPECT_TRUE(has(n, "b:hi_<name>"));
  EXPECT_FALSE(has(n, "w:tom"));
  EXPECT_TRUE(has(n, "w:<money>"));
  // Stopwords are not features alone, but pairs keep them.
  EXPECT_FALSE(has(n, "w:me"));
  EXPECT_TRUE(has(n, "b:let_me"));
}

// The organisation a message's addresses name is not learned as a word: the same mail from
// another company must read alike. Generic labels (com, mail, ...) and other words stay words.
TEST(FeaturesTest, OrganisationNamesFromTheAddressesAreNormalised) {
  auto n = names_of(
      "From: Dana Ross <dana.ross@northgrid-power.example>\r\nTo: ops@kestrel.example\r\n"
      "Subject: Kestrel audit\r\nMessage-ID: <o1@northgrid-power.example>\r\n\r\n"
      "Northgrid needs the Kestrel audit pack and the power mail list before the meeting.\r\n");
  EXPECT_TRUE(has(n, "s:<org>"));
  EXPECT_TRUE(has(n, "w:<org>"));
  EXPECT_FALSE(has(n, "w:kestrel"));
  EXPECT_FALSE(has(n, "w:northgrid"));
  EXPECT_FALSE(has(n, "w:power"));  // a label of the sender's domain
  EXPECT_TRUE(has(n, "w:mail"));    // "mail" names no organisation
  EXPECT_TRUE(has(n, "w:audit"));
}

TEST(FeaturesTest, BouncesAndCalendarParts) {
  auto n = names_of(
      "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\n"
      "To: ops@kestrel.example\r\n"
      "Subject: Undelivered Mail Returned to Sender\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n"
      "\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n"
      "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
      "Final-Recipient: rfc822; x@y.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
      "--b--\r\n");
  EXPECT_TRUE(has(n, "mime:report"));
  EXPECT_TRUE(has(n, "mime:report-delivery-status"));
  EXPECT_TRUE(has(n, "from:noreply"));
  EXPECT_TRUE(has(n, "subj:bounce"));

  auto c = names_of(
      "From: calendar@kestrel.example\r\nTo: ops@kestrel.example\r\nSubject: Invitation: Site review\r\n"
      "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_TRUE(has(c, "mime:calendar"));
  EXPECT_TRUE(has(c, "subj:calendar"));
}

TEST(FeaturesTest, KnownContactsNeedALookup) {
  auto email = mime::parse_message(kPerson);
  ASSERT_OK(email);
  FeatureBag bag;
  ContactLookup known = [](std::string_view a) { return a == "sioned.price@contractor.example"; };
  FeatureExtractor().extract(*email, bag, true, &known);
  EXPECT_TRUE(has(bag.names, "contact:known"));
  FeatureExtractor().extract(*email, bag, true, nullptr);
  EXPECT_FALSE(has(bag.names, "contact:known"));
}

TEST(FeaturesTest, TextFeaturesShareOneWeight) {
  auto email = mime::parse_message(kPerson);
  ASSERT_OK(email);
  FeatureBag bag;
  FeatureExtractor().extract(*email, bag, true);
  float text_value = -1;
  for (size_t i = 0; i < bag.names.size(); ++i) {
    const std::string& n = bag.names[i];
    if (n.starts_with("w:") || n.starts_with("b:") || n.starts_with("s:")) {
      if (text_value < 0) text_value = bag.features[i].value;
      EXPECT_FLOAT_EQ(bag.features[i].value, text_value) << n;
    } else {
      EXPECT_FLOAT_EQ(bag.features[i].value, 1.0f) << n;
    }
  }
  EXPECT_GT(text_value, 0);
}

TEST(FeaturesTest, PriorsAreBalancedAcrossTheClasses) {
  // Weights of a softmax model are only defined up to a shift: priors keep theirs centred.
  for (const Prior& p : evidence_priors()) {
    EXPECT_NEAR(p.business + p.operational + p.noise, 0.0f, 1e-5) << p.feature;
    EXPECT_NE(p.feature.find(':'), std::string_view::npos) << p.feature;
  }
}

TEST(FeaturesTest, DescribesFeaturesForPeople) {
  EXPECT_EQ(describe_feature("w:invoice"), "word 'invoice'");
  EXPECT_EQ(describe_feature("s:quote"), "subject word 'quote'");
  EXPECT_EQ(describe_feature("b:let_me"), "words 'let me'");
  EXPECT_EQ(describe_feature("l.w:free"), "word 'free' (list/bulk mail)");
  EXPECT_EQ(describe_feature("hdr:list-id"), "hdr:list-id");
}

}  // namespace
}  // namespace mailsift::classify
