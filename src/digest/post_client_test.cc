#include "paperpress/digest/post_client.h"

#include <gtest/gtest.h>

#include "fake_arxiv.h"

namespace paperpress {
namespace {

TEST(PostClient, PostsTheBodyAndHeadersAndFollowsNoRedirect) {
  FakeArxiv server;
  server.push(FakeResponse::ok("{\"ok\":1}", "application/json").with_header("X-Id", "7"));
  server.push(FakeResponse::redirect("http://127.0.0.1:1/elsewhere"));
  auto http = make_curl_post_client({});
  http->set_request({{"Authorization", "Bearer k"}, {"Content-Type", "application/json"}},
                    "{\"a\":1}");
  auto r = http->get(server.url("/v1/chat/completions"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "{\"ok\":1}");
  EXPECT_EQ(r->header("x-id"), "7");
  auto req = server.requests().at(0);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.body, "{\"a\":1}");
  EXPECT_EQ(req.header("Authorization"), "Bearer k");
  auto moved = http->get(server.url("/v1/chat/completions"));
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->status, 302);
  EXPECT_EQ(server.request_count(), 2u);
}

TEST(PostClient, RefusesAResponseOverTheLimit) {
  FakeArxiv server;
  server.push(FakeResponse::ok(std::string(5000, 'x'), "application/json"));
  HttpOptions options;
  options.max_response_bytes = 1024;
  auto http = make_curl_post_client(options);
  http->set_request({}, "{}");
  auto r = http->get(server.url("/v1/chat/completions"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("response larger than 1024 bytes"), std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace paperpress
