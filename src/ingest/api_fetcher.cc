#include "paperpress/ingest/api_fetcher.h"

#include <cstdio>

#include "paperpress/parse/atom.h"
#include "paperpress/util/url.h"

namespace paperpress {

namespace {

// A keyword as an API term over title and abstract; phrases are quoted.
std::string keyword_term(const std::string& keyword) {
  std::string k;
  for (char c : keyword) k.push_back(c == '"' ? ' ' : c);
  bool phrase = k.find(' ') != std::string::npos || k.find('-') != std::string::npos;
  std::string q = phrase ? "\"" + k + "\"" : k;
  return "ti:" + q + " OR abs:" + q;
}

std::string any_of(const std::vector<std::string>& keywords) {
  std::string out;
  for (const auto& k : keywords) out += (out.empty() ? "" : " OR ") + keyword_term(k);
  return "(" + out + ")";
}

std::string minute_stamp(UnixSeconds t) {
  CivilDate d = civil_from_unix(t);
  int64_t secs = ((t % 86400) + 86400) % 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  return buf;
}

// The error of a response that is no feed: the parser's message, with the HTTP status when it
// is not 200 (unless arXiv's own error says what went wrong).
Error failed_page_error(int status, const Result<AtomFeed>& feed) {
  std::string why = !feed ? feed.error().message : "HTTP " + std::to_string(status);
  if (status != 200 && !feed && why.rfind("arXiv API error", 0) != 0)
    why = "HTTP " + std::to_string(status) + " (" + why + ")";
  return Error{why};
}

// Whether a page holds a paper stored already, as it is, at or below the high-water mark
// (judged before the page is appended); raises `newest_seen` to the page's newest paper.
bool has_known_paper(const std::vector<Paper>& papers, const std::string& high_water,
                     StoreWriter& store, std::string& newest_seen) {
  bool known = false;
  for (const Paper& p : papers) {
    if (p.updated > newest_seen) newest_seen = p.updated;
    if (!high_water.empty() && p.updated <= high_water &&
        store.classify(p) == PaperChange::kUnchanged)
      known = true;
  }
  return known;
}

std::string empty_page_message(long long start, long long total) {
  return "empty page at start=" + std::to_string(start) + " of " + std::to_string(total);
}

}  // namespace

std::string topic_search_query(const Topic& topic) {
  std::vector<std::string> clauses;
  if (!topic.keywords.empty()) clauses.push_back(any_of(topic.keywords));
  for (const auto& group : topic.all_of) {
    std::string all;
    for (const auto& k : group)
      all += (all.empty() ? "" : " AND ") + std::string("(") + keyword_term(k) + ")";
    if (!all.empty()) clauses.push_back("(" + all + ")");
  }
  if (!topic.categories.empty()) {
    std::string cats;
    for (const auto& c : topic.categories)
      cats += (cats.empty() ? "" : " OR ") + std::string("cat:") + c;
    clauses.push_back("(" + cats + ")");
  }
  std::string q;
  for (const auto& c : clauses) q += (q.empty() ? "" : " AND ") + c;
  if (!topic.exclude.empty()) q += " ANDNOT " + any_of(topic.exclude);
  return q;
}

std::string updated_window_clause(UnixSeconds from, UnixSeconds to) {
  return " AND lastUpdatedDate:[" + minute_stamp(from) + " TO " + minute_stamp(to) + "]";
}

Status ApiFetcher::fetch_topic(const Topic& topic, UnixSeconds now) {
  std::string query = topic_search_query(topic);
  TopicFetchState& state = cache_.state().topics[topic.slug];
  bool same_query = state.query == query;
  std::string high_water = same_query ? state.high_water : "";
  UnixSeconds from = *parse_iso8601(config_.archive.since);
  if (auto hw = parse_iso8601(high_water)) from = std::max(from, *hw - 86400);  // a day of overlap
  progress_.info("topic " + topic.slug + ": " +
                 (high_water.empty() ? "full fetch since " + config_.archive.since
                                     : "new since " + high_water));
  std::string newest = high_water;
  bool reached_known = false;
  if (auto st = fetch_window(query, Window{from, now + 86400}, high_water, newest, reached_known);
      !st)
    return st;
  state.query = query;
  state.high_water = newest;
  state.completed_at = format_iso8601(now);
  return cache_.save_state();
}

Status ApiFetcher::fetch_window(const std::string& query, Window window,
                                const std::string& high_water, std::string& newest_seen,
                                bool& reached_known, long long parent_total) {
  const ArxivConfig& api = config_.arxiv;
  std::string search = query + updated_window_clause(window.from, window.to);
  long long start = 0;
  int empty_retries = 0, bad_body_retries = 0;
  for (;;) {
    std::string url = url_with_query(api.api_url, {{"search_query", search},
                                                   {"sortBy", "lastUpdatedDate"},
                                                   {"sortOrder", "descending"},
                                                   {"start", std::to_string(start)},
                                                   {"max_results", std::to_string(api.page_size)}});
    auto response = client_.get(url);
    if (!response) return response.error();
    auto entry = cache_.raw().add(RawKind::kAtom, url, response->status, response->body);
    if (!entry) return entry.error();
    auto feed = parse_atom(response->body);
    if (response->status != 200 || !feed) {
      // Keep the response in the raw cache, applied as nothing.
      if (auto marked = cache_.store().append({}, entry->seq, CommitKind::kComplete); !marked)
        return marked.error();
      if (response->status == 200 && ++bad_body_retries < api.max_tries) {
        client_.backoff(bad_body_retries, feed.error().message, url);
        continue;
      }
      return failed_page_error(response->status, feed).at(entry->describe());
    }
    bad_body_retries = 0;
    for (const auto& w : feed->warnings) progress_.warning(entry->describe() + ": " + w);

    bool page_has_known = has_known_paper(feed->papers, high_water, cache_.store(), newest_seen);
    auto appended = cache_.store().append(feed->papers, entry->seq, CommitKind::kComplete);
    if (!appended) return appended.error();
    progress_.on_papers(feed->papers.size(), *appended);

    if (start == 0 && parent_total > 0 && feed->total_results >= parent_total)
      return Error{"the server ignored the date window (" + std::to_string(feed->total_results) +
                   " results in a half of a window of " + std::to_string(parent_total) +
                   "); cannot page past " + std::to_string(api.result_ceiling) + " results"}
          .at(entry->describe());
    if (start == 0 && feed->total_results > api.result_ceiling && window.to - window.from > 3600) {
      // More than the API will page through: split into two windows, newest first.
      UnixSeconds mid = window.from + (window.to - window.from) / 2;
      progress_.info("  " + std::to_string(feed->total_results) + " results exceed the API's " +
                     std::to_string(api.result_ceiling) + "; splitting the date window");
      long long total = feed->total_results;
      if (auto st = fetch_window(query, Window{mid, window.to}, high_water, newest_seen,
                                 reached_known, total);
          !st)
        return st;
      if (reached_known) return Status::success();
      return fetch_window(query, Window{window.from, mid - 60}, high_water, newest_seen,
                          reached_known, total);
    }
    if (feed->papers.empty()) {
      // arXiv sometimes answers a page in the middle of a result set with no entries.
      if (start < feed->total_results && ++empty_retries < api.max_tries) {
        client_.backoff(empty_retries, empty_page_message(start, feed->total_results), url);
        continue;
      }
      if (start < feed->total_results)
        return Error{empty_page_message(start, feed->total_results) + " after " +
                     std::to_string(api.max_tries) + " tries"}
            .at(entry->describe());
      return Status::success();
    }
    empty_retries = 0;
    if (page_has_known) {
      reached_known = true;
      return Status::success();
    }
    start += static_cast<long long>(feed->papers.size());
    if (start >= feed->total_results || start >= api.result_ceiling) return Status::success();
  }
}

}  // namespace paperpress
