// Checking links to other sites (paperpress check --external): one HEAD request per distinct
// URL, sequential, at most one request per host per delay, a bounded number of URLs, and a host
// that answers 429/503 is left alone for the rest of the run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "paperpress/ingest/clock.h"
#include "paperpress/ingest/http.h"
#include "paperpress/util/result.h"

namespace paperpress {

// The network edge of the checker: an interface so tests can count and fake requests.
class LinkProbe {
 public:
  virtual ~LinkProbe() = default;
  // The final status of a HEAD request (redirects followed); an Error naming the URL when the
  // transfer fails (DNS, connect, timeout, too many redirects).
  virtual Result<int> head(const std::string& url) = 0;
};

// HEAD requests through libcurl, with HttpOptions' user agent, timeouts and redirect limit.
std::unique_ptr<LinkProbe> make_curl_link_probe(const HttpOptions& options);

struct ExternalCheckOptions {
  size_t limit = 500;                   // distinct URLs requested at most; the rest are skipped
  double per_host_delay_seconds = 1.0;  // between the starts of two requests to one host
  int max_host_failures = 2;            // transport failures before a host's other URLs are skipped
};

enum class ExternalState { kOk, kBroken, kUnchecked };

struct ExternalOutcome {
  std::string url;
  ExternalState state = ExternalState::kUnchecked;
  std::string detail;  // "HTTP 404", the transport error, or why it was not checked
};

// Checks `urls` (distinct http/https URLs) and returns one outcome per URL, in the same order.
std::vector<ExternalOutcome> check_external_urls(const std::vector<std::string>& urls,
                                                 LinkProbe& probe, Clock& clock,
                                                 const ExternalCheckOptions& options);

}  // namespace paperpress
