#include "paperpress/config/digest_config.h"

#include <gtest/gtest.h>

#include "paperpress/config/config.h"

namespace paperpress {
namespace {

const char* kBase = "title = \"t\"\n";

Result<Config> parse(const std::string& digest) {
  return Config::parse(std::string(kBase) + digest, "site.toml");
}

TEST(DigestConfig, DefaultsWithoutATableAreExtractive) {
  auto c = parse("");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_FALSE(c->digest.uses_model());
  EXPECT_EQ(c->digest.api_key_env, "PAPERPRESS_LLM_API_KEY");
  EXPECT_EQ(c->digest.papers, 10);
  EXPECT_DOUBLE_EQ(c->digest.delay_seconds, 1.0);
}

TEST(DigestConfig, ReadsEveryKey) {
  auto c = parse(
      "[digest]\napi_url = \"http://127.0.0.1:11434/v1/\"\nmodel = \"llama3\"\n"
      "api_key_env = \"MY_KEY\"\npapers = 3\ndelay_seconds = 0.5\nmax_tries = 2\n"
      "timeout_seconds = 9\nmax_response_bytes = 2048\nmax_tokens = 100\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->digest.api_url, "http://127.0.0.1:11434/v1");  // trailing slash dropped
  EXPECT_EQ(c->digest.model, "llama3");
  EXPECT_EQ(c->digest.api_key_env, "MY_KEY");
  EXPECT_EQ(c->digest.papers, 3);
  EXPECT_DOUBLE_EQ(c->digest.delay_seconds, 0.5);
  EXPECT_EQ(c->digest.max_tries, 2);
  EXPECT_DOUBLE_EQ(c->digest.timeout_seconds, 9);
  EXPECT_EQ(c->digest.max_response_bytes, 2048);
  EXPECT_EQ(c->digest.max_tokens, 100);
  EXPECT_TRUE(c->digest.uses_model());
}

TEST(DigestConfig, ErrorsNameTheLineAndKey) {
  auto unknown = parse("[digest]\nmodel = \"m\"\napi_key = \"sk-secret\"\n");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "site.toml:4: unknown key 'digest.api_key'");
  auto papers = parse("[digest]\npapers = 0\n");
  ASSERT_FALSE(papers);
  EXPECT_EQ(papers.error().message, "site.toml:3: 'digest.papers' must be at least 1");
  auto delay = parse("[digest]\ndelay_seconds = \"x\"\n");
  ASSERT_FALSE(delay);
  EXPECT_EQ(delay.error().message, "site.toml:3: 'digest.delay_seconds' must be a number");
  auto url = parse("[digest]\napi_url = \"ftp://x\"\nmodel = \"m\"\n");
  ASSERT_FALSE(url);
  EXPECT_NE(url.error().message.find("site.toml:3: 'digest.api_url' must start with http"),
            std::string::npos);
  auto no_model = parse("[digest]\napi_url = \"http://x/v1\"\n");
  ASSERT_FALSE(no_model);
  EXPECT_NE(no_model.error().message.find("no 'model'"), std::string::npos);
  auto key_in_env = parse("[digest]\napi_key_env = \"sk-abc-123\"\n");
  ASSERT_FALSE(key_in_env);
  EXPECT_NE(key_in_env.error().message.find("name of an environment variable"), std::string::npos);
  auto not_table = parse("digest = 3\n");
  ASSERT_FALSE(not_table);
  EXPECT_EQ(not_table.error().message, "site.toml:2: 'digest' must be a table ([digest])");
}

}  // namespace
}  // namespace paperpress
