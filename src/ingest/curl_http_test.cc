// Real HTTP over loopback: the curl client and the PoliteClient against the fake arXiv server.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "fake_arxiv.h"
#include "paperpress/ingest/clock.h"
#include "paperpress/ingest/http.h"
#include "paperpress/ingest/polite_client.h"

namespace paperpress {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

HttpOptions test_options() {
  HttpOptions options;
  options.user_agent = "paperpress-test/0.1 (mailto:test@example.org)";
  options.timeout_seconds = 2;
  options.connect_timeout_seconds = 2;
  return options;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(CurlHttp, GetsStatusBodyAndHeaders) {
  FakeArxiv server;
  server.push(FakeResponse::ok("<feed>hello</feed>").with_header("X-Paper", "1605.08386"));
  auto http = make_curl_client(test_options());
  Result<HttpResponse> response = http->get(server.url("/api/query?id_list=1605.08386"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "<feed>hello</feed>");
  EXPECT_EQ(response->header("x-paper"), "1605.08386");
  EXPECT_EQ(response->header("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(response->header("Content-Length"), "18");
  ASSERT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.requests()[0].param("id_list"), "1605.08386");
}

TEST(CurlHttp, HttpErrorsAreResponses) {
  FakeArxiv server;
  server.push(FakeResponse::error(400, "<feed>incorrect id format</feed>"));
  auto http = make_curl_client(test_options());
  Result<HttpResponse> response = http->get(server.url("/api/query?id_list=abc"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->body, "<feed>incorrect id format</feed>");
}

TEST(CurlHttp, SendsUserAgent) {
  FakeArxiv server;
  auto http = make_curl_client(test_options());
  ASSERT_TRUE(http->get(server.url("/")).ok());
  ASSERT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.requests()[0].header("User-Agent"),
            "paperpress-test/0.1 (mailto:test@example.org)");
}

TEST(CurlHttp, AcceptsAndDecodesGzip) {
  FakeArxiv server;
  std::string body;
  for (int i = 0; i < 200; ++i) body += "<entry>" + std::to_string(i) + "</entry>\n";
  FakeResponse compressed = FakeResponse::ok(body);
  compressed.gzip = true;
  server.push(compressed);
  auto http = make_curl_client(test_options());
  Result<HttpResponse> response = http->get(server.url("/"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->header("Content-Encoding"), "gzip");
  EXPECT_LT(std::stoul(response->header("Content-Length")), body.size());
  EXPECT_EQ(response->body, body);
  EXPECT_TRUE(contains(server.requests()[0].header("Accept-Encoding"), "gzip"));
}

TEST(CurlHttp, ReusesOneConnection) {
  FakeArxiv server;
  auto http = make_curl_client(test_options());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(http->get(server.url("/" + std::to_string(i))).ok());
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].remote_port, requests[0].remote_port);
  EXPECT_EQ(requests[2].remote_port, requests[0].remote_port);
}

TEST(CurlHttp, FollowsRedirectsAndKeepsTheFinalHeaders) {
  FakeArxiv server;
  server.push(FakeResponse::redirect(server.url("/final")).with_header("X-Hop", "first"));
  server.push(FakeResponse::ok("arrived").with_header("X-Final", "yes"));
  auto http = make_curl_client(test_options());
  Result<HttpResponse> response = http->get(server.url("/start"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "arrived");
  EXPECT_EQ(response->header("X-Final"), "yes");
  EXPECT_EQ(response->header("X-Hop"), "");
  EXPECT_EQ(response->header("Location"), "");
  ASSERT_EQ(server.request_count(), 2u);
  EXPECT_EQ(server.requests()[1].path, "/final");
}

TEST(CurlHttp, RedirectLoopIsAnError) {
  FakeArxiv server;
  server.set_handler(FakeArxiv::redirect_to(server.url("/loop")));
  HttpOptions options = test_options();
  options.max_redirects = 3;
  auto http = make_curl_client(options);
  std::string url = server.url("/loop");
  Result<HttpResponse> response = http->get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(contains(response.error().message, "GET " + url + ": too many redirects"))
      << response.error().message;
  EXPECT_EQ(server.request_count(), 4u);  // the first request and three redirects
}

TEST(CurlHttp, TruncatedBodyIsAnError) {
  FakeArxiv server;
  FakeResponse cut = FakeResponse::ok("<feed><entry>0123456789</entry></feed>");
  cut.truncate_to = 10;
  server.push(cut);
  server.push(FakeResponse::ok("whole"));
  auto http = make_curl_client(test_options());
  std::string url = server.url("/cut");
  Result<HttpResponse> response = http->get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(contains(response.error().message, "GET " + url + ": ")) << response.error().message;
  // The client is still usable afterwards.
  Result<HttpResponse> again = http->get(url);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->body, "whole");
}

TEST(CurlHttp, ConnectionClosedWithoutResponseIsAnError) {
  FakeArxiv server;
  FakeResponse reset;
  reset.reset = true;
  server.push(reset);
  auto http = make_curl_client(test_options());
  std::string url = server.url("/reset");
  Result<HttpResponse> response = http->get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(contains(response.error().message, "GET " + url + ": ")) << response.error().message;
}

TEST(CurlHttp, BodyOverTheLimitIsAnError) {
  FakeArxiv server;
  server.push(FakeResponse::ok(std::string(5000, 'x')));
  HttpOptions options = test_options();
  options.max_response_bytes = 1000;
  auto http = make_curl_client(options);
  std::string url = server.url("/big");
  Result<HttpResponse> response = http->get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().message, "GET " + url + ": response larger than 1000 bytes");
}

TEST(CurlHttp, DecodedBodyOverTheLimitIsAnError) {
  // Small on the wire, large once decoded: the limit is enforced while receiving.
  FakeArxiv server;
  FakeResponse bomb = FakeResponse::ok(std::string(100000, 'x'));
  bomb.gzip = true;
  server.push(bomb);
  HttpOptions options = test_options();
  options.max_response_bytes = 1000;
  auto http = make_curl_client(options);
  std::string url = server.url("/bomb");
  Result<HttpResponse> response = http->get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().message, "GET " + url + ": response larger than 1000 bytes");
}

TEST(CurlHttp, BodyAtTheLimitIsFine) {
  FakeArxiv server;
  server.push(FakeResponse::ok(std::string(1000, 'x')));
  HttpOptions options = test_options();
  options.max_response_bytes = 1000;
  auto http = make_curl_client(options);
  Result<HttpResponse> response = http->get(server.url("/"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body.size(), 1000u);
}

TEST(CurlHttp, StalledServerTimesOut) {
  auto start = std::chrono::steady_clock::now();
  {
    FakeArxiv server;
    FakeResponse stall = FakeResponse::ok(std::string(1000, 'x'));
    stall.hang_seconds = 60;
    server.push(stall);
    HttpOptions options = test_options();
    options.timeout_seconds = 1;
    auto http = make_curl_client(options);
    std::string url = server.url("/stall");
    Result<HttpResponse> response = http->get(url);
    ASSERT_FALSE(response.ok());
    EXPECT_TRUE(contains(response.error().message, "GET " + url + ": "))
        << response.error().message;
  }
  EXPECT_LT(seconds_since(start), 30);  // bounded by the 1 s timeout, far below the 60 s stall
}

TEST(CurlHttp, ConnectionRefusedIsAnError) {
  std::string url;
  {
    FakeArxiv gone;
    url = gone.url("/");
  }
  auto http = make_curl_client(test_options());
  Result<HttpResponse> response = http->get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(contains(response.error().message, "GET " + url + ": ")) << response.error().message;
}

TEST(CurlHttp, OnlyHttpUrls) {
  auto http = make_curl_client(test_options());
  Result<HttpResponse> response = http->get("file:///etc/passwd");
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(contains(response.error().message, "GET file:///etc/passwd: "));
}

// The PoliteClient on the real clock and the real client.
RetryPolicy fast_policy() {
  RetryPolicy policy;
  policy.delay_seconds = 0;
  policy.max_tries = 3;
  policy.backoff_seconds = 0.05;
  policy.max_wait_seconds = 5;
  return policy;
}

TEST(PoliteClientLoopback, HonoursRetryAfter) {
  FakeArxiv server;
  server.push(FakeResponse::error(429).with_header("Retry-After", "1"));
  server.push(FakeResponse::ok("<feed/>"));
  auto http = make_curl_client(test_options());
  PoliteClient client(*http, system_clock(), fast_policy());
  Result<HttpResponse> response = client.get(server.url("/api/query"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_GE(requests[1].arrival - requests[0].arrival, 0.99);
  EXPECT_EQ(client.requests_made(), 2);
}

TEST(PoliteClientLoopback, GivesUpOnA503StormWithTheLastResponse) {
  FakeArxiv server;
  server.set_handler([](const FakeRequest&) { return FakeResponse::error(503, "busy"); });
  auto http = make_curl_client(test_options());
  PoliteClient client(*http, system_clock(), fast_policy());
  Result<HttpResponse> response = client.get(server.url("/api/query"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->body, "busy");
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(client.requests_made(), 3);
}

TEST(PoliteClientLoopback, PacesRequestsAsSeenByTheServer) {
  FakeArxiv server;
  auto http = make_curl_client(test_options());
  RetryPolicy policy = fast_policy();
  policy.delay_seconds = 0.3;
  PoliteClient client(*http, system_clock(), policy);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(client.get(server.url("/" + std::to_string(i))).ok());
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  for (size_t i = 1; i < requests.size(); ++i) {
    EXPECT_GE(requests[i].arrival - requests[i - 1].arrival, 0.29) << i;
  }
}

TEST(PoliteClientLoopback, RetriesATruncatedBody) {
  FakeArxiv server;
  FakeResponse cut = FakeResponse::ok("<feed>0123456789</feed>");
  cut.truncate_to = 5;
  server.push(cut);
  server.push(FakeResponse::ok("<feed>0123456789</feed>"));
  auto http = make_curl_client(test_options());
  PoliteClient client(*http, system_clock(), fast_policy());
  Result<HttpResponse> response = client.get(server.url("/"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "<feed>0123456789</feed>");
  EXPECT_EQ(server.request_count(), 2u);
}

TEST(PoliteClientLoopback, RetriesAClosedConnection) {
  FakeArxiv server;
  FakeResponse reset;
  reset.reset = true;
  server.push(reset);
  server.push(FakeResponse::ok("<feed/>"));
  auto http = make_curl_client(test_options());
  PoliteClient client(*http, system_clock(), fast_policy());
  Result<HttpResponse> response = client.get(server.url("/"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "<feed/>");
  EXPECT_EQ(server.request_count(), 2u);
}

TEST(PoliteClientLoopback, GivesUpOnTransportErrors) {
  FakeArxiv server;
  server.set_handler([](const FakeRequest&) {
    FakeResponse reset;
    reset.reset = true;
    return reset;
  });
  auto http = make_curl_client(test_options());
  PoliteClient client(*http, system_clock(), fast_policy());
  std::string url = server.url("/");
  Result<HttpResponse> response = client.get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(contains(response.error().message, "GET " + url + ": gave up after 3 tries: "))
      << response.error().message;
  EXPECT_EQ(client.requests_made(), 3);
  EXPECT_EQ(server.request_count(), 3u);
}

// The same client sending POSTs (the digest's language model).
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
