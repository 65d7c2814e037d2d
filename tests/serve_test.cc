// paperpress serve over real HTTP on loopback: the preview server on a hand-made folder
// (content types, folders, 404, HEAD, 304, traversal, limits, concurrency, event streams), the
// session on a real site (rebuild, reload, build errors, swaps under load) and the binary
// (URL, signals, port in use).
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "paperpress/cli/serve_command.h"
#include "paperpress/serve/preview_server.h"
#include "paperpress/serve/serve_session.h"
#include "paperpress/util/fs.h"
#include "serve_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using testing::EventReader;
using testing::generation_of;
using testing::raw_get;
using testing::raw_http;
using testing::TempDir;
using testing::write_text;

constexpr std::string_view kSecret = "TOP-SECRET-CONTENT-7f3a";
constexpr std::string_view kScriptMarker = "data-paperpress=\"live-reload\"";

size_t count_of(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

std::string page(const std::string& title) {
  return "<!doctype html>\n<html><head><title>" + title + "</title></head>\n<body>\n<h1>" + title +
         "</h1>\n<a href=\"papers/\">papers</a>\n</body>\n</html>\n";
}

// A built site's shape, written by hand, and a secret file beside (not inside) it.
class ServeServer : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_ / "site";
    write_text(root_ / "index.html", page("Home"));
    write_text(root_ / "404.html", page("Page not found"));
    write_text(root_ / "about.html", page("About"));
    write_text(root_ / "papers" / "index.html", page("Papers"));
    write_text(root_ / "papers" / "README.md", "# Papers\n");
    write_text(root_ / "papers" / "llm" / "feed.xml", "<feed/>\n");
    write_text(root_ / "papers" / "llm" / "chart.svg", "<svg/>\n");
    write_text(root_ / "assets" / "style.css", "body{}\n");
    write_text(root_ / "assets" / "app.js", "let x;\n");
    write_text(root_ / "sitemap.xml", "<urlset/>\n");
    write_text(root_ / "robots.txt", "User-agent: *\n");
    write_text(root_ / "data.json", "{}\n");
    write_text(root_ / "logo.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    write_text(root_ / "photo.jpg", "\xff\xd8\xff");
    write_text(root_ / "favicon.ico", std::string("\0\0\1\0", 4));
    write_text(root_ / ".paperpress-output", "marker\n");
    write_text(dir_ / "outside" / "secret.txt", std::string(kSecret));
    fs::create_symlink(dir_ / "outside" / "secret.txt", root_ / "leak.txt");
    fs::create_symlink(dir_ / "outside", root_ / "leakdir");
  }

  void start(ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<PreviewServer>(options);
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
  }
  void publish(const std::string& base_path = "") {
    auto old = server_->publish(root_, base_path);
    ASSERT_TRUE(old) << old.error().message;
  }
  httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(testing::kPatience);
    return client.Get(path, headers);
  }

  TempDir dir_;
  fs::path root_;
  std::unique_ptr<PreviewServer> server_;
  int port_ = 0;
};

TEST_F(ServeServer, SendsTheRightContentTypes) {
  start();
  publish();
  const std::pair<const char*, const char*> cases[] = {
      {"/", "text/html; charset=utf-8"},
      {"/assets/style.css", "text/css; charset=utf-8"},
      {"/assets/app.js", "text/javascript; charset=utf-8"},
      {"/papers/llm/chart.svg", "image/svg+xml"},
      {"/papers/llm/feed.xml", "application/xml; charset=utf-8"},
      {"/sitemap.xml", "application/xml; charset=utf-8"},
      {"/papers/README.md", "text/markdown; charset=utf-8"},
      {"/robots.txt", "text/plain; charset=utf-8"},
      {"/data.json", "application/json"},
      {"/logo.png", "image/png"},
      {"/photo.jpg", "image/jpeg"},
      {"/favicon.ico", "image/x-icon"},
  };
  for (const auto& [path, type] : cases) {
    auto res = get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), type) << path;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache") << path;
  }
  auto png = get("/logo.png");
  EXPECT_EQ(png->body, std::string("\x89PNG\r\n\x1a\n\0\0", 10));
}

