#include "paperpress/serve/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "serve_support.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::raw_get;
using testing::raw_http;

// The NEEDED entries of the ELF file at `path`, one per line; empty without readelf.
std::string needed_libraries(const std::string& path) {
  std::string command = "readelf -d '" + path + "' 2>/dev/null | grep NEEDED";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[512];
    while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    ::pclose(pipe);
  }
  return out;
}

// A server serving on its own thread.
class TestServer {
 public:
  explicit TestServer(HttpHandler handler) {
    server_ = make_http_server(HttpServerOptions{}, std::move(handler));
    port_ = server_->bind("127.0.0.1", 0);
    EXPECT_GT(port_, 0);
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~TestServer() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = -1;
};

TEST(ServeHttpServer, FieldNamesCompareWithoutCase) {
  HttpFields fields = {{"If-None-Match", "\"a\""}, {"since", "1.2"}};
  EXPECT_EQ(http_field(fields, "if-none-match"), "\"a\"");
  EXPECT_EQ(http_field(fields, "IF-NONE-MATCH"), "\"a\"");
  EXPECT_EQ(http_field(fields, "Since"), "1.2");
  EXPECT_EQ(http_field(fields, "If-None-Matc"), "");
  EXPECT_TRUE(http_name_equal("Content-Type", "content-type"));
  EXPECT_FALSE(http_name_equal("Content-Type", "content-typo"));
}

TEST(ServeHttpServer, HandlerSeesTheRequestAndItsResponseIsSent) {
  std::mutex mutex;
  ServeRequest seen;
  TestServer server([&](const ServeRequest& req, ServeResponse& res) {
    {
      std::lock_guard lock(mutex);
      seen = req;
    }
    res.status = 201;
    res.set_header("Content-Type", "text/plain; charset=utf-8");
    res.set_header("X-Test", "yes");
    res.body = "made\n";
  });
  auto reply = raw_get(server.port(), "/a%20b/?since=1%2E2&x=y", "If-None-Match: \"e\"\r\n");
  EXPECT_EQ(reply.status, 201);
  EXPECT_EQ(reply.body, "made\n");
  EXPECT_EQ(reply.header("X-Test"), "yes");
  EXPECT_EQ(reply.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(reply.header("Content-Length"), "5");
  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/a%20b/?since=1%2E2&x=y");  // as sent, still encoded
  EXPECT_EQ(seen.header("if-none-match"), "\"e\"");
  EXPECT_EQ(seen.param("since"), "1.2");  // decoded
  EXPECT_EQ(seen.param("x"), "y");
}

TEST(ServeHttpServer, HeadGetsTheHeadersWithoutTheBody) {
  TestServer server([](const ServeRequest&, ServeResponse& res) {
    res.set_header("Content-Type", "text/html; charset=utf-8");
    res.body = "<p>page</p>";
  });
  auto reply =
      raw_http(server.port(), "HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Length"), "11");
  EXPECT_EQ(reply.body, "");
}

// Text goes gzipped to a client that takes gzip, as a static host sends it, never in brotli
// (httplib's, at quality 11, took 320 ms for a page of 168 KB); as it is to any other client,
// to a range request, and when it is not text.
TEST(ServeHttpServer, TextIsGzippedForAClientThatTakesGzipAndNeverBrotli) {
  std::string page;
  for (int i = 0; i < 500; ++i) page += "<li><a href=\"p" + std::to_string(i) + ".html\">Paper</a></li>\n";
  TestServer server([&](const ServeRequest& req, ServeResponse& res) {
    res.set_header("Content-Type", req.target == "/font" ? "font/woff2" : "text/html; charset=utf-8");
    res.body = page;
  });
  auto zipped = raw_get(server.port(), "/", "Accept-Encoding: gzip, deflate, br, zstd\r\n");
  EXPECT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(zipped.header("Content-Length"), std::to_string(zipped.body.size()));
  EXPECT_LT(zipped.body.size(), page.size() / 5);
  ASSERT_GE(zipped.body.size(), 2u);
  EXPECT_EQ(zipped.body.substr(0, 2), "\x1f\x8b");
  for (const char* extra : {"Accept-Encoding: br\r\n", "", "Accept-Encoding: gzip\r\nRange: bytes=0-9\r\n"}) {
    auto plain = raw_get(server.port(), "/", extra);
    EXPECT_EQ(plain.header("Content-Encoding"), "") << extra;
    EXPECT_EQ(plain.body, std::string(extra).find("Range") == std::string::npos ? page : page.substr(0, 10))
        << extra;
  }
  auto font = raw_get(server.port(), "/font", "Accept-Encoding: gzip, br\r\n");
  EXPECT_EQ(font.header("Content-Encoding"), "");
  EXPECT_EQ(font.body, page);
}

TEST(ServeHttpServer, StreamSendsChunksUntilTheLastOne) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  TestServer server([calls](const ServeRequest&, ServeResponse& res) {
    res.set_header("Content-Type", "text/event-stream");
    res.stream = [calls]() -> std::optional<HttpChunk> {
      int n = ++*calls;
      return HttpChunk{"data: " + std::to_string(n) + "\n\n", n == 3};
    };
  });
  auto reply = raw_get(server.port(), "/events");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "text/event-stream");
  EXPECT_EQ(reply.header("Transfer-Encoding"), "chunked");
  EXPECT_NE(reply.body.find("data: 1\n\n"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("data: 3\n\n"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("\r\n0\r\n\r\n"), std::string::npos) << reply.body;  // ended
  EXPECT_EQ(calls->load(), 3);
}

TEST(ServeHttpServer, StopsBeforeServingStartedAndAfterBindFailed) {
  auto server = make_http_server(HttpServerOptions{}, [](const ServeRequest&, ServeResponse&) {});
  ASSERT_GT(server->bind("127.0.0.1", 0), 0);
  server->stop();   // serve() never called: returns at once
  server->serve();  // and serve() after stop() returns at once too

  auto other = make_http_server(HttpServerOptions{}, [](const ServeRequest&, ServeResponse&) {});
  EXPECT_EQ(other->bind("no-such-host.invalid", 1), -1);
  other->stop();
}

// Only paperpress-serve maps httplib and the OpenSSL Debian builds it with; every other command
// starts without them, and without libcurl, which is loaded when a command first uses the
// network (docs/performance.md, "Start-up").
TEST(ServeHttpServer, OnlyTheServeProgramLinksHttplib) {
  std::string program = needed_libraries(PAPERPRESS_BINARY);
  if (program.empty()) GTEST_SKIP() << "no readelf";
  EXPECT_EQ(program.find("httplib"), std::string::npos) << program;
  EXPECT_EQ(program.find("libcurl"), std::string::npos) << program;
  EXPECT_EQ(program.find("libssl"), std::string::npos) << program;
  EXPECT_EQ(program.find("libcrypto"), std::string::npos) << program;
  std::string serve = needed_libraries(PAPERPRESS_SERVE_BINARY);
  EXPECT_NE(serve.find("libcpp-httplib"), std::string::npos) << serve;
}

}  // namespace
}  // namespace paperpress
