#include "paperpress/ingest/curl_library.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace paperpress {
namespace {

TEST(CurlLibrary, LoadedOnceForEveryCallerOnAnyThread) {
  std::vector<const CurlLibrary*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&seen, i] {
      auto curl = curl_library();
      ASSERT_TRUE(curl) << curl.error().message;
      seen[i] = *curl;
    });
  for (auto& t : threads) t.join();
  for (const CurlLibrary* lib : seen) EXPECT_EQ(lib, seen[0]);
  ASSERT_NE(seen[0], nullptr);
  EXPECT_STREQ(seen[0]->easy_strerror(CURLE_OK), "No error");
}

TEST(CurlLibrary, HandlesCarryTheSharedOptions) {
  CurlHandle handle(HttpOptions{"paperpress-test", 1, 1, 0, 0});
  ASSERT_NE(handle.get(), nullptr) << handle.error();
  // Only http and https: any other scheme is refused before a connection is tried, with
  // curl's message for it.
  handle.set(CURLOPT_URL, "file:///etc/hostname");
  CURLcode code = handle.perform();
  EXPECT_EQ(code, CURLE_UNSUPPORTED_PROTOCOL);
  EXPECT_NE(handle.message(code).find("file"), std::string::npos) << handle.message(code);
}

}  // namespace
}  // namespace paperpress
