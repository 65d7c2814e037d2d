#include "paperpress/serve/preview_server.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "paperpress/serve/content_type.h"
#include "paperpress/serve/reload_script.h"
#include "paperpress/serve/request_path.h"
#include "paperpress/util/fs.h"
#include "paperpress/util/text.h"
#include "paperpress/write/output_writer.h"

namespace paperpress {

namespace {

constexpr const char* kTextType = "text/plain; charset=utf-8";
// Requests to a static preview carry no body worth reading.
constexpr size_t kMaxRequestBody = 64 * 1024;
constexpr size_t kKeepAliveRequests = 100;
// An idle connection is closed after this long; it also bounds how long stop() waits for
// idle browser connections.
constexpr std::chrono::seconds kKeepAlive{1};
// Threads beyond the event streams' share: what plain requests can always count on.
constexpr size_t kRequestThreadsFloor = 8;

std::string instance_id() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  return std::to_string(ms);
}

// A weak validator of the exact bytes sent (FNV-1a, 64 bits).
std::string etag_of(std::string_view body) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return "W/\"" + hex64(h) + "\"";
}

// If-None-Match: "*" or a comma-separated list of entity tags, compared weakly.
bool etag_matches(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view tag) {
    if (starts_with(tag, "W/")) tag.remove_prefix(2);
    return tag;
  };
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(start, end - start);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*" || (!tag.empty() && opaque(tag) == opaque(etag))) return true;
    start = end + 1;
  }
  return false;
}

void send_text(ServeResponse& res, int status, std::string text) {
  res.status = status;
  res.set_header("Content-Type", kTextType);
  res.body = std::move(text);
}

void redirect(ServeResponse& res, std::string location, int status) {
  res.status = status;
  res.set_header("Location", std::move(location));
}

// Sends `body` (the live-reload script added to HTML) with its validator; answers 304 when
// the client holds the same bytes.
void send_body(const ServeRequest& req, ServeResponse& res, std::string body, std::string_view type,
               std::string_view generation, int status) {
  if (is_html_type(type)) body = inject_before_body_end(body, reload_script(generation));
  res.status = status;
  if (status == 200) {
    std::string etag = etag_of(body);
    bool fresh = etag_matches(req.header("If-None-Match"), etag);
    res.set_header("ETag", etag);
    if (fresh) {
      res.status = 304;
      return;
    }
  }
  res.set_header("Content-Type", std::string(type));
  res.body = std::move(body);
}

// The target's path as sent (still encoded), and its query with the '?'.
std::pair<std::string, std::string> split_target(const std::string& target) {
  size_t q = target.find('?');
  if (q == std::string::npos) return {target, ""};
  return {target.substr(0, q), target.substr(q)};
}

}  // namespace

PreviewServer::PreviewServer(ServerOptions options)
    : options_(std::move(options)), hub_(options_.max_event_streams), instance_(instance_id()) {}

PreviewServer::~PreviewServer() {
  stop();
}

Result<int> PreviewServer::start() {
  HttpServerOptions http;
  http.max_threads =
      std::max(options_.max_threads, options_.max_event_streams + kRequestThreadsFloor);
  http.io_timeout = options_.io_timeout;
  http.keep_alive_requests = kKeepAliveRequests;
  http.keep_alive = kKeepAlive;
  http.max_request_body = kMaxRequestBody;
  http_ = make_http_server(
      http, [this](const ServeRequest& req, ServeResponse& res) { handle(req, res); });

  int port = http_->bind(options_.host, options_.port);
  if (port < 0) {
    std::string why = errno ? std::string(": ") + std::strerror(errno) : std::string();
    return Error{"cannot listen on " + options_.host + ":" + std::to_string(options_.port) + why};
  }
  port_ = port;
  listener_ = std::thread([this] { http_->serve(); });
  return port;
}

void PreviewServer::stop() {
  if (stopped_.exchange(true)) return;
  hub_.close();
  if (!listener_.joinable()) return;
  http_->stop();
  listener_.join();
}

