#include "paperpress/ingest/http.h"

#include <gtest/gtest.h>

namespace paperpress {
namespace {

TEST(HttpResponse, HeaderLookupIgnoresCase) {
  HttpResponse response;
  response.headers = {{"Content-Type", "application/atom+xml"}, {"Retry-After", "10"}};
  EXPECT_EQ(response.header("content-type"), "application/atom+xml");
  EXPECT_EQ(response.header("RETRY-AFTER"), "10");
  EXPECT_EQ(response.header("Retry-After"), "10");
}

TEST(HttpResponse, HeaderLookupReturnsFirstOfDuplicates) {
  HttpResponse response;
  response.headers = {{"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}};
  EXPECT_EQ(response.header("Set-Cookie"), "a=1");
}

TEST(HttpResponse, MissingHeaderIsEmpty) {
  HttpResponse response;
  EXPECT_EQ(response.header("Retry-After"), "");
  response.headers = {{"Retry-After-Extra", "1"}, {"Retry", "2"}};
  EXPECT_EQ(response.header("Retry-After"), "");
}

}  // namespace
}  // namespace paperpress
