// POST requests through the ingest stage's HttpClient interface, so that PoliteClient paces
// and retries them unchanged: set_request() fixes the headers and body that the next get(url)
// calls send as a POST (a retry sends them again).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "paperpress/ingest/http.h"

namespace paperpress {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class PostClient : public HttpClient {
 public:
  virtual void set_request(HeaderList headers, std::string body) = 0;
};

// On libcurl: redirects are not followed (an API endpoint that moves is an error, and a key
// never goes to a second host); the response size limit and timeouts of `options` hold.
std::unique_ptr<PostClient> make_curl_post_client(const HttpOptions& options);

}  // namespace paperpress