TEST_F(ServeServer, ServesFolderIndexesRedirectsAndTheNotFoundPage) {
  start();
  publish();
  auto home = get("/");
  EXPECT_NE(home->body.find("<h1>Home</h1>"), std::string::npos);
  auto papers = get("/papers/");
  EXPECT_NE(papers->body.find("<h1>Papers</h1>"), std::string::npos);
  auto bare = raw_get(port_, "/papers?x=1");
  EXPECT_EQ(bare.status, 301);
  EXPECT_EQ(bare.header("Location"), "/papers/?x=1");
  auto extensionless = get("/about");
  EXPECT_EQ(extensionless->status, 200);
  EXPECT_NE(extensionless->body.find("<h1>About</h1>"), std::string::npos);

  for (const char* missing : {"/missing.html", "/papers/nope/", "/.paperpress-output"}) {
    auto res = get(missing);
    EXPECT_EQ(res->status, 404) << missing;
    EXPECT_NE(res->body.find("<h1>Page not found</h1>"), std::string::npos) << missing;
    EXPECT_EQ(count_of(res->body, kScriptMarker), 1u) << missing;
  }
  fs::remove(root_ / "404.html");
  auto plain = get("/missing.html");
  EXPECT_EQ(plain->status, 404);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(ServeServer, AnswersHeadAndConditionalGets) {
  start();
  publish();
  auto full = get("/assets/style.css");
  std::string etag = full->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());

  auto head =
      raw_http(port_, "HEAD /assets/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(full->body.size()));
  EXPECT_EQ(head.header("ETag"), etag);
  EXPECT_EQ(head.body, "");

  auto same = get("/assets/style.css", {{"If-None-Match", etag}});
  EXPECT_EQ(same->status, 304);
  EXPECT_EQ(same->body, "");
  EXPECT_EQ(same->get_header_value("Cache-Control"), "no-cache");
  auto listed = get("/assets/style.css", {{"If-None-Match", "\"other\", " + etag}});
  EXPECT_EQ(listed->status, 304);
  auto other = get("/assets/style.css", {{"If-None-Match", "\"other\""}});
  EXPECT_EQ(other->status, 200);
  EXPECT_EQ(other->body, "body{}\n");

  write_text(root_ / "assets" / "style.css", "body{color:red}\n");
  auto changed = get("/assets/style.css", {{"If-None-Match", etag}});
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), etag);

  auto page_etag = get("/")->get_header_value("ETag");
  EXPECT_EQ(get("/", {{"If-None-Match", page_etag}})->status, 304);
}

TEST_F(ServeServer, InjectsTheReloadScriptIntoServedHtmlOnly) {
  start();
  publish();
  auto home = get("/");
  EXPECT_EQ(count_of(home->body, kScriptMarker), 1u);
  EXPECT_LT(home->body.find(kScriptMarker), home->body.find("</body>"));
  EXPECT_EQ(generation_of(home->body), server_->current()->generation);
  EXPECT_EQ(testing::read_text(root_ / "index.html"), page("Home"));
  EXPECT_EQ(get("/assets/style.css")->body, "body{}\n");
  EXPECT_EQ(get("/papers/README.md")->body, "# Papers\n");
}

