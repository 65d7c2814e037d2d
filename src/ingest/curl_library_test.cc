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
  auto curl = curl_library();
  ASSERT_TRUE(curl) << curl.error().message;
  char errors[CURL_ERROR_SIZE] = {};
  CURL* h = new_curl_handle(**curl, HttpOptions{"paperpress-test", 1, 1, 0, 0}, errors);
  ASSERT_NE(h, nullptr);
  // Only http and https: any other scheme is refused before a connection is tried.
  (*curl)->easy_setopt(h, CURLOPT_URL, "file:///etc/hostname");
  EXPECT_EQ((*curl)->easy_perform(h), CURLE_UNSUPPORTED_PROTOCOL);
  EXPECT_NE(std::string(errors), "");  // the message went to the error buffer
  (*curl)->easy_cleanup(h);
}

}  // namespace
}  // namespace paperpress
