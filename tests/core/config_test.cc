#include "core/config.h"

#include "support/test_support.h"

namespace mailsift {
namespace {

using testing::TempDir;

TEST(ConfigTest, FileThenEnvironmentThenSet) {
  TempDir dir;
  auto path = dir.write("config.toml", R"(
data_dir = "/from/file"
[llm]
provider = "openai"
model = "gpt-x"
[ingest]
max_message_size = "10MB"
batch = 250
tags = ["a", "b"]
)");
  Config config;
  ASSERT_OK(config.load_file(path.string(), true));
  std::string e1 = "MAILSIFT_LLM_MODEL=llama3", e2 = "MAILSIFT_DATA_DIR=/from/env", e3 = "OTHER=x";
  char* env[] = {e1.data(), e2.data(), e3.data(), nullptr};
  config.load_env(env);
  config.set("llm.provider", "ollama");
  EXPECT_EQ(config.get("llm.model"), "llama3");
  EXPECT_EQ(config.get("data_dir"), "/from/env");
  EXPECT_EQ(config.get("llm.provider"), "ollama");
  EXPECT_EQ(config.get_int("ingest.batch", 1).value(), 250);
  EXPECT_EQ(config.get_list("ingest.tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(parse_size(config.get("ingest.max_message_size")).value(), 10u * 1024 * 1024);
  EXPECT_EQ(config.get("missing", "dflt"), "dflt");
}

TEST(ConfigTest, BadValuesNameTheKey) {
  Config config;
  config.set("search.limit", "ten");
  auto r = config.get_int("search.limit", 10);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("search.limit"), std::string::npos);
  EXPECT_FALSE(parse_size("lots"));
}

TEST(ConfigTest, BadTomlSaysWhere) {
  TempDir dir;
  auto path = dir.write("bad.toml", "[llm\nprovider = 1\n");
  Config config;
  auto r = config.load_file(path.string(), true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kParse);
  EXPECT_NE(r.error().message.find(":1:"), std::string::npos);
  EXPECT_OK(config.load_file((dir.path() / "absent.toml").string(), false));
}

}  // namespace
}  // namespace mailsift
