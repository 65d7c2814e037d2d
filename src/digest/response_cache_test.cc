#include "paperpress/digest/response_cache.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace paperpress {
namespace {

TEST(ResponseCache, KeepsAnswersByUrlAndRequest) {
  testing::TempDir dir;
  ResponseCache cache(dir / "digest");
  const std::string body = "{\"model\":\"m\",\"messages\":[]}";
  EXPECT_FALSE(cache.find("http://x/v1/chat/completions", body));
  ASSERT_TRUE(cache.store("http://x/v1/chat/completions", body, "{\"raw\": true}"));
  EXPECT_EQ(*cache.find("http://x/v1/chat/completions", body), "{\"raw\": true}");
  EXPECT_FALSE(cache.find("http://y/v1/chat/completions", body));
  EXPECT_FALSE(cache.find("http://x/v1/chat/completions", "{\"model\":\"n\",\"messages\":[]}"));
  EXPECT_NE(ResponseCache::key("u", "a"), ResponseCache::key("u", "b"));
  EXPECT_EQ(ResponseCache::key("u", "a").size(), 32u);
}

TEST(ResponseCache, ADamagedEntryIsAMiss) {
  testing::TempDir dir;
  ResponseCache cache(dir.path());
  const std::string body = "{\"model\":\"m\"}";
  testing::write_text(dir / (ResponseCache::key("u", body) + ".json"), "{not json");
  EXPECT_FALSE(cache.find("u", body));
}

}  // namespace
}  // namespace paperpress
