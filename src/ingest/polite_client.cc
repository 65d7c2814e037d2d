#include "paperpress/ingest/polite_client.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>

#include "paperpress/util/text.h"
#include "paperpress/util/time.h"

namespace paperpress {
namespace {

// Waits shorter than this are not worth telling the observer about.
constexpr double kReportableWait = 0.05;

bool is_retryable_status(int status) {
  return status == 429 || (status >= 500 && status <= 599);
}

// Seconds to wait as the Retry-After header asks: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT", relative to the current wall time). nullopt when absent
// or unreadable.
std::optional<double> parse_retry_after(std::string_view value) {
  value = trim(value, Whitespace::kBlank);
  if (value.empty()) return std::nullopt;
  bool numeric = std::all_of(value.begin(), value.end(),
                             [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  if (numeric) {
    std::string text(value);
    char* end = nullptr;
    double seconds = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || !std::isfinite(seconds)) return std::nullopt;
    return seconds;
  }
  std::optional<UnixSeconds> when = parse_rfc822(value);
  if (!when) return std::nullopt;
  return std::max<double>(0, static_cast<double>(*when - now_utc()));
}

std::string format_seconds(double seconds) {
  char buffer[64];
  if (seconds == std::floor(seconds) && seconds < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g", seconds);
  }
  return buffer;
}

// The transport error without the "GET <url>: " that the HttpClient put in front of it.
std::string strip_url_prefix(const std::string& message, const std::string& url) {
  std::string prefix = "GET " + url + ": ";
  if (starts_with(message, prefix)) return message.substr(prefix.size());
  return message;
}

}  // namespace

PoliteClient::PoliteClient(HttpClient& http, Clock& clock, RetryPolicy policy,
                           FetchObserver* observer)
    : http_(http), clock_(clock), policy_(policy), observer_(observer) {}

void PoliteClient::pace() {
  double wait = last_start_ + policy_.delay_seconds - clock_.now();
  if (wait > 0) {
    if (observer_ != nullptr && wait >= kReportableWait) observer_->on_wait(wait, "pacing");
    clock_.sleep_for(wait);
  }
  last_start_ = clock_.now();
}

void PoliteClient::wait_before_retry(int attempt, double retry_after, const std::string& reason) {
  attempt = std::max(1, attempt);
  double backoff = std::ldexp(std::max(0.0, policy_.backoff_seconds), attempt - 1);
  double wanted = std::min(std::max(backoff, retry_after), std::max(0.0, policy_.max_wait_seconds));
  double now = clock_.now();
  // Pacing is never shortened by the cap; a longer backoff or Retry-After covers it.
  double wait = std::max(wanted, last_start_ + policy_.delay_seconds - now);
  if (wait <= 0) return;
  if (observer_ != nullptr && wait >= kReportableWait) {
    observer_->on_wait(wait, "retry " + std::to_string(attempt) + " after " + reason);
  }
  clock_.sleep_for(wait);
}

Result<HttpResponse> PoliteClient::get(const std::string& url) {
  const int max_tries = std::max(1, policy_.max_tries);
  for (int attempt = 1;; ++attempt) {
    pace();
    ++requests_;
    if (observer_ != nullptr) observer_->on_request(url);
    Result<HttpResponse> result = http_.get(url);

    std::string reason;
    double retry_after = 0;
    if (result.ok()) {
      if (!is_retryable_status(result->status)) return result;
      reason = "HTTP " + std::to_string(result->status);
      if (std::optional<double> seconds = parse_retry_after(result->header("Retry-After"))) {
        retry_after = *seconds;
        reason += " (Retry-After " + format_seconds(*seconds) + " s)";
      }
    } else {
      reason = strip_url_prefix(result.error().message, url);
    }

    if (attempt >= max_tries) {
      if (result.ok()) return result;  // the caller decides what a final 503 means
      return Error{"GET " + url + ": gave up after " + std::to_string(max_tries) +
                   (max_tries == 1 ? " try: " : " tries: ") + reason};
    }
    if (observer_ != nullptr) observer_->on_retry(url, reason, attempt);
    wait_before_retry(attempt, retry_after, reason);
  }
}

void PoliteClient::backoff(int attempt, const std::string& reason, const std::string& url) {
  if (observer_ != nullptr) observer_->on_retry(url, reason, attempt);
  wait_before_retry(attempt, 0, reason);
}

}  // namespace paperpress
