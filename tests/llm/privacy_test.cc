#include "llm/privacy.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::llm {
namespace {

Email sample() {
  Email e;
  e.subject = "Payment for invoice 2024-117";
  e.from = {{"Alice Smith", "alice.smith@example.com"}};
  e.to = {{"", "ops@mailsift.test"}};
  e.date = 1710000000;
  e.text_body = "full text";
  e.visible_text =
      "Hi, please pay to IBAN GB33BUKB20201555555555 or account no 12345678.\n"
      "Card 4111 1111 1111 1111. Call me on +44 20 7946 0958 or 020 7946 0958.\n"
      "Write to billing@example.co.uk. Meeting on 2024-03-15, ref 2024-117, 3 items.";
  return e;
}

TEST(PrivacyTest, DefaultSendsSubjectSenderAndBodyButNotRecipients) {
  PrivacyPolicy p;
  auto out = apply_privacy(p, sample());
  ASSERT_TRUE(out.subject && out.from && out.body);
  EXPECT_FALSE(out.to.has_value());
  EXPECT_EQ(*out.from, "Alice Smith <alice.smith@example.com>");
  EXPECT_EQ(out.body->substr(0, 9), "Hi, pleas");  // the visible text, not text_body
  std::string rendered = render_email(out);
  EXPECT_NE(rendered.find("Subject: Payment for invoice 2024-117\n"), std::string::npos);
  EXPECT_NE(rendered.find("Date: 2024-03-09T16:00:00Z"), std::string::npos);
  EXPECT_EQ(rendered.find("To:"), std::string::npos);
}

TEST(PrivacyTest, FieldsCanBeWithheld) {
  PrivacyPolicy p;
  p.send_body = false;
  p.send_sender = false;
  auto out = apply_privacy(p, sample());
  EXPECT_FALSE(out.body.has_value());
  EXPECT_FALSE(out.from.has_value());
  EXPECT_TRUE(out.subject.has_value());
}

TEST(PrivacyTest, RedactsAddressesPhonesAndAccounts) {
  PrivacyPolicy p;
  p.redact_email_addresses = p.redact_phone_numbers = p.redact_account_numbers = true;
  std::string body = *apply_privacy(p, sample()).body;
  EXPECT_EQ(body,
            "Hi, please pay to IBAN [account] or account no [account].\n"
            "Card [account]. Call me on [phone] or [phone].\n"
            "Write to [email]. Meeting on 2024-03-15, ref 2024-117, 3 items.");
  EXPECT_EQ(*apply_privacy(p, sample()).from, "Alice Smith <[email]>");
}

TEST(PrivacyTest, EachRedactionIsIndependent) {
  PrivacyPolicy p;
  p.redact_phone_numbers = true;
  EXPECT_EQ(redact_text(p, "call +1 555 123 4567, mail a@b.com, acct 99887766"),
            "call [phone], mail a@b.com, acct 99887766");
  p = {};
  p.redact_email_addresses = true;
  EXPECT_EQ(redact_text(p, "x@y (not an address), <bob@mail.example.org>."), "x@y (not an address), <[email]>.");
}

TEST(PrivacyTest, CutsTheBodyOnAUtf8Boundary) {
  PrivacyPolicy p;
  p.max_chars_per_email = 10;
  Email e;
  e.visible_text = "caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9";
  auto out = apply_privacy(p, e);
  EXPECT_EQ(*out.body, "caf\xC3\xA9 caf");
  EXPECT_TRUE(out.truncated);
  EXPECT_NE(render_email(out).find("[truncated]"), std::string::npos);
}

TEST(PrivacyTest, ReadsTheConfig) {
  Config c;
  c.set("privacy.send_body", "false");
  c.set("privacy.max_chars_per_email", "500");
  c.set("privacy.redact_phone_numbers", "yes");
  auto p = PrivacyPolicy::from_config(c);
  ASSERT_OK(p);
  EXPECT_FALSE(p->send_body);
  EXPECT_EQ(p->max_chars_per_email, 500u);
  EXPECT_TRUE(p->redact_phone_numbers);
  EXPECT_FALSE(p->redact_email_addresses);
  c.set("privacy.send_body", "maybe");
  EXPECT_FALSE(PrivacyPolicy::from_config(c).has_value());
}

}  // namespace
}  // namespace mailsift::llm
