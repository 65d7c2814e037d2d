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

// A server from the plugin beside the test program, serving on its own thread.
class PluginServer {
 public:
  explicit PluginServer(HttpHandler handler) {
    auto server = load_http_server(HttpServerOptions{}, std::move(handler));
    if (!server) {
      ADD_FAILURE() << server.error().message;
      return;
    }
    server_ = std::move(*server);
    port_ = server_->bind("127.0.0.1", 0);
    EXPECT_GT(port_, 0);
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~PluginServer() {
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
  PluginServer server([&](const ServeRequest& req, ServeResponse& res) {
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
  PluginServer server([](const ServeRequest&, ServeResponse& res) {
    res.set_header("Content-Type", "text/html; charset=utf-8");
    res.body = "<p>page</p>";
  });
  auto reply =
      raw_http(server.port(), "HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Length"), "11");
  EXPECT_EQ(reply.body, "");
}

TEST(ServeHttpServer, StreamSendsChunksUntilTheLastOne) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  PluginServer server([calls](const ServeRequest&, ServeResponse& res) {
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
  auto server = load_http_server(HttpServerOptions{}, [](const ServeRequest&, ServeResponse&) {});
  ASSERT_TRUE(server) << server.error().message;
  ASSERT_GT((*server)->bind("127.0.0.1", 0), 0);
  (*server)->stop();   // serve() never called: returns at once
  (*server)->serve();  // and serve() after stop() returns at once too

  auto other = load_http_server(HttpServerOptions{}, [](const ServeRequest&, ServeResponse&) {});
  ASSERT_TRUE(other);
  EXPECT_EQ((*other)->bind("no-such-host.invalid", 1), -1);
  (*other)->stop();
}

TEST(ServeHttpServer, PluginErrorsNameTheFile) {
  testing::TempDir dir;
  auto missing = load_http_plugin(dir / "paperpress-http.so");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find((dir / "paperpress-http.so").string()), std::string::npos)
      << missing.error().message;
  EXPECT_NE(missing.error().message.find("missing"), std::string::npos);

  testing::write_text(dir / "junk.so", "not a shared object\n");
  auto junk = load_http_plugin(dir / "junk.so");
  ASSERT_FALSE(junk);
  EXPECT_NE(junk.error().message.find("junk.so"), std::string::npos) << junk.error().message;

  // A shared object that is not the plugin: the C++ library every program here loads.
  std::string libstdcxx;
  for (const char* candidate : {"/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/libstdc++.so.6"})
    if (std::filesystem::exists(candidate)) libstdcxx = candidate;
  if (!libstdcxx.empty()) {
    auto other = load_http_plugin(libstdcxx);
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("not a paperpress plugin"), std::string::npos)
        << other.error().message;
  }
}

TEST(ServeHttpServer, ThePluginIsFoundBesideTheProgram) {
  auto candidates = http_plugin_candidates();
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].filename(), kHttpPluginFile);
  EXPECT_EQ(candidates[1].parent_path().filename(), "paperpress");
  EXPECT_EQ(candidates[1].parent_path().parent_path().filename(), "lib");
  auto plugin = load_http_plugin(candidates[0]);
  ASSERT_TRUE(plugin) << plugin.error().message;
  EXPECT_EQ((*plugin)->abi, kHttpPluginAbi);
  EXPECT_STREQ((*plugin)->version, PAPERPRESS_VERSION);
}

// The point of the plugin: the program itself does not load httplib and OpenSSL at start.
TEST(ServeHttpServer, TheProgramDoesNotLinkHttplib) {
  std::string program = needed_libraries(PAPERPRESS_BINARY);
  if (program.empty()) GTEST_SKIP() << "no readelf";
  EXPECT_EQ(program.find("httplib"), std::string::npos) << program;
  EXPECT_EQ(program.find("libssl"), std::string::npos) << program;
  EXPECT_EQ(program.find("libcrypto"), std::string::npos) << program;
  std::string plugin = needed_libraries(http_plugin_candidates()[0].string());
  EXPECT_NE(plugin.find("libcpp-httplib"), std::string::npos) << plugin;
}

}  // namespace
}  // namespace paperpress
