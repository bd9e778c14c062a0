// The LLM adapter and the cascade over a scripted model: the schema and request it sends, the
// privacy policy, failures kept as fallbacks, and when the LLM is asked at all.
#include "classify/llm_classifier.h"

#include <gtest/gtest.h>

#include "llm/scripted_chat_model.h"
#include "support/test_support.h"

namespace mailsift::classify {
namespace {

using mailsift::testing::ScriptedChatModel;

// A local classifier with a fixed verdict, to drive the cascade.
class FixedClassifier : public Classifier {
 public:
  FixedClassifier(Label label, double confidence) : label_(label), confidence_(confidence) {}
  Result<Classification> classify(const Email&) override {
    Classification c;
    c.label = label_;
    c.confidence = confidence_;
    c.model = "local:fixed";
    c.reasons.push_back({"word 'quote'", 0.7});
    return c;
  }
  std::string name() const override { return "local:fixed"; }
  bool thread_safe() const override { return true; }

 private:
  Label label_;
  double confidence_;
};

Email email(std::string body = "Please send the quote for the Mill Lane job.") {
  Email e;
  e.subject = "Quote for Mill Lane";
  e.from.push_back({"Pat Lee", "pat@contractor.example"});
  e.text_body = body;
  e.visible_text = body;
  return e;
}

std::string answer(std::string_view label, std::string_view reason = "a contractor asks for a quote") {
  return llm::Json{{"classification", label}, {"reason", reason}}.dump();
}

struct Rig {
  ScriptedChatModel* model = nullptr;
  LlmClassifier* llm = nullptr;
  std::unique_ptr<CascadeClassifier> cascade;
};

Rig rig(double local_confidence, double threshold, LlmClassifier::Options options = {}) {
  auto model = std::make_unique<ScriptedChatModel>(/*native=*/true);
  Rig r;
  r.model = model.get();
  auto llm = std::make_unique<LlmClassifier>(std::move(model), std::move(options));
  r.llm = llm.get();
  r.cascade = std::make_unique<CascadeClassifier>(std::make_unique<FixedClassifier>(Label::kNoise, local_confidence),
                                                  std::move(llm), threshold);
  return r;
}

TEST(LlmClassifierTest, SendsTheSchemaAtTemperatureZero) {
  Rig r = rig(0.5, 0.8);
  r.model->push(ScriptedChatModel::text(answer("BUSINESS")));
  auto v = r.llm->classify(email());
  ASSERT_OK(v);
  EXPECT_EQ(v->label, Label::kBusiness);
  EXPECT_EQ(v->decided_by, Decider::kLlm);
  EXPECT_EQ(v->model, "llm:scripted/scripted-1");
  EXPECT_EQ(v->note, "a contractor asks for a quote");
  auto sent = r.model->requests();
  ASSERT_EQ(sent.size(), 1u);
  ASSERT_TRUE(sent[0].response_format.has_value());
  EXPECT_EQ(sent[0].response_format->schema, classification_schema());
  const auto& cls = classification_schema()["properties"]["classification"];
  EXPECT_EQ(cls["enum"], (llm::Json{"BUSINESS", "OPERATIONAL", "NOISE"}));
  ASSERT_TRUE(sent[0].temperature.has_value());
  EXPECT_EQ(*sent[0].temperature, 0.0);
  // The email travels as untrusted data, with subject, sender and body.
  std::string all;
  for (const auto& m : sent[0].messages) all += m.text() + "\n";
  EXPECT_NE(all.find("untrusted-data"), std::string::npos);
  EXPECT_NE(all.find("Quote for Mill Lane"), std::string::npos);
  EXPECT_NE(all.find("pat@contractor.example"), std::string::npos);
  EXPECT_NE(all.find("Mill Lane job"), std::string::npos);
  EXPECT_EQ(r.llm->usage().calls, 1);
  EXPECT_GT(r.llm->usage().input_tokens, 0);
}

TEST(LlmClassifierTest, ThePrivacyPolicyDecidesWhatLeaves) {
  LlmClassifier::Options o;
  o.privacy.send_sender = false;
  o.privacy.max_chars_per_email = 20;
  const std::string prompt = classification_prompt(o.privacy, email(std::string(100, 'x') + "SECRET-TAIL"));
  EXPECT_EQ(prompt.find("pat@contractor.example"), std::string::npos);
  EXPECT_EQ(prompt.find("SECRET-TAIL"), std::string::npos);
  EXPECT_NE(prompt.find("Quote for Mill Lane"), std::string::npos);
  o.privacy.send_body = false;
  EXPECT_EQ(classification_prompt(o.privacy, email()).find("Mill Lane job"), std::string::npos);
}

TEST(CascadeTest, AConfidentLocalVerdictStandsWithoutTheLlm) {
  Rig r = rig(0.95, 0.8);
  auto v = r.cascade->classify(email());
  ASSERT_OK(v);
  EXPECT_EQ(v->decided_by, Decider::kModel);
  EXPECT_EQ(r.model->requests().size(), 0u);
}

TEST(CascadeTest, AnUnsureLocalVerdictGoesToTheLlm) {
  Rig r = rig(0.55, 0.8);
  r.model->push(ScriptedChatModel::text(answer("BUSINESS")));
  auto v = r.cascade->classify(email());
  ASSERT_OK(v);
  EXPECT_EQ(v->label, Label::kBusiness);
  EXPECT_EQ(v->decided_by, Decider::kLlm);
  EXPECT_NE(v->note.find("local model: NOISE 55%"), std::string::npos);
  EXPECT_TRUE(v->reasons.empty());  // the local evidence was for NOISE
}

TEST(CascadeTest, OutOfSchemaAfterTheRepairFallsBackToLocal) {
  Rig r = rig(0.55, 0.8);
  r.model->push(ScriptedChatModel::text(answer("SPAM")));
  r.model->push(ScriptedChatModel::text(R"({"classification":"URGENT"})"));
  auto v = r.cascade->classify(email());
  ASSERT_OK(v);
  EXPECT_EQ(v->label, Label::kNoise);
  EXPECT_EQ(v->decided_by, Decider::kModel);
  EXPECT_TRUE(v->fallback);
  EXPECT_NE(v->note.find("LLM failed"), std::string::npos);
  EXPECT_EQ(r.model->requests().size(), 2u);  // the answer and one repair
  EXPECT_EQ(r.llm->usage().failures, 1);
}

TEST(CascadeTest, AProviderFailureFallsBackToLocal) {
  Rig r = rig(0.55, 0.8);
  r.model->push_error(Error{Code::kUnavailable, "HTTP 529 overloaded", ""});
  auto v = r.cascade->classify(email());
  ASSERT_OK(v);
  EXPECT_TRUE(v->fallback);
  EXPECT_NE(v->note.find("overloaded"), std::string::npos);
}

TEST(CascadeTest, ModeLlmAsksForEveryMessage) {
  Rig r = rig(0.99, 2.0);
  r.model->push(ScriptedChatModel::text(answer("OPERATIONAL", "an automated notice")));
  auto v = r.cascade->classify(email());
  ASSERT_OK(v);
  EXPECT_EQ(v->decided_by, Decider::kLlm);
  EXPECT_EQ(v->label, Label::kOperational);
}

}  // namespace
}  // namespace mailsift::classify
