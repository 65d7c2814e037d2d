// The network edge: one GET at a time. An interface so tests can fake it; the real one is curl.
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

}  // namespace paperpress
