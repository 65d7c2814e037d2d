// The preview server: serves a built site folder over HTTP exactly as a static host would
// (under the base_url's path, index.html for folders, the site's 404.html), adds the live-reload
// script to HTML responses and runs the event stream that tells open pages to reload.
//
//   PreviewServer server(ServerOptions{});
//   auto port = server.start();                           // listening, on its own threads
//   auto old = server.publish("/site/.paperpress-serve/a", "/archive");
//   server.publish_error("site.toml:3: unknown key 'titel'");
//   server.stop();                                        // ends event streams, joins
//
// A published folder is only read, never written, while it is published: publish() returns
// the version it replaced, and that version's folder is still read by the requests that hold
// it until its use_count() drops to 1.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "paperpress/serve/event_hub.h"
#include "paperpress/serve/http_server.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback: the preview is for this machine only
  int port = 1313;                 // 0: any free port
  // Connections served at once, event streams included; at least max_event_streams + 8, so
  // that open tabs never take every thread.
  size_t max_threads = 64;
  size_t max_event_streams = 32;  // open tabs with live reload; more are told to retry later
  std::chrono::milliseconds io_timeout{5000};  // each read and write of a connection
  std::chrono::milliseconds heartbeat{15000};  // comment lines on idle event streams
};

// One published build.
struct SiteVersion {
  std::filesystem::path root;  // canonical
  std::string base_path;       // "" or "/archive"
  std::string generation;      // unique in this process
};

class PreviewServer {
 public:
  explicit PreviewServer(ServerOptions options);
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  // Makes the HTTP server (serve/http_server.h), binds host:port and serves on background
  // threads; returns the port. An error names the address.
  Result<int> start();
  // Ends the event streams, stops accepting, finishes the requests in flight and joins.
  void stop();

  // Serves the folder `root` under `base_path` from now on and tells open pages to reload.
  // Returns the version it replaces (nullptr for the first).
  Result<std::shared_ptr<const SiteVersion>> publish(const std::filesystem::path& root,
                                                     std::string base_path);
  // Shows `message` in open pages; the last published version stays served.
  void publish_error(std::string message);

  // The version being served, or nullptr before the first publish().
  std::shared_ptr<const SiteVersion> current() const;
  // "http://127.0.0.1:1313/archive/": the site's home page.
  std::string url() const;
  int port() const { return port_; }
  const EventHub& events() const { return hub_; }

 private:
  void handle(const ServeRequest& req, ServeResponse& res);
  void serve_events(const ServeRequest& req, ServeResponse& res);
  void serve_site(const ServeRequest& req, ServeResponse& res, const SiteVersion& site,
                  std::string_view path);
  void not_found(const ServeRequest& req, ServeResponse& res, const SiteVersion& site);

  ServerOptions options_;
  EventHub hub_;
  std::unique_ptr<HttpServer> http_;
  std::thread listener_;
  std::atomic<bool> stopped_{false};
  int port_ = 0;
  mutable std::mutex mutex_;
  std::shared_ptr<const SiteVersion> current_;
  uint64_t published_ = 0;
  const std::string instance_;  // part of every generation: pages from another run reload
};

}  // namespace paperpress
