// An HttpClient wrapper that keeps arXiv's rules: paced requests, Retry-After, bounded backoff.
#pragma once

#include <string>

#include "paperpress/ingest/clock.h"
#include "paperpress/ingest/http.h"
#include "paperpress/util/result.h"

namespace paperpress {

struct RetryPolicy {
  double delay_seconds = 3.0;     // minimum between the starts of consecutive requests
  int max_tries = 5;              // attempts per request, first included
  double backoff_seconds = 5;     // first backoff; doubles each retry
  double max_wait_seconds = 600;  // cap on any single wait (backoff or Retry-After)
};

// What the progress display hears about. All methods have empty defaults.
class FetchObserver {
 public:
  virtual ~FetchObserver() = default;
  virtual void on_request(const std::string& /*url*/) {}
  virtual void on_wait(double /*seconds*/, const std::string& /*reason*/) {}
  virtual void on_retry(const std::string& /*url*/, const std::string& /*reason*/,
                        int /*attempt*/) {}
};

class PoliteClient {
 public:
  PoliteClient(HttpClient& http, Clock& clock, RetryPolicy policy,
               FetchObserver* observer = nullptr);

  // GETs `url`, waiting as pacing requires. Retries transport errors, 429, 500-599 with
  // exponential backoff or the server's Retry-After (seconds or HTTP date), whichever is
  // longer, up to max_tries. Returns the last response (any status) when tries run out on
  // an HTTP status; an Error naming the URL, the tries and the last reason otherwise.
  Result<HttpResponse> get(const std::string& url);

  // Waits out the pacing delay and the backoff for retry `attempt` (1-based), for callers that
  // retry on content (an empty page, a truncated body) rather than on status.
  void backoff(int attempt, const std::string& reason, const std::string& url);

  int requests_made() const { return requests_; }
  const RetryPolicy& policy() const { return policy_; }

 private:
  void pace();
  // Sleeps before retry `attempt`: the longer of the backoff for that attempt and
  // `retry_after`, capped at max_wait_seconds, but never less than pacing requires.
  void wait_before_retry(int attempt, double retry_after, const std::string& reason);

  HttpClient& http_;
  Clock& clock_;
  RetryPolicy policy_;
  FetchObserver* observer_;
  double last_start_ = -1e18;
  int requests_ = 0;
};

}  // namespace paperpress
