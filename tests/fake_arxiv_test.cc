// The fake server checked with httplib's own client, independently of the curl client.
#include "fake_arxiv.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include <unistd.h>

#include "paperpress/ingest/clock.h"

namespace paperpress {
namespace {

std::unique_ptr<httplib::Client> client_for(const FakeArxiv& server, int read_timeout = 5) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", server.port());
  client->set_read_timeout(read_timeout, 0);
  client->set_connection_timeout(5, 0);
  client->set_decompress(false);
  client->set_url_encode(false);  // send queries exactly as written
  return client;
}

std::filesystem::path shared_fixtures() {
  return std::filesystem::path(PAPERPRESS_SOURCE_DIR) / ".." / "shared" / "fixtures" / "arxiv-api";
}

TEST(FakeArxiv, UrlNamesTheLoopbackPort) {
  FakeArxiv server;
  ASSERT_GT(server.port(), 0);
  EXPECT_EQ(server.url("/api/query?x=1"),
            "http://127.0.0.1:" + std::to_string(server.port()) + "/api/query?x=1");
  EXPECT_EQ(server.url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/");
}

TEST(FakeArxiv, RecordsRequests) {
  FakeArxiv server;
  server.set_handler([](const FakeRequest&) { return FakeResponse::ok("<feed/>"); });
  auto client = client_for(server);
  double before = system_clock().now();
  auto res = client->Get("/api/query?search_query=all%3Aelectron+proton&id_list=&start=10",
                         httplib::Headers{{"User-Agent", "paperpress-test/1.0"}});
  double after = system_clock().now();
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<feed/>");

  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const FakeRequest& request = requests[0];
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/api/query");
  EXPECT_EQ(request.query, "search_query=all%3Aelectron+proton&id_list=&start=10");
  EXPECT_EQ(request.param("search_query"), "all:electron proton");
  EXPECT_EQ(request.param("start"), "10");
  EXPECT_EQ(request.param("id_list"), "");
  EXPECT_EQ(request.param("absent"), "");
  EXPECT_EQ(request.header("user-agent"), "paperpress-test/1.0");
  EXPECT_GE(request.arrival, before);
  EXPECT_LE(request.arrival, after);
  EXPECT_GT(request.remote_port, 0);
  EXPECT_EQ(server.request_count(), 1u);
  server.clear_requests();
  EXPECT_EQ(server.request_count(), 0u);
}

TEST(FakeArxiv, WithoutHandlerAnswers404) {
  FakeArxiv server;
  auto res = client_for(server)->Get("/anything");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(FakeArxiv, QueueAnswersBeforeTheHandler) {
  FakeArxiv server;
  server.set_handler([](const FakeRequest& r) { return FakeResponse::ok("handler " + r.path); });
  server.push(FakeResponse::error(503, "busy"));
  server.push(FakeResponse::ok("second"));
  EXPECT_EQ(server.queued(), 2u);
  auto client = client_for(server);
  auto first = client->Get("/a");
  auto second = client->Get("/b");
  auto third = client->Get("/c");
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(first->body, "busy");
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "second");
  EXPECT_EQ(third->body, "handler /c");
  EXPECT_EQ(server.queued(), 0u);
}

TEST(FakeArxiv, SendsStatusHeadersAndContentType) {
  FakeArxiv server;
  server.push(FakeResponse::error(429, "slow down").with_header("Retry-After", "7"));
  server.push(FakeResponse::ok("<feed/>"));
  auto client = client_for(server);
  auto res = client->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "7");
  EXPECT_EQ(res->body, "slow down");
  res = client->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
}

TEST(FakeArxiv, NeverCompressesOnItsOwn) {
  FakeArxiv server;
  std::string body(5000, 'x');
  server.push(FakeResponse::ok(body, "text/plain"));
  auto res = client_for(server)->Get("/", httplib::Headers{{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->has_header("Content-Encoding"));
  EXPECT_EQ(res->body, body);
}

TEST(FakeArxiv, GzipsWhenAsked) {
  FakeArxiv server;
  std::string body(5000, 'x');
  FakeResponse response = FakeResponse::ok(body);
  response.gzip = true;
  server.push(response);
  auto res = client_for(server)->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  ASSERT_GE(res->body.size(), 2u);
  EXPECT_LT(res->body.size(), body.size());
  EXPECT_EQ(static_cast<unsigned char>(res->body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(res->body[1]), 0x8b);
}

TEST(FakeArxiv, TruncatedBodyIsShort) {
  FakeArxiv server;
  FakeResponse response = FakeResponse::ok("0123456789");
  response.truncate_to = 4;
  server.push(response);
  auto client = client_for(server);
  std::string received;
  auto res = client->Get("/", [&](const char* data, size_t n) {
    received.append(data, n);
    return true;
  });
  EXPECT_FALSE(res);
  EXPECT_EQ(received, "0123");
}

TEST(FakeArxiv, ResetClosesWithoutResponse) {
  FakeArxiv server;
  FakeResponse reset;
  reset.reset = true;
  server.push(reset);
  auto res = client_for(server)->Get("/");
  EXPECT_FALSE(res);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(FakeArxiv, DelayHoldsTheAnswer) {
  FakeArxiv server;
  FakeResponse response = FakeResponse::ok("late");
  response.delay_seconds = 0.2;
  server.push(response);
  auto start = std::chrono::steady_clock::now();
  auto res = client_for(server)->Get("/");
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "late");
  EXPECT_GE(elapsed, 0.2);
}

TEST(FakeArxiv, HangStallsMidBodyAndShutdownInterruptsIt) {
  auto start = std::chrono::steady_clock::now();
  {
    FakeArxiv server;
    FakeResponse response = FakeResponse::ok("0123456789");
    response.hang_seconds = 60;
    server.push(response);
    auto client = client_for(server, /*read_timeout=*/1);
    std::string received;
    auto res = client->Get("/", [&](const char* data, size_t n) {
      received.append(data, n);
      return true;
    });
    EXPECT_FALSE(res);
    EXPECT_EQ(received, "01234");
  }  // the destructor must not wait out the 60 s stall
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(elapsed, 30);
}

TEST(FakeArxiv, ShortHangThenCompletes) {
  FakeArxiv server;
  FakeResponse response = FakeResponse::ok("0123456789");
  response.hang_seconds = 0.2;
  server.push(response);
  auto res = client_for(server)->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "0123456789");
}

TEST(FakeArxiv, RedirectHelper) {
  FakeArxiv server;
  server.set_handler(FakeArxiv::redirect_to(server.url("/loop")));
  auto res = client_for(server)->Get("/start");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 302);
  EXPECT_EQ(res->get_header_value("Location"), server.url("/loop"));
}

TEST(FakeArxiv, ServesFilesChosenByRequest) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("fake_arxiv_files_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "1605.08386.xml") << "<feed>one</feed>";
  FakeArxiv server;
  server.set_handler(FakeArxiv::serve_files(
      dir, [](const FakeRequest& r) { return r.param("id_list") + ".xml"; }));
  auto client = client_for(server);
  auto found = client->Get("/api/query?id_list=1605.08386");
  auto missing = client->Get("/api/query?id_list=9999.99999");
  auto escape = client->Get("/api/query?id_list=../../etc/passwd%00");
  ASSERT_TRUE(found && missing && escape);
  EXPECT_EQ(found->status, 200);
  EXPECT_EQ(found->body, "<feed>one</feed>");
  EXPECT_EQ(found->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(escape->status, 404);
  std::filesystem::remove_all(dir);
}

TEST(FakeArxiv, ReplaysRecordedArxivResponses) {
  if (!std::filesystem::exists(shared_fixtures())) GTEST_SKIP() << "no shared fixtures";
  FakeArxiv server;
  server.set_handler(FakeArxiv::serve_arxiv_fixtures(shared_fixtures()));
  auto client = client_for(server);
  // Parameter order differs from the recording; empty parameters do not matter.
  auto paper = client->Get(
      "/api/query?id_list=1605.08386&start=0&max_results=100&sortOrder=descending&"
      "sortBy=relevance");
  auto bad_id = client->Get(
      "/api/query?search_query=&id_list=abc&sortBy=relevance&sortOrder=descending&start=0&"
      "max_results=100");
  auto unknown = client->Get("/api/query?id_list=1605.08386&start=0&max_results=7");
  ASSERT_TRUE(paper && bad_id && unknown);
  EXPECT_EQ(paper->status, 200);
  EXPECT_NE(paper->body.find("Heat-bath random walks with Markov bases"), std::string::npos);
  EXPECT_EQ(bad_id->status, 400);
  EXPECT_NE(bad_id->body.find("incorrect id format for abc"), std::string::npos);
  EXPECT_EQ(unknown->status, 404);
}

}  // namespace
}  // namespace paperpress
