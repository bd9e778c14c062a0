// The shipped local classifier on messages written for these tests, and how the model to use
// is chosen.
#include "classify/local_classifier.h"

#include <gtest/gtest.h>

#include <thread>

#include "mime/parser.h"
#include "support/test_support.h"

namespace mailsift::classify {
namespace {

Email parse(std::string_view raw) {
  auto e = mime::parse_message(raw);
  EXPECT_TRUE(e.has_value());
  return e ? *e : Email{};
}

const Email& bounce() {
  static const Email e = parse(
      "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nTo: ops@kestrel.example\r\n"
      "Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nThis is the mail system. Your message could not be delivered.\r\n"
      "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
      "Final-Recipient: rfc822; x@y.example\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n");
  return e;
}

const Email& newsletter() {
  static const Email e = parse(
      "From: PPE Direct <offers@ppe-direct.example>\r\nTo: ops@kestrel.example\r\n"
      "Subject: Spring sale: 30% off hi-vis and safety boots\r\n"
      "List-Unsubscribe: <https://ppe-direct.example/u>\r\nPrecedence: bulk\r\n\r\n"
      "Our biggest sale of the year. Exclusive discount on safety boots, gloves and hi-vis.\r\n"
      "Shop now at https://ppe-direct.example. Unsubscribe or manage your preferences.\r\n");
  return e;
}

const Email& request() {
  static const Email e = parse(
      "From: Sioned Price <sioned.price@contractor.example>\r\nTo: Operations <ops@kestrel.example>\r\n"
      "Cc: Tom Ellery <tom.ellery@kestrel.example>\r\nSubject: RE: Quote for jointing at Mill Lane\r\n"
      "In-Reply-To: <q1@kestrel.example>\r\nX-Mailer: Microsoft Outlook 16.0\r\n\r\n"
      "Hi Tom,\r\n\r\nThanks for the drawings. Could you confirm the revised quote for the jointing work and the\r\n"
      "site access times for next week? We need the permit reference before the crew can start.\r\n\r\n"
      "Let me know if you want to discuss on a call.\r\n\r\nRegards,\r\nSioned\r\n");
  return e;
}

LocalClassifier shipped() {
  auto m = shipped_model();
  EXPECT_TRUE(m.has_value());
  return LocalClassifier(*m, {});
}

TEST(LocalClassifierTest, ShippedModelClassifiesTheObviousCases) {
  LocalClassifier c = shipped();
  for (auto [email, label] : {std::pair{&bounce(), Label::kOperational}, std::pair{&newsletter(), Label::kNoise},
                              std::pair{&request(), Label::kBusiness}}) {
    auto v = c.classify(*email);
    ASSERT_OK(v);
    EXPECT_EQ(v->label, label) << email->subject;
    EXPECT_EQ(v->decided_by, Decider::kModel);
    EXPECT_EQ(v->model, c.name());
    EXPECT_GT(v->confidence, 0.5);
    ASSERT_FALSE(v->reasons.empty());
    for (size_t i = 1; i < v->reasons.size(); ++i) EXPECT_GE(v->reasons[i - 1].weight, v->reasons[i].weight);
  }
}

TEST(LocalClassifierTest, AKnownContactPullsTowardsBusiness) {
  auto m = shipped_model();
  ASSERT_OK(m);
  LocalClassifier plain(*m, {});
  LocalClassifier::Options o;
  o.contacts = [](std::string_view a) { return a == "offers@ppe-direct.example"; };
  LocalClassifier known(*m, o);
  const double p = plain.classify(newsletter())->confidence;
  auto k = known.classify(newsletter());
  ASSERT_OK(k);
  EXPECT_TRUE(k->label != Label::kNoise || k->confidence < p);
}

TEST(LocalClassifierTest, ClassifiesFromManyThreadsAlike) {
  LocalClassifier c = shipped();
  ASSERT_TRUE(c.thread_safe());
  const Classification expected = c.classify(request()).value();
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const Email& e = i % 3 == 0 ? request() : i % 3 == 1 ? bounce() : newsletter();
        auto v = c.classify(e);
        if (!v || (&e == &request() && (v->label != expected.label || v->confidence != expected.confidence))) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(LocalClassifierTest, ADataDirectoryModelReplacesTheShippedOne) {
  testing::TempDir dir;
  auto shipped_m = load_model(dir.str(), "");
  ASSERT_OK(shipped_m);
  EXPECT_EQ((*shipped_m)->id(), shipped_model().value()->id());
  LinearModel own("own-1", {"w:quote"}, {{1, 0, -1}}, {0, 0, 0});
  ASSERT_OK(own.save(trained_model_path(dir.str())));
  auto loaded = load_model(dir.str(), "");
  ASSERT_OK(loaded);
  EXPECT_EQ((*loaded)->id(), "own-1");
  EXPECT_EQ(load_model(dir.str(), dir.str() + "/missing.tsv").error().code, Code::kNotFound);
}

}  // namespace
}  // namespace mailsift::classify
