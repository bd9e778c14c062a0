#include "llm/json_schema.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::llm {
namespace {

const Json kClassification = Json::parse(R"({
  "type": "object",
  "properties": {
    "label": {"type": "string", "enum": ["BUSINESS", "OPERATIONAL", "NOISE"]},
    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    "reason": {"type": "string", "minLength": 3, "maxLength": 20},
    "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
    "count": {"type": "integer"},
    "note": {"type": ["string", "null"]}
  },
  "required": ["label", "confidence"],
  "additionalProperties": false
})");

std::vector<std::string> problems(const Json& value) {
  std::vector<std::string> out;
  for (const auto& v : schema_violations(kClassification, value)) out.push_back(v.path + " " + v.message);
  return out;
}

TEST(JsonSchemaTest, AcceptsAValidObject) {
  EXPECT_OK(validate_json(
      kClassification,
      Json::parse(R"({"label":"NOISE","confidence":0.9,"reason":"newsletter","tags":["a"],"count":3.0,"note":null})")));
}

TEST(JsonSchemaTest, ReportsEachKindOfViolationWithItsPath) {
  EXPECT_EQ(problems(Json::parse(R"({"confidence":0.5})")),
            std::vector<std::string>{" missing required property \"label\""});
  EXPECT_EQ(problems(Json::parse(R"({"label":"SPAM","confidence":0.5})")),
            std::vector<std::string>{"/label must be one of \"BUSINESS\", \"OPERATIONAL\", \"NOISE\", got \"SPAM\""});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":1.5})")),
            std::vector<std::string>{"/confidence must be <= 1"});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":"high"})")),
            std::vector<std::string>{"/confidence expected number, got string"});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":0,"extra":1})")),
            std::vector<std::string>{" unexpected property \"extra\""});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":0,"tags":[]})")),
            std::vector<std::string>{"/tags must have at least 1 items"});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":0,"tags":["a",2]})")),
            std::vector<std::string>{"/tags/1 expected string, got integer"});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":0,"count":1.5})")),
            std::vector<std::string>{"/count expected integer, got number"});
  EXPECT_EQ(problems(Json::parse(R"({"label":"NOISE","confidence":0,"reason":"ab"})")),
            std::vector<std::string>{"/reason must be at least 3 characters long"});
  // Lengths count code points, not bytes.
  EXPECT_TRUE(problems(Json::parse(R"({"label":"NOISE","confidence":0,"reason":"été été été"})")).empty());
  EXPECT_EQ(problems(Json::parse("[1]")), std::vector<std::string>{" expected object, got array"});
}

TEST(JsonSchemaTest, ValidateJsonSummarisesForTheModel) {
  auto r = validate_json(kClassification, Json::parse(R"({"label":"X","confidence":7})"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
  EXPECT_NE(r.error().message.find("/label: must be one of"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("/confidence: must be <= 1"), std::string::npos) << r.error().message;
}

TEST(JsonSchemaTest, AdditionalPropertiesSchemaAnyOfAndUnknownKeywords) {
  Json schema = Json::parse(R"({"type":"object","additionalProperties":{"type":"integer"},
                                "properties":{"id":{"anyOf":[{"type":"string"},{"type":"integer","minimum":1}]}},
                                "x-custom":true,"format":"whatever"})");
  EXPECT_OK(validate_json(schema, Json::parse(R"({"id":"a","n":1})")));
  EXPECT_OK(validate_json(schema, Json::parse(R"({"id":4})")));
  EXPECT_FALSE(validate_json(schema, Json::parse(R"({"id":0})")).has_value());
  EXPECT_FALSE(validate_json(schema, Json::parse(R"({"n":"x"})")).has_value());
  EXPECT_OK(validate_json(Json::object(), Json::parse("[1,2]")));  // {} accepts anything
}

}  // namespace
}  // namespace mailsift::llm