Result<std::shared_ptr<const SiteVersion>> PreviewServer::publish(const std::filesystem::path& root,
                                                                  std::string base_path) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(root, ec);
  if (ec) return Error{"cannot serve " + root.string() + ": " + ec.message()};
  auto version = std::make_shared<SiteVersion>();
  version->root = std::move(canonical);
  version->base_path = std::move(base_path);
  std::lock_guard lock(mutex_);
  version->generation = instance_ + "." + std::to_string(++published_);
  std::shared_ptr<const SiteVersion> old = std::exchange(current_, version);
  hub_.publish_build(version->generation);
  return old;
}

void PreviewServer::publish_error(std::string message) {
  hub_.publish_error(std::move(message));
}

std::shared_ptr<const SiteVersion> PreviewServer::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::string PreviewServer::url() const {
  std::string host = options_.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  auto site = current();
  return "http://" + host + ":" + std::to_string(port_) + (site ? site->base_path : "") + "/";
}

void PreviewServer::handle(const ServeRequest& req, ServeResponse& res) {
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    return send_text(res, 405, "405 method not allowed\n");
  }
  auto path = decode_request_path(req.target);
  if (!path) return send_text(res, 400, "400 bad request\n");
  if (*path == kEventsPath) return serve_events(req, res);

  std::shared_ptr<const SiteVersion> site = current();  // held until this request is done
  if (!site) {
    auto error = hub_.error();
    return send_body(req, res,
                     error_page(error ? *error : "The first build is running.", hub_.generation()),
                     "text/html; charset=utf-8", hub_.generation(), error ? 500 : 503);
  }
  const std::string& base = site->base_path;
  if (base.empty()) return serve_site(req, res, *site, std::string_view(*path).substr(1));
  if (*path == base) return redirect(res, split_target(req.target).first + "/", 301);
  if (path->size() > base.size() && starts_with(*path, base) && (*path)[base.size()] == '/')
    return serve_site(req, res, *site, std::string_view(*path).substr(base.size() + 1));
  if (*path == "/") return redirect(res, base + "/", 302);
  not_found(req, res, *site);
}

void PreviewServer::serve_site(const ServeRequest& req, ServeResponse& res, const SiteVersion& site,
                               std::string_view path) {
  std::string relative(path);
  Lookup found = lookup_in_root(site.root, relative);
  if (found.found == Found::kDirectory) {
    if (!relative.empty() && relative.back() != '/') {
      auto [raw_path, query] = split_target(req.target);
      return redirect(res, raw_path + "/" + query, 301);
    }
    found = lookup_in_root(site.root, relative + "index.html");
  } else if (found.found == Found::kMissing) {
    // As GitHub Pages does: "/about" serves about.html.
    size_t slash = relative.rfind('/');
    std::string_view name = std::string_view(relative).substr(slash + 1);
    if (!name.empty() && name.find('.') == std::string_view::npos)
      found = lookup_in_root(site.root, relative + ".html");
  }
  if (found.found != Found::kFile || found.path.filename() == OutputWriter::kMarker)
    return not_found(req, res, site);
  auto bytes = read_file(found.path);
  if (!bytes) return not_found(req, res, site);
  send_body(req, res, std::move(*bytes), content_type_for(found.path.native()), site.generation,
            200);
}

void PreviewServer::not_found(const ServeRequest& req, ServeResponse& res,
                              const SiteVersion& site) {
  Lookup page = lookup_in_root(site.root, "404.html");
  if (page.found == Found::kFile) {
    if (auto bytes = read_file(page.path))
      return send_body(req, res, std::move(*bytes), "text/html; charset=utf-8", site.generation,
                       404);
  }
  send_text(res, 404, "404 page not found\n");
}

void PreviewServer::serve_events(const ServeRequest& req, ServeResponse& res) {
  // An event stream's connection is never reused: closing it frees its thread at once.
  res.set_header("Connection", "close");
  res.set_header("Content-Type", "text/event-stream");
  if (req.method == "HEAD") return;
  std::shared_ptr<EventHub::Stream> stream = hub_.open(req.param("since"));
  if (!stream) {
    // Every stream slot is taken (or the server is stopping): the browser tries again later.
    res.body = "retry: 10000\n\n";
    return;
  }
  // The stream (and its slot) lives as long as the server keeps this function.
  res.stream = [stream, heartbeat = options_.heartbeat]() -> std::optional<HttpChunk> {
    auto text = stream->next(heartbeat);
    if (!text) return std::nullopt;
    return HttpChunk{std::move(*text), stream->finished()};
  };
}

}  // namespace paperpress
