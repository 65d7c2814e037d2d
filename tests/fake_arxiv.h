// An in-process HTTP server that stands in for arXiv in tests: real HTTP over loopback, with
// scripted responses, fault injection (delays, short bodies, dropped connections, stalls) and a
// record of every request.
//
//   FakeArxiv server;                                   // listening on 127.0.0.1:<ephemeral>
//   server.push(FakeResponse::error(503));              // first request: 503
//   server.push(FakeResponse::ok("<feed/>"));           // second request: 200
//   server.set_handler([](const FakeRequest& r) {        // every request after the queue
//     return FakeResponse::ok("<feed>" + r.param("id_list") + "</feed>");
//   });
//   auto http = make_curl_client({});
//   http->get(server.url("/api/query?id_list=1605.08386"));
//   server.requests()[0].param("id_list");              // "1605.08386"
//   server.requests()[1].arrival - server.requests()[0].arrival;   // pacing, in seconds
//
// The server runs on background threads from construction to destruction; the destructor
// wakes any response that is still delaying or stalling, closes open connections and joins.
// All methods are thread-safe.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paperpress {

// One request as the server received it.
struct FakeRequest {
  std::string method;  // "GET"
  std::string path;    // decoded path without the query, "/api/query"
  std::string query;   // raw query string without '?', exactly as sent ("" when none)
  std::multimap<std::string, std::string> params;            // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // request headers
  std::string body;                                          // a POST's body
  // When the request was handled, in seconds on the steady clock, the same scale as
  // paperpress::system_clock().now().
  double arrival = 0;
  int remote_port = 0;  // the client's port: equal ports mean one reused connection

  // First value of the query parameter `name`, or "" when absent.
  std::string param(const std::string& name) const;
  // First value of the header `name` (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const;
};

// What to answer. The fields after `gzip` inject faults; at most one of truncate_to, reset and
// hang_seconds should be set.
struct FakeResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/atom+xml; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Retry-After

  // Sent gzip-compressed with Content-Encoding: gzip (otherwise the body is sent as is; the
  // server never compresses on its own).
  bool gzip = false;
  // Waits this long before answering (interrupted when the server shuts down).
  double delay_seconds = 0;
  // Announces Content-Length of the whole body, sends only the first N bytes, then closes the
  // connection: a body cut short.
  std::optional<size_t> truncate_to;
  // Closes the connection (an orderly shutdown, not a TCP RST) without sending any response:
  // curl reports "Empty reply from server". Note: libcurl transparently re-sends
  // a request whose *reused* keep-alive connection closes without a response, so make this
  // the first request on a connection when the client should see the error.
  bool reset = false;
  // Sends the headers and the first half of the body, stalls this long, then sends the rest
  // (a slow server; a client with a shorter timeout gives up first). With an empty body the
  // stall comes before the headers.
  double hang_seconds = 0;

  static FakeResponse ok(std::string body,
                         std::string content_type = "application/atom+xml; charset=utf-8");
  static FakeResponse error(int status, std::string body = "");
  // A redirect (302 unless told otherwise) to `location`, e.g. server.url("/next").
  static FakeResponse redirect(std::string location, int status = 302);

  // Adds a header; returns *this for chaining: FakeResponse::error(429).with_header(...).
  FakeResponse& with_header(std::string name, std::string value);
};

class FakeArxiv {
 public:
  using Handler = std::function<FakeResponse(const FakeRequest&)>;

  // Starts listening on 127.0.0.1 at an ephemeral port. Until a handler is set, requests that
  // the queue does not answer get 404 "no handler".
  FakeArxiv();
  ~FakeArxiv();
  FakeArxiv(const FakeArxiv&) = delete;
  FakeArxiv& operator=(const FakeArxiv&) = delete;

  int port() const;
  // "http://127.0.0.1:PORT" + path; `path` starts with '/' and may carry a query.
  std::string url(const std::string& path = "/") const;

  // Answers requests that find the queue empty. Called on a server thread.
  void set_handler(Handler handler);
  // Queues a scripted response; queued responses answer the next requests in order, before
  // the handler is consulted.
  void push(FakeResponse response);
  size_t queued() const;

  // Every request received so far, in arrival order (including ones answered by faults).
  std::vector<FakeRequest> requests() const;
  size_t request_count() const;
  void clear_requests();

  // A handler serving `dir / file_for(request)` with status 200 (404 when the name is empty or
  // no such file exists). Content type from the extension (.xml → application/atom+xml).
  static Handler serve_files(std::filesystem::path dir,
                             std::function<std::string(const FakeRequest&)> file_for);

  // A handler replaying recorded arXiv API responses (the NAME.xml / NAME.meta.json pairs of
  // shared/fixtures/arxiv-api): a request whose decoded query parameters equal those of a
  // recording's URL (order does not matter) gets that recording's status and body; anything
  // else gets 404 "no fixture for <query>".
  static Handler serve_arxiv_fixtures(std::filesystem::path dir);

  // A handler that answers every request with a redirect to `location`: point it at its own
  // URL for a redirect loop.
  static Handler redirect_to(std::string location, int status = 302);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paperpress
