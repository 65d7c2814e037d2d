// A stand-in for the arXiv query API's behaviour, served through FakeArxiv: it holds papers and
// answers search_query requests with their lastUpdatedDate window, sortBy=lastUpdatedDate
// descending, start and max_results, like the real service (keywords are not evaluated: every
// held paper matches). Faults can be scheduled by request number.
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "fake_arxiv.h"
#include "paperpress/store/paper.h"

namespace paperpress::testing {

class ArxivApiSim {
 public:
  explicit ArxivApiSim(FakeArxiv& server);

  void add(const Paper& paper);        // or replace, by id
  void set_result_ceiling(int limit);  // start >= limit answers 400, like the real API
  // The n-th request (0-based, counting every request) gets `response` instead.
  void fault_at(size_t request_index, FakeResponse response);
  // The first request asking for `start` gets a feed with no entries but the true total.
  void empty_page_once_at(long long start);
  // Every normal answer waits this long first (a slow server, so kills land mid-fetch).
  void set_delay(double seconds);

  size_t requests() const;

 private:
  FakeResponse answer(const FakeRequest& request);

  mutable std::mutex mutex_;
  FakeArxiv& server_;
  std::map<std::string, Paper> papers_;
  int ceiling_ = 30000;
  std::map<size_t, FakeResponse> faults_;
  std::vector<long long> empty_once_;
  size_t requests_ = 0;
  double delay_ = 0;
};

}  // namespace paperpress::testing
