#include "arxiv_api_sim.h"

#include <algorithm>

#include "paperpress/sample/atom_writer.h"
#include "paperpress/util/time.h"

namespace paperpress::testing {

namespace {

// "202501010000" → seconds.
UnixSeconds parse_minute_stamp(const std::string& s) {
  auto num = [&](size_t pos, size_t n) { return std::stoi(s.substr(pos, n)); };
  return make_utc(num(0, 4), num(4, 2), num(6, 2), num(8, 2), num(10, 2));
}

}  // namespace

ArxivApiSim::ArxivApiSim(FakeArxiv& server) : server_(server) {
  server_.set_handler([this](const FakeRequest& r) { return answer(r); });
}

void ArxivApiSim::add(const Paper& paper) {
  std::lock_guard lock(mutex_);
  papers_[paper.id] = paper;
}

void ArxivApiSim::set_result_ceiling(int limit) {
  std::lock_guard lock(mutex_);
  ceiling_ = limit;
}

void ArxivApiSim::fault_at(size_t request_index, FakeResponse response) {
  std::lock_guard lock(mutex_);
  faults_[request_index] = std::move(response);
}

void ArxivApiSim::empty_page_once_at(long long start) {
  std::lock_guard lock(mutex_);
  empty_once_.push_back(start);
}

void ArxivApiSim::set_delay(double seconds) {
  std::lock_guard lock(mutex_);
  delay_ = seconds;
}

size_t ArxivApiSim::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

FakeResponse ArxivApiSim::answer(const FakeRequest& request) {
  std::lock_guard lock(mutex_);
  size_t index = requests_++;
  if (auto it = faults_.find(index); it != faults_.end()) return it->second;

  std::string query = request.param("search_query");
  UnixSeconds from = 0, to = 1LL << 40;
  if (size_t at = query.find("lastUpdatedDate:["); at != std::string::npos) {
    from = parse_minute_stamp(query.substr(at + 17, 12));
    to = parse_minute_stamp(query.substr(at + 17 + 16, 12)) + 59;
  }
  long long start = std::stoll(request.param("start").empty() ? "0" : request.param("start"));
  long long max =
      std::stoll(request.param("max_results").empty() ? "10" : request.param("max_results"));
  if (start >= ceiling_) {
    return FakeResponse::error(
        400,
        "<feed><entry><id>http://arxiv.org/api/errors#start</id><title>Error</title>"
        "<summary>start must be less than the result ceiling</summary></entry></feed>");
  }
  std::vector<const Paper*> hits;
  for (const auto& [id, p] : papers_) {
    UnixSeconds u = *parse_iso8601(p.updated);
    if (u >= from && u <= to) hits.push_back(&p);
  }
  std::sort(hits.begin(), hits.end(), [](const Paper* a, const Paper* b) {
    return a->updated != b->updated ? a->updated > b->updated : a->id > b->id;
  });
  std::vector<Paper> page;
  auto empty = std::find(empty_once_.begin(), empty_once_.end(), start);
  if (empty != empty_once_.end()) {
    empty_once_.erase(empty);
  } else {
    for (long long i = start;
         i < std::min<long long>(start + max, static_cast<long long>(hits.size())); ++i)
      page.push_back(*hits[static_cast<size_t>(i)]);
  }
  std::string body;
  write_atom_feed(
      page,
      FeedPage{static_cast<long long>(hits.size()), start, static_cast<long long>(page.size())},
      body);
  FakeResponse response = FakeResponse::ok(body);
  response.delay_seconds = delay_;
  return response;
}

}  // namespace paperpress::testing
