// The network edge: one request at a time (GET, or POST for the digest's language model). An
// interface so tests can fake it; the real one is curl.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paperpress/util/result.h"

namespace paperpress {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // in order received

  // Value of the first header named `name` (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // A transport failure (DNS, connect, reset, timeout, body over the size limit, too many
  // redirects) is an Error naming the URL; any HTTP status is a response.
  virtual Result<HttpResponse> get(const std::string& url) = 0;
};

struct HttpOptions {
  std::string user_agent;
  double timeout_seconds = 120;
  double connect_timeout_seconds = 30;
  long long max_response_bytes = 256LL << 20;
  int max_redirects = 5;
};

// One reused connection (keep-alive), gzip accepted, redirects followed up to the limit.
std::unique_ptr<HttpClient> make_curl_client(const HttpOptions& options);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// An HttpClient whose requests are POSTs: set_request() fixes the headers and body that the
// following get(url) calls send (a retry by PoliteClient sends them again), so that the
// politeness of every request stays in one place.
class PostClient : public HttpClient {
 public:
  virtual void set_request(HeaderList headers, std::string body) = 0;
};

// The same client as make_curl_client, sending POSTs and following no redirect (an API
// endpoint that moves is an error, and a key in the headers never goes to a second host).
std::unique_ptr<PostClient> make_curl_post_client(const HttpOptions& options);

}  // namespace paperpress
