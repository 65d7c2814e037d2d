#include "paperpress/check/external_links.h"

#include <algorithm>
#include <limits>
#include <map>

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

// The host (with port) of an http/https URL, lower case.
std::string host_of(const std::string& url) {
  size_t start = url.find("//");
  start = start == std::string::npos ? 0 : start + 2;
  size_t end = url.find_first_of("/?#", start);
  return ascii_lower(url.substr(start, end == std::string::npos ? std::string::npos : end - start));
}

struct HostQueue {
  std::vector<size_t> pending;  // indexes into the URL list, in order
  size_t next = 0;              // the next pending entry
  double ready_at = 0;          // clock time of the earliest next request
  int failures = 0;
  std::string skip_reason;  // set when the host's remaining URLs are not requested
};

}  // namespace

std::vector<ExternalOutcome> check_external_urls(const std::vector<std::string>& urls,
                                                 LinkProbe& probe, Clock& clock,
                                                 const ExternalCheckOptions& options) {
  std::vector<ExternalOutcome> outcomes(urls.size());
  std::map<std::string, HostQueue> hosts;
  for (size_t i = 0; i < urls.size(); ++i) {
    outcomes[i].url = urls[i];
    if (i >= options.limit) {
      outcomes[i].detail =
          "not checked: over the limit of " + std::to_string(options.limit) + " external links";
      continue;
    }
    hosts[host_of(urls[i])].pending.push_back(i);
  }

  while (true) {
    // The host that may be asked soonest; ties go to the host named first.
    HostQueue* host = nullptr;
    for (auto& [name, queue] : hosts) {
      if (queue.next >= queue.pending.size()) continue;
      if (host == nullptr || queue.ready_at < host->ready_at) host = &queue;
    }
    if (host == nullptr) break;
    size_t index = host->pending[host->next++];
    ExternalOutcome& outcome = outcomes[index];
    if (!host->skip_reason.empty()) {
      outcome.detail = host->skip_reason;
      continue;
    }
    double wait = host->ready_at - clock.now();
    if (wait > 0) clock.sleep_for(wait);
    host->ready_at = clock.now() + std::max(0.0, options.per_host_delay_seconds);
    auto status = probe.head(urls[index]);
    if (!status) {
      outcome.state = ExternalState::kBroken;
      outcome.detail = status.error().message;
      if (++host->failures >= options.max_host_failures)
        host->skip_reason =
            "not checked: its host failed " + std::to_string(host->failures) + " times in this run";
      continue;
    }
    int code = *status;
    if (code == 429 || code == 503) {
      outcome.detail = "not checked: the host is rate limiting (HTTP " + std::to_string(code) + ")";
      host->skip_reason = outcome.detail;
    } else if (code == 405 || code == 501) {
      outcome.state = ExternalState::kOk;  // the server does not answer HEAD; the page exists
    } else if (code >= 400 || code < 200) {
      outcome.state = ExternalState::kBroken;
      outcome.detail = "HTTP " + std::to_string(code);
    } else {
      outcome.state = ExternalState::kOk;
    }
  }
  return outcomes;
}

}  // namespace paperpress