TEST_F(ServeServer, NeverServesAFileOutsideTheFolder) {
  start();
  publish();
  std::string secret_rel = "outside/secret.txt";  // relative to dir_, the site's parent
  const std::string attempts[] = {
      "/../etc/passwd",
      "/../" + secret_rel,
      "/%2e%2e/" + secret_rel,
      "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/a/..%2f..%2f" + secret_rel,
      "/papers/..%2f..%2f" + secret_rel,
      "/..\\" + secret_rel,
      "/%5c..%5c" + secret_rel,
      "/.%2e/" + secret_rel,
      "//etc/passwd",
      "/" + (dir_ / "outside" / "secret.txt").string(),
      "/%2f" + (dir_ / "outside" / "secret.txt").string().substr(1),
      "/leak.txt",
      "/leakdir/secret.txt",
      "/leakdir/",
      "/index.html%00.txt",
      "/%00",
      "http://127.0.0.1/../" + secret_rel,
      "../" + secret_rel,
  };
  for (const std::string& target : attempts) {
    auto reply = raw_get(port_, target);
    EXPECT_TRUE(reply.status == 400 || reply.status == 404) << target << " → " << reply.status;
    EXPECT_EQ(reply.body.find(kSecret), std::string::npos) << target;
    EXPECT_EQ(reply.body.find("root:x:0:0"), std::string::npos) << target;
  }
  // A raw NUL byte in the request line.
  auto nul = raw_http(port_, std::string("GET /index.html\0/../../etc/passwd HTTP/1.1\r\n", 44) +
                                 "Host: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(nul.status, 200);
  EXPECT_EQ(nul.body.find("root:x:0:0"), std::string::npos);
}

TEST_F(ServeServer, RefusesOversizedRequestsAndOtherMethods) {
  start();
  publish();
  auto long_target = raw_get(port_, "/" + std::string(20000, 'a'));
  EXPECT_NE(long_target.status, 200);
  EXPECT_EQ(long_target.body.find("<h1>"), std::string::npos);
  auto long_header = raw_get(port_, "/", "X-Big: " + std::string(20000, 'b') + "\r\n");
  EXPECT_NE(long_header.status, 200);
  auto post = raw_http(port_,
                       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                       "Connection: close\r\n\r\nhi");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("Allow"), "GET, HEAD");
}

TEST_F(ServeServer, ClosesSlowClientsAndKeepsServingOthers) {
  ServerOptions options;
  options.io_timeout = std::chrono::milliseconds(300);
  start(options);
  publish();
  int slow = testing::connect_loopback(port_);
  ASSERT_GE(slow, 0);
  ASSERT_TRUE(testing::send_all(slow, "GET / HTTP/1.1\r\nHost: x\r\n"));  // never finished
  EXPECT_EQ(get("/")->status, 200);
  std::string got;
  EXPECT_TRUE(testing::read_until_closed(slow, got));
  EXPECT_EQ(got.find("200 OK"), std::string::npos);
  ::close(slow);
}

TEST_F(ServeServer, HalfClosedConnectionsNeitherHangNorStopOthers) {
  ServerOptions options;
  options.io_timeout = std::chrono::milliseconds(300);
  start(options);
  publish();
  // A whole request, then the client closes its sending side: the server closes the
  // connection in bounded time (it may or may not answer first) and keeps serving.
  int whole = testing::connect_loopback(port_);
  ASSERT_GE(whole, 0);
  ASSERT_TRUE(testing::send_all(whole, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ::shutdown(whole, SHUT_WR);
  std::string answer;
  EXPECT_TRUE(testing::read_until_closed(whole, answer));
  if (!answer.empty()) EXPECT_NE(answer.find("HTTP/1.1 200 OK"), std::string::npos) << answer;
  ::close(whole);
  // Half a request line, then the sending side closed: the server drops it and serves others.
  int half = testing::connect_loopback(port_);
  ASSERT_GE(half, 0);
  ASSERT_TRUE(testing::send_all(half, "GET /papers/ HT"));
  ::shutdown(half, SHUT_WR);
  EXPECT_EQ(get("/")->status, 200);
  std::string got;
  EXPECT_TRUE(testing::read_until_closed(half, got));
  EXPECT_EQ(got.find("200 OK"), std::string::npos);
  ::close(half);
  EXPECT_EQ(get("/papers/")->status, 200);
}

TEST_F(ServeServer, ServesManyConcurrentClients) {
  start();
  publish();
  const std::string expected = get("/papers/")->body;
  constexpr int kClients = 64, kRequests = 20;
  std::atomic<int> ok{0}, bad{0};
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", port_);
      client.set_keep_alive(true);
      client.set_read_timeout(testing::kPatience);
      for (int i = 0; i < kRequests; ++i) {
        auto res = client.Get("/papers/");
        (res && res->status == 200 && res->body == expected ? ok : bad)++;
      }
    });
  for (auto& t : clients) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(ok, kClients * kRequests);
  EXPECT_EQ(bad, 0);
  std::printf("[ figures  ] %d clients × %d keep-alive GETs of a %zu-byte page: %.0f requests/s\n",
              kClients, kRequests, expected.size(), kClients * kRequests / secs);
}

