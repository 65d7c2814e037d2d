// HttpServer on cpp-httplib (serve/http_server.h).
#include "paperpress/serve/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>

#include "gzip.h"
#include "paperpress/serve/content_type.h"
#include "worker_pool.h"

namespace paperpress {

namespace {

ServeRequest request_of(const httplib::Request& req) {
  ServeRequest request;
  request.method = req.method;
  request.target = req.target;
  request.headers.assign(req.headers.begin(), req.headers.end());
  request.params.assign(req.params.begin(), req.params.end());
  return request;
}

// What httplib should send of a body, and how: always with its length through a content
// provider, which httplib never compresses (its own compression is brotli at quality 11: 320 ms
// for a part page of 168 KB, 10 ms for a search shard), gzipped here at zlib's fastest level
// when the client takes gzip (1 ms for that page), as static hosts such as GitHub Pages send it.
void send_body(std::string body, std::string_view type, const httplib::Request& req,
               httplib::Response& res) {
  if (body.empty()) return;
  if (is_compressible_type(type) && !req.has_header("Range") &&
      req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
    if (auto zipped = gzip(body)) {
      body = std::move(*zipped);
      res.set_header("Content-Encoding", "gzip");
    }
  }
  res.set_header("Vary", "Accept-Encoding");
  auto bytes = std::make_shared<const std::string>(std::move(body));
  res.set_content_provider(
      bytes->size(), std::string(type),
      [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(bytes->data() + offset, length);
      });
}

void send(ServeResponse&& response, const httplib::Request& req, httplib::Response& res) {
  res.status = response.status;
  std::string type;
  for (auto& [name, value] : response.headers) {
    if (http_name_equal(name, "Content-Type")) {
      type = value;  // the content provider sets it
      continue;
    }
    res.set_header(name, value);
  }
  if (!response.stream) {
    if (response.body.empty() && !type.empty()) res.set_header("Content-Type", type);
    send_body(std::move(response.body), type, req, res);
    return;
  }
  // The stream lives as long as httplib keeps this provider.
  res.set_chunked_content_provider(
      type, [stream = std::move(response.stream)](size_t, httplib::DataSink& sink) {
        auto chunk = stream();
        if (!chunk) return false;
        if (!sink.write(chunk->text.data(), chunk->text.size())) return false;
        if (chunk->last) sink.done();
        return true;
      });
}

class HttplibServer final : public HttpServer {
 public:
  HttplibServer(const HttpServerOptions& options, HttpHandler handler) {
    size_t threads = options.max_threads;
    http_.new_task_queue = [threads] { return new WorkerPool(threads); };
    // Replaces httplib's default SO_REUSEPORT, which would let a second server bind the same
    // port and silently take half the connections.
    http_.set_socket_options([this](int sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listen_fd_ = sock;
    });
    auto ms = options.io_timeout.count();
    http_.set_read_timeout(ms / 1000, (ms % 1000) * 1000);
    http_.set_write_timeout(ms / 1000, (ms % 1000) * 1000);
    http_.set_keep_alive_max_count(options.keep_alive_requests);
    http_.set_keep_alive_timeout(options.keep_alive.count());
    http_.set_payload_max_length(options.max_request_body);
    http_.set_tcp_nodelay(true);
    http_.set_pre_routing_handler(
        [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
          ServeResponse response;
          handler(request_of(req), response);
          send(std::move(response), req, res);
          return httplib::Server::HandlerResponse::Handled;
        });
  }

  ~HttplibServer() override { stop(); }

  int bind(const std::string& host, int port) override {
    errno = 0;
    int bound = port == 0                        ? http_.bind_to_any_port(host)
                : http_.bind_to_port(host, port) ? port
                                                 : -1;
    if (bound < 0) return -1;
    // httplib listens with a backlog of 5; a burst of connections would wait for SYN retries.
    if (listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
    bound_ = true;
    return bound;
  }

  // serve() and stop() each announce themselves before looking at the other: either serve()
  // sees stop() and returns at once, or stop() sees serve() and waits for it.
  void serve() override {
    entered_ = true;
    if (bound_ && !stopping_) http_.listen_after_bind();
    served_ = true;
  }

  void stop() override {
    if (stopping_.exchange(true) || !entered_) return;
    // httplib's stop() does nothing until its accept loop has started.
    while (!http_.is_running() && !served_) pause();
    http_.stop();
    while (!served_) pause();
  }

 private:
  httplib::Server http_;
  int listen_fd_ = -1;
  bool bound_ = false;
  std::atomic<bool> stopping_{false}, entered_{false}, served_{false};

  static void pause() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
};

}  // namespace

std::unique_ptr<HttpServer> make_http_server(const HttpServerOptions& options,
                                             HttpHandler handler) {
  return std::make_unique<HttplibServer>(options, std::move(handler));
}

}  // namespace paperpress
