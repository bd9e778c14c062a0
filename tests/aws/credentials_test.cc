#include "aws/credentials.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace mailsift::aws {
namespace {

using mailsift::testing::TempDir;

TEST(CredentialsTest, EnvironmentVariablesComeFirst) {
  auto env = net::env_from_map({{"AWS_ACCESS_KEY_ID", "AKIAENV"},
                                {"AWS_SECRET_ACCESS_KEY", "secretenv"},
                                {"AWS_SESSION_TOKEN", "tok"},
                                {"HOME", "/nonexistent"}});
  auto c = resolve_credentials(env);
  ASSERT_OK(c);
  EXPECT_EQ(c->access_key_id, "AKIAENV");
  EXPECT_EQ(c->session_token, "tok");
  EXPECT_EQ(c->source, "environment");
}

TEST(CredentialsTest, ReadsProfilesFromTheSharedFiles) {
  TempDir dir;
  auto creds = dir.write("aws/credentials",
                         "# comment\n[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n\n"
                         "[work]\naws_access_key_id=AKIAWORK\naws_secret_access_key=s2 ; inline comment\n"
                         "aws_session_token = t2\n");
  auto config = dir.write("aws/config",
                          "[default]\nregion = eu-west-1\n[profile cfgonly]\naws_access_key_id = AKIACFG\n"
                          "aws_secret_access_key = s3\nregion = ap-southeast-2\n[profile sso]\nsso_session = x\n");
  std::map<std::string, std::string> vars = {{"AWS_SHARED_CREDENTIALS_FILE", creds.string()},
                                             {"AWS_CONFIG_FILE", config.string()}};
  auto c = resolve_credentials(net::env_from_map(vars));
  ASSERT_OK(c);
  EXPECT_EQ(c->access_key_id, "AKIADEFAULT");

  vars["AWS_PROFILE"] = "work";
  c = resolve_credentials(net::env_from_map(vars));
  ASSERT_OK(c);
  EXPECT_EQ(c->access_key_id, "AKIAWORK");
  EXPECT_EQ(c->secret_access_key, "s2");
  EXPECT_EQ(c->session_token, "t2");

  c = resolve_credentials(net::env_from_map(vars), "cfgonly");
  ASSERT_OK(c);
  EXPECT_EQ(c->access_key_id, "AKIACFG");

  auto sso = resolve_credentials(net::env_from_map(vars), "sso");
  ASSERT_FALSE(sso.has_value());
  EXPECT_EQ(sso.error().code, Code::kInvalidArgument);

  auto missing = resolve_credentials(net::env_from_map(vars), "nope");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, Code::kNotFound);

  auto region = resolve_region(net::env_from_map(vars), "", "cfgonly");
  ASSERT_OK(region);
  EXPECT_EQ(*region, "ap-southeast-2");
  vars.erase("AWS_PROFILE");
  EXPECT_EQ(*resolve_region(net::env_from_map(vars)), "eu-west-1");
  vars["AWS_REGION"] = "us-west-2";
  EXPECT_EQ(*resolve_region(net::env_from_map(vars)), "us-west-2");
  EXPECT_EQ(*resolve_region(net::env_from_map(vars), "us-east-2"), "us-east-2");
}

TEST(CredentialsTest, MissingCredentialsGiveAHintAndNoSecrets) {
  auto env = net::env_from_map({{"HOME", "/nonexistent"}, {"AWS_SECRET_ACCESS_KEY", "onlythesecret"}});
  auto c = resolve_credentials(env);
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().code, Code::kPermission);
  EXPECT_FALSE(c.error().hint.empty());
  EXPECT_EQ(c.error().to_string().find("onlythesecret"), std::string::npos);
  auto region = resolve_region(env);
  ASSERT_FALSE(region.has_value());
}

}  // namespace
}  // namespace mailsift::aws