TEST_F(ServeServer, OpenEventStreamsNeverStarvePages) {
  ServerOptions options;
  options.max_event_streams = 4;
  options.max_threads = 8;  // raised to streams + 8 by the server
  start(options);
  publish();
  std::string gen = server_->current()->generation;
  std::vector<std::unique_ptr<EventReader>> tabs;
  for (int i = 0; i < 4; ++i) {
    tabs.push_back(std::make_unique<EventReader>(port_, gen));
    ASSERT_TRUE(tabs.back()->wait_for("retry: 1000")) << i;
  }
  // A fifth tab is told to come back later instead of taking a thread.
  {
    EventReader extra(port_, gen);
    EXPECT_TRUE(extra.wait_for("retry: 10000"));
  }
  EXPECT_EQ(server_->events().open_streams(), 4u);

  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 24; ++c)
    clients.emplace_back([&] {
      auto res = get("/papers/");
      if (res && res->status == 200) ++ok;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok, 24);

  // Stopping ends every open stream.
  server_->stop();
  for (auto& tab : tabs) EXPECT_TRUE(tab->wait_closed());
}

TEST_F(ServeServer, EventStreamsReloadPagesAndReportErrors) {
  start();
  publish();
  std::string first = server_->current()->generation;
  EventReader current(port_, first);
  ASSERT_TRUE(current.wait_for("retry: 1000\n\n"));
  EventReader stale(port_, "an-older-build");
  EXPECT_TRUE(stale.wait_for("event: reload\ndata: " + first + "\n\n"));

  server_->publish_error("site.toml:3: unknown key 'titel'");
  EXPECT_TRUE(current.wait_for("event: build-error\ndata: site.toml:3: unknown key 'titel'\n\n"));
  EXPECT_EQ(get("/")->status, 200);  // the last good build is still served

  publish();
  std::string second = server_->current()->generation;
  EXPECT_NE(second, first);
  EXPECT_TRUE(current.wait_for("event: reload\ndata: " + second + "\n\n"));
  EXPECT_TRUE(current.wait_ended());
  EXPECT_EQ(generation_of(get("/")->body), second);
}

TEST_F(ServeServer, ServesASubPathSiteAsDeployed) {
  start();
  publish("/archive");
  auto root = raw_get(port_, "/");
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(root.header("Location"), "/archive/");
  auto bare = raw_get(port_, "/archive");
  EXPECT_EQ(bare.status, 301);
  EXPECT_EQ(bare.header("Location"), "/archive/");
  EXPECT_NE(get("/archive/")->body.find("<h1>Home</h1>"), std::string::npos);
  EXPECT_EQ(get("/archive/assets/style.css")->body, "body{}\n");
  auto folder = raw_get(port_, "/archive/papers");
  EXPECT_EQ(folder.status, 301);
  EXPECT_EQ(folder.header("Location"), "/archive/papers/");
  for (const char* outside : {"/assets/style.css", "/archivex/", "/other/index.html"}) {
    auto res = get(outside);
    EXPECT_EQ(res->status, 404) << outside;
    EXPECT_NE(res->body.find("Page not found"), std::string::npos) << outside;
  }
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port_) + "/archive/");
}

TEST_F(ServeServer, BeforeAnyBuildShowsTheErrorAndReloadsOnTheFirst) {
  start();
  server_->publish_error("site.toml:3: unknown key 'titel'");
  auto res = get("/anything");
  EXPECT_EQ(res->status, 500);
  EXPECT_NE(res->body.find("site.toml:3: unknown key &#39;titel&#39;"), std::string::npos);
  EventReader tab(port_, generation_of(res->body));
  ASSERT_TRUE(tab.wait_for("retry: 1000"));
  publish();
  EXPECT_TRUE(tab.wait_for("event: reload"));
  EXPECT_EQ(get("/")->status, 200);
}

// ---- The session: real builds of a sample site --------------------------------------------

class ServeSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::make_sample_site(site_.path());
    ASSERT_FALSE(fs::exists(site_ / "sample-failed.txt"))
        << testing::read_text(site_ / "sample-failed.txt");
  }
  void start() {
    ServeOptions options;
    options.site_dir = site_.path();
    options.server.port = 0;
    options.poll_interval = std::chrono::milliseconds(20);
    options.build_threads = 2;
    auto session = ServeSession::start(options, [this](const ServeEvent& e) {
      std::lock_guard lock(mutex_);
      events_.push_back(e);
    });
    ASSERT_TRUE(session) << session.error().message;
    session_ = std::move(*session);
    port_ = session_->port();
  }
  httplib::Result get(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(testing::kPatience);
    return client.Get(path);
  }
  void TearDown() override {
    if (session_) session_->stop();  // before the event log below goes away
  }
  std::string current_generation() { return session_->server().current()->generation; }
  std::vector<ServeEvent> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }

  TempDir site_;
  std::unique_ptr<ServeSession> session_;
  int port_ = 0;
  std::mutex mutex_;
  std::vector<ServeEvent> events_;
};

TEST_F(ServeSessionTest, RebuildsAndReloadsWhenContentChanges) {
  start();
  EXPECT_EQ(session_->url(), "http://127.0.0.1:" + std::to_string(port_) + "/test/");
  auto about = get("/test/about.html");
  ASSERT_EQ(about->status, 200);
  EXPECT_NE(about->body.find("The first version of this page."), std::string::npos);
  auto home = get("/test/");
  EXPECT_NE(home->body.find("Test archive"), std::string::npos);

  EventReader tab(port_, generation_of(about->body));
  ASSERT_TRUE(tab.wait_for("retry: 1000"));
  testing::replace_text(site_ / "content" / "about.md",
                        "---\ntitle: About this archive\n---\nThe second version of this page.\n");
  EXPECT_TRUE(tab.wait_for("event: reload"));
  auto after = get("/test/about.html");
  EXPECT_NE(after->body.find("The second version of this page."), std::string::npos);
  EXPECT_EQ(count_of(after->body, kScriptMarker), 1u);

  // Built into the preview folder, not public/, and the files on disk have no script.
  EXPECT_FALSE(fs::exists(site_ / "public"));
  std::string on_disk = testing::read_text(session_->server().current()->root / "about.html");
  EXPECT_NE(on_disk.find("The second version of this page."), std::string::npos);
  EXPECT_EQ(on_disk.find(kScriptMarker), std::string::npos);
  auto log = events();
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log.back().kind, ServeEvent::Kind::kBuilt);
  EXPECT_EQ(log.back().change.first, "content/about.md");
}

TEST_F(ServeSessionTest, ABrokenSiteTomlKeepsTheLastGoodBuildServed) {
  start();
  std::string good = testing::read_text(site_ / "site.toml");
  EventReader tab(port_, current_generation());
  ASSERT_TRUE(tab.wait_for("retry: 1000"));
  testing::replace_text(site_ / "site.toml", good + "titel = \"typo\"\n");
  EXPECT_TRUE(tab.wait_for("event: build-error\ndata: "));
  EXPECT_TRUE(tab.wait_for("site.toml"));
  EXPECT_TRUE(tab.wait_for("titel"));
  auto page = get("/test/about.html");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("The first version of this page."), std::string::npos);
  auto log = events();
  EXPECT_EQ(log.back().kind, ServeEvent::Kind::kFailed);
  EXPECT_TRUE(log.back().has_good_build);
  EXPECT_EQ(log.back().error.find('\n'), std::string::npos);

  testing::replace_text(site_ / "site.toml", good);
  EXPECT_TRUE(tab.wait_for("event: reload"));
  EXPECT_EQ(events().back().kind, ServeEvent::Kind::kBuilt);
}

TEST_F(ServeSessionTest, ABrokenTemplateIsReportedAndItsFixReloads) {
  start();
  EventReader tab(port_, current_generation());
  ASSERT_TRUE(tab.wait_for("retry: 1000"));
  testing::replace_text(site_ / "templates" / "home.html", "{{#unclosed}\n");
  EXPECT_TRUE(tab.wait_for("event: build-error"));
  EXPECT_TRUE(tab.wait_for("home.html"));
  EXPECT_EQ(get("/test/")->status, 200);
  fs::remove(site_ / "templates" / "home.html");
  EXPECT_TRUE(tab.wait_for("event: reload"));
}

