// The preview server's network edge: an HTTP server that hands each request to a handler,
// on cpp-httplib (src/serve/http_server.cc).
//
// Only the program paperpress-serve links it (`paperpress serve` runs that program): Debian's
// libcpp-httplib is built with OpenSSL, zlib and brotli, and mapping them at every start would
// cost every other command (docs/performance.md, "Start-up").
//
//   auto server = make_http_server(options, [](const ServeRequest& req, ServeResponse& res) {
//     res.body = "hello\n";
//   });
//   int port = server->bind("127.0.0.1", 0);   // or -1, errno saying why
//   std::thread t([&] { server->serve(); });   // until stop()
//   server->stop();
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperpress {

using HttpFields = std::vector<std::pair<std::string, std::string>>;

// Field names compare without case.
inline bool http_name_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// The value of field `name`, or "" when absent.
inline std::string http_field(const HttpFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields)
    if (http_name_equal(key, name)) return value;
  return "";
}

struct ServeRequest {
  std::string method;  // "GET", "HEAD", ...
  std::string target;  // as sent: the path, still encoded, and the query with its '?'
  HttpFields headers;  // as sent
  HttpFields params;   // the query's parameters, decoded

  std::string header(std::string_view name) const { return http_field(headers, name); }
  std::string param(std::string_view name) const { return http_field(params, name); }
};

// One piece of a streamed response; `last` ends the response after it.
struct HttpChunk {
  std::string text;
  bool last = false;
};

struct ServeResponse {
  int status = 200;
  HttpFields headers;  // Content-Type among them; Content-Length is the server's
  std::string body;    // not sent for HEAD
  // Set for a response sent as it is made (server-sent events): called on the connection's
  // thread until it gives a last chunk, or nothing, which closes the connection.
  std::function<std::optional<HttpChunk>()> stream;

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

using HttpHandler = std::function<void(const ServeRequest&, ServeResponse&)>;

struct HttpServerOptions {
  size_t max_threads = 64;  // connections served at once; one thread each while open
  std::chrono::milliseconds io_timeout{5000};  // each read and write of a connection
  size_t keep_alive_requests = 100;            // per connection
  std::chrono::seconds keep_alive{1};          // an idle connection is closed after this
  size_t max_request_body = 64 * 1024;
};

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // Binds host:port (0: any free port) with SO_REUSEADDR, never SO_REUSEPORT, so that a second
  // server cannot share the port; the port, or -1 with errno saying why when it knows.
  virtual int bind(const std::string& host, int port) = 0;
  // Accepts and serves connections until stop(); once, after bind(), on a thread of its own.
  virtual void serve() = 0;
  // Stops accepting and returns once serve() has; requests in flight finish first. Safe to
  // call before serve() has started accepting, from any thread.
  virtual void stop() = 0;
};

// A server on cpp-httplib, not yet bound.
std::unique_ptr<HttpServer> make_http_server(const HttpServerOptions& options, HttpHandler handler);

}  // namespace paperpress
