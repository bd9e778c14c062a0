// generate_object over a scripted model: native and tool modes, one repair, the typed failure.
#include "llm/structured.h"

#include <gtest/gtest.h>

#include "llm/scripted_chat_model.h"
#include "support/test_support.h"

namespace mailsift::llm {
namespace {

using mailsift::testing::ScriptedChatModel;

const Json kSchema = Json::parse(R"({"type":"object","properties":{
  "label":{"type":"string","enum":["BUSINESS","OPERATIONAL","NOISE"]},
  "confidence":{"type":"number","minimum":0,"maximum":1}},
  "required":["label","confidence"],"additionalProperties":false})");

ObjectRequest request() {
  ObjectRequest r;
  r.system = "Classify emails.";
  r.prompt = "Subject: Invoice 42";
  r.schema = kSchema;
  r.name = "classification";
  return r;
}

TEST(GenerateObjectTest, NativeModeParsesTheReplyText) {
  ScriptedChatModel model(/*native=*/true);
  model.push(ScriptedChatModel::text("```json\n{\"label\":\"BUSINESS\",\"confidence\":0.8}\n```"));
  auto r = generate_object(model, request());
  ASSERT_OK(r);
  EXPECT_EQ(r->value["label"], "BUSINESS");
  EXPECT_EQ(r->mode_used, StructuredMode::kNative);
  EXPECT_EQ(r->attempts, 1);
  auto sent = model.requests();
  ASSERT_EQ(sent.size(), 1u);
  ASSERT_TRUE(sent[0].response_format.has_value());
  EXPECT_EQ(sent[0].response_format->schema, kSchema);
  EXPECT_TRUE(sent[0].tools.empty());
}

TEST(GenerateObjectTest, ToolModeForcesTheToolAndReadsItsInput) {
  ScriptedChatModel model(/*native=*/false);
  model.push(ScriptedChatModel::calls(
      {ScriptedChatModel::call("t1", "classification", R"({"label":"NOISE","confidence":0.99})")}));
  auto r = generate_object(model, request());
  ASSERT_OK(r);
  EXPECT_EQ(r->value["label"], "NOISE");
  EXPECT_EQ(r->mode_used, StructuredMode::kTool);
  auto sent = model.requests();
  ASSERT_EQ(sent[0].tools.size(), 1u);
  EXPECT_EQ(sent[0].tools[0].input_schema, kSchema);
  EXPECT_EQ(sent[0].tool_choice.mode, ToolChoiceMode::kTool);
  EXPECT_EQ(sent[0].tool_choice.name, "classification");
}

TEST(GenerateObjectTest, RepairsOnceFeedingTheValidationErrorBack) {
  ScriptedChatModel model(true);
  model.push(ScriptedChatModel::text(R"({"label":"SPAM","confidence":0.5})"));
  model.push(ScriptedChatModel::text(R"({"label":"NOISE","confidence":0.5})"));
  auto r = generate_object(model, request());
  ASSERT_OK(r);
  EXPECT_EQ(r->value["label"], "NOISE");
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(r->usage.total_tokens, 30);
  auto sent = model.requests();
  ASSERT_EQ(sent.size(), 2u);
  const auto& repair = sent[1].messages;
  ASSERT_GE(repair.size(), 2u);
  EXPECT_EQ(repair[repair.size() - 2].role, Role::kAssistant);
  EXPECT_EQ(repair[repair.size() - 2].text(), R"({"label":"SPAM","confidence":0.5})");
  EXPECT_NE(repair.back().text().find("/label: must be one of"), std::string::npos) << repair.back().text();
}

TEST(GenerateObjectTest, RepairInToolModeAnswersTheCallWithAnErrorResult) {
  ScriptedChatModel model(false);
  model.push(ScriptedChatModel::calls({ScriptedChatModel::call("t1", "classification", R"({"label":"NOISE"})")}));
  model.push(ScriptedChatModel::calls(
      {ScriptedChatModel::call("t2", "classification", R"({"label":"NOISE","confidence":1})")}));
  auto r = generate_object(model, request());
  ASSERT_OK(r);
  auto sent = model.requests();
  const Message& last = sent[1].messages.back();
  ASSERT_EQ(last.role, Role::kTool);
  ASSERT_EQ(last.parts.size(), 1u);
  EXPECT_EQ(last.parts[0].tool_result.id, "t1");
  EXPECT_TRUE(last.parts[0].tool_result.is_error);
  EXPECT_NE(last.parts[0].tool_result.output.find("missing required property \"confidence\""), std::string::npos);
}

TEST(GenerateObjectTest, FailsWithATypedErrorKeepingRawTextAndUsage) {
  ScriptedChatModel model(true);
  model.push(ScriptedChatModel::text("I think it is business."));
  model.push(ScriptedChatModel::text("{\"label\": \"BUSINESS\""));  // malformed JSON
  ObjectFailure failure;
  auto r = generate_object(model, request(), &failure);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kParse);
  EXPECT_EQ(failure.raw_text, "{\"label\": \"BUSINESS\"");
  EXPECT_EQ(failure.usage.total_tokens, 30);
  EXPECT_EQ(failure.attempts, 2);
  EXPECT_NE(failure.validation_error.find("not valid JSON"), std::string::npos);
}

TEST(GenerateObjectTest, FallsBackToAToolWhenNativeOutputIsRejected) {
  ScriptedChatModel model(true);
  model.push_error(Error{Code::kInvalidArgument, "response_format json_schema is not supported", ""});
  model.push(ScriptedChatModel::calls(
      {ScriptedChatModel::call("t1", "classification", R"({"label":"NOISE","confidence":0.2})")}));
  auto r = generate_object(model, request());
  ASSERT_OK(r);
  EXPECT_EQ(r->mode_used, StructuredMode::kTool);
  EXPECT_EQ(r->attempts, 2);
}

TEST(GenerateObjectTest, PassesModelErrorsThrough) {
  ScriptedChatModel model(false);
  model.push_error(Error{Code::kUnavailable, "down", ""});
  auto r = generate_object(model, request());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kUnavailable);
}

}  // namespace
}  // namespace mailsift::llm