TEST_F(ServeSessionTest, RequestsDuringRebuildsAlwaysGetWholePages) {
  start();
  const std::string css = get("/test/assets/style.css")->body;
  ASSERT_FALSE(css.empty());
  std::atomic<bool> done{false};
  std::atomic<int> responses{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(failures_mutex);
    if (failures.size() < 5) failures.push_back(what);
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r)
    readers.emplace_back([&, r] {
      httplib::Client client("127.0.0.1", port_);
      client.set_keep_alive(true);
      client.set_read_timeout(testing::kPatience);
      const char* paths[] = {"/test/", "/test/about.html", "/test/papers/",
                             "/test/assets/style.css"};
      for (int i = r; !done; ++i) {
        std::string path = paths[i % 4];
        auto res = client.Get(path);
        ++responses;
        if (!res || res->status != 200) {
          fail(path + ": " + (res ? std::to_string(res->status) : "no response"));
        } else if (path.ends_with(".css")) {
          if (res->body != css) fail(path + ": a different stylesheet");
        } else if (!res->body.ends_with("</html>\n") || count_of(res->body, kScriptMarker) != 1 ||
                   res->body.find("<!doctype html>") != 0) {
          fail(path + ": an incomplete page of " + std::to_string(res->body.size()) + " bytes");
        }
      }
    });
  for (int edit = 1; edit <= 4; ++edit) {
    EventReader tab(port_, current_generation());
    ASSERT_TRUE(tab.wait_for("retry: 1000"));
    testing::replace_text(site_ / "content" / "about.md",
                          "---\ntitle: About\n---\nEdit number " + std::to_string(edit) + ".\n");
    ASSERT_TRUE(tab.wait_for("event: reload")) << edit;
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  EXPECT_GT(responses, 0);
  EXPECT_NE(get("/test/about.html")->body.find("Edit number 4."), std::string::npos);
}

TEST_F(ServeSessionTest, AFirstBuildThatFailsIsServedUntilFixed) {
  std::string good = testing::read_text(site_ / "site.toml");
  testing::replace_text(site_ / "site.toml", good + "[archive.nope]\n");
  start();
  auto events_now = events();
  ASSERT_EQ(events_now.size(), 1u);
  EXPECT_EQ(events_now[0].kind, ServeEvent::Kind::kFailed);
  EXPECT_FALSE(events_now[0].has_good_build);
  auto res = get("/");
  EXPECT_EQ(res->status, 500);
  EXPECT_NE(res->body.find("site.toml"), std::string::npos);
  EventReader tab(port_, generation_of(res->body));
  ASSERT_TRUE(tab.wait_for("event: build-error"));
  testing::replace_text(site_ / "site.toml", good);
  EXPECT_TRUE(tab.wait_for("event: reload"));
  EXPECT_EQ(get("/test/")->status, 200);
}

TEST_F(ServeSessionTest, OnePreviewFolderServesOneSession) {
  start();
  ServeOptions options;
  options.site_dir = site_.path();
  options.server.port = 0;
  auto second = ServeSession::start(options, nullptr);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find(".paperpress-serve"), std::string::npos)
      << second.error().message;

  options.preview_dir = site_ / "content" / "preview";
  auto inside = ServeSession::start(options, nullptr);
  ASSERT_FALSE(inside);
  EXPECT_NE(inside.error().message.find("content/"), std::string::npos);

  options.preview_dir = site_ / "other-preview";
  options.server.port = port_;  // taken by the first session
  auto taken = ServeSession::start(options, nullptr);
  ASSERT_FALSE(taken);
  EXPECT_NE(taken.error().message.find(std::to_string(port_)), std::string::npos)
      << taken.error().message;
}

// ---- The binary ------------------------------------------------------------------------------

TEST(ServeCli, PrintsTheUrlServesAndStopsCleanlyOnSignals) {
  TempDir site;
  testing::make_sample_site(site.path());
  for (int signal : {SIGINT, SIGTERM}) {
    testing::ServeProcess serve({"--site", site.path().string(), "serve", "--port", "0"});
    std::string url = serve.wait_for_url();
    ASSERT_FALSE(url.empty()) << serve.stderr_text();
    int port = testing::port_of(url);
    EXPECT_EQ(url, "http://127.0.0.1:" + std::to_string(port) + "/test/");
    httplib::Client client("127.0.0.1", port);
    auto home = client.Get("/test/");
    ASSERT_TRUE(home);
    EXPECT_EQ(home->status, 200);
    EXPECT_NE(home->body.find("Test archive"), std::string::npos);
    EventReader tab(port, generation_of(home->body));
    ASSERT_TRUE(tab.wait_for("retry: 1000"));
    EXPECT_EQ(serve.stop(signal), 0) << serve.stderr_text();
    EXPECT_TRUE(tab.wait_closed());
    EXPECT_NE(serve.stderr_text().find("built"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(site / "public"));
  EXPECT_TRUE(fs::exists(site / ".paperpress-serve" / "a" / "index.html"));
}

TEST(ServeCli, APortInUseIsAOneLineError) {
  TempDir site;
  testing::make_sample_site(site.path(), 5);
  httplib::Server blocker;
  int port = blocker.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  auto r = testing::run_paperpress(
      {"--site", site.path().string(), "serve", "--port", std::to_string(port)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("paperpress: error: cannot listen on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << r.err;
}

// The program alone, without paperpress-serve beside it: everything but serve works, and serve
// says what is missing in one line.
TEST(ServeCli, WithoutTheServeProgramServeSaysSoAndBuildStillWorks) {
  TempDir site, bin;
  testing::make_sample_site(site.path(), 5);
  fs::copy_file(PAPERPRESS_BINARY, bin / "paperpress");
  std::string program = (bin / "paperpress").string();
  auto serve =
      testing::run_program({program, "--site", site.path().string(), "serve", "--port", "0"});
  EXPECT_EQ(serve.exit_code, 1);
  EXPECT_EQ(std::count(serve.err.begin(), serve.err.end(), '\n'), 1) << serve.err;
  EXPECT_NE(serve.err.find("paperpress: error: cannot start the preview server: " +
                           (bin / "paperpress-serve").string() + " is missing"),
            std::string::npos)
      << serve.err;
  auto build = testing::run_program({program, "--site", site.path().string(), "build"});
  EXPECT_EQ(build.exit_code, 0) << build.err;
  EXPECT_TRUE(fs::exists(site / "public" / "index.html"));

  // Installed as cmake --install lays it out: bin/paperpress and bin/paperpress-serve.
  fs::create_directories(bin / "bin");
  fs::rename(bin / "paperpress", bin / "bin" / "paperpress");
  fs::copy_file(PAPERPRESS_SERVE_BINARY, bin / "bin" / "paperpress-serve");
  testing::ServeProcess installed({"--site", site.path().string(), "-q", "serve", "--port", "0"},
                                  (bin / "bin" / "paperpress").string());
  std::string url = installed.wait_for_url();
  ASSERT_FALSE(url.empty()) << installed.stderr_text();
  auto home = testing::raw_get(testing::port_of(url), "/test/");
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(installed.stop(SIGTERM), 0) << installed.stderr_text();
  // -q went along: no "built:" line, and no "stopped" at the end.
  EXPECT_EQ(installed.stderr_text().find("built"), std::string::npos) << installed.stderr_text();
  EXPECT_EQ(installed.stderr_text().find("stopped"), std::string::npos) << installed.stderr_text();
}

// Its command line is checked before paperpress-serve starts, with the usage exit code.
TEST(ServeCli, ABadOptionIsAUsageError) {
  auto r = testing::run_paperpress({"serve", "--port", "70000"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  auto help = testing::run_paperpress({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("--poll-ms"), std::string::npos) << help.out;
}

// paperpress-serve takes every option of `paperpress serve`, the global ones included.
TEST(ServeCli, ServeProgramArgumentsCarryEveryOption) {
  GlobalOptions global{"/some site", true};
  ServeArgs args{"0.0.0.0", 8080, "/tmp/p", 50};
  EXPECT_EQ(serve_program_args(global, args),
            (std::vector<std::string>{"--site", "/some site", "--quiet", "--host", "0.0.0.0",
                                      "--port", "8080", "--poll-ms", "50", "--out", "/tmp/p"}));
  EXPECT_EQ(serve_program_args(GlobalOptions{}, ServeArgs{}),
            (std::vector<std::string>{"--site", ".", "--host", "127.0.0.1", "--port", "1313",
                                      "--poll-ms", "300"}));
}

}  // namespace
}  // namespace paperpress
