// The query-API fetcher end to end over loopback: paging, incremental stops, date windows,
// retries of empty pages, API errors, and resuming after a failure.
#include <gtest/gtest.h>

#include "arxiv_api_sim.h"
#include "fake_arxiv.h"
#include "paperpress/ingest/api_fetcher.h"
#include "paperpress/sample/atom_writer.h"
#include "paperpress/store/paper_store.h"
#include "paperpress/util/time.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::ArxivApiSim;
using testing::TempDir;
using testing::test_paper;

std::string day(int n) {
  return format_iso8601(make_utc(2025, 3, 1) + n * 86400LL);
}

class FetchTest : public ::testing::Test {
 protected:
  FetchTest() : sim_(server_) {
    auto config = Config::parse(testing::test_site_toml(server_.url("/api/query")));
    EXPECT_TRUE(config) << config.error().message;
    config_ = *config;
    config_.site_dir = dir_.path();
    http_ = make_curl_client(HttpOptions{"paperpress-test", 10, 5, 1 << 24, 5});
  }

  // Runs one fetch of topic "llm" with a fresh cache handle, as a new process would.
  Status fetch(UnixSeconds now = make_utc(2025, 12, 31)) {
    auto cache = Cache::open(config_.cache_path(), [](const std::string&) {});
    if (!cache) return cache.error();
    RetryPolicy policy;
    policy.delay_seconds = 0;
    policy.max_tries = 3;
    policy.backoff_seconds = 0.01;
    PoliteClient client(*http_, system_clock(), policy);
    Progress progress(ProgressMode::kQuiet);
    ApiFetcher fetcher(config_, *cache, client, progress);
    return fetcher.fetch_topic(config_.topics[0], now);
  }

  std::vector<PaperRef> stored() {
    snapshot_ = std::make_unique<StoreSnapshot>(
        std::move(*StoreSnapshot::load(store_file(config_.cache_path()))));
    return snapshot_->papers();
  }

  TempDir dir_;
  FakeArxiv server_;
  ArxivApiSim sim_;
  Config config_;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<StoreSnapshot> snapshot_;
};

TEST_F(FetchTest, FullFetchPagesThroughAndStoresEachPaperOnce) {
  for (int i = 1; i <= 35; ++i) sim_.add(test_paper(i, day(i)));
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  EXPECT_EQ(sim_.requests(), 4u);  // 10 + 10 + 10 + 5
  auto papers = stored();
  EXPECT_EQ(papers.size(), 35u);
  auto reqs = server_.requests();
  EXPECT_EQ(reqs[0].param("sortBy"), "lastUpdatedDate");
  EXPECT_EQ(reqs[0].param("sortOrder"), "descending");
  EXPECT_EQ(reqs[0].param("max_results"), "10");
  EXPECT_EQ(reqs[3].param("start"), "30");
  EXPECT_NE(reqs[0].param("search_query").find("ti:LLM OR abs:LLM"), std::string::npos);
  EXPECT_NE(reqs[0].param("search_query").find("lastUpdatedDate:[202501010000 TO "),
            std::string::npos);
  EXPECT_EQ(reqs[0].header("User-Agent"), "paperpress-test");
  // Every response is in the raw cache with its URL.
  auto raw = RawCache::open(config_.cache_path())->list();
  ASSERT_EQ(raw->size(), 4u);
  EXPECT_EQ((*raw)[0].url, server_.url("/api/query") + "?" + reqs[0].query);
  EXPECT_EQ((*raw)[0].status, 200);
}

TEST_F(FetchTest, SecondFetchAsksOnlyForNewPapersAndStopsAtKnownOnes) {
  for (int i = 1; i <= 35; ++i) sim_.add(test_paper(i, day(i)));
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  server_.clear_requests();
  for (int i = 36; i <= 38; ++i) sim_.add(test_paper(i, day(i)));
  Paper revised = test_paper(7, day(40));
  revised.version = 2;
  revised.title = "Revised LLM paper";
  sim_.add(revised);
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 1u);  // one page held all that was new, then it reached known papers
  // The window starts a day before the newest paper the first fetch saw (day 35).
  std::string expected_from = "lastUpdatedDate:[" + std::string("20250404") + "0000";
  EXPECT_NE(reqs[0].param("search_query").find(expected_from), std::string::npos)
      << reqs[0].param("search_query");
  auto papers = stored();
  EXPECT_EQ(papers.size(), 38u);
  auto it = std::find_if(papers.begin(), papers.end(),
                         [](const PaperRef& p) { return p.id() == "2501.00007"; });
  ASSERT_NE(it, papers.end());
  EXPECT_EQ(it->version(), 2);
  EXPECT_EQ(it->title(), "Revised LLM paper");
}

TEST_F(FetchTest, NothingNewCostsOneRequest) {
  for (int i = 1; i <= 25; ++i) sim_.add(test_paper(i, day(i)));
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  server_.clear_requests();
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  EXPECT_EQ(server_.request_count(), 1u);
  EXPECT_EQ(stored().size(), 25u);
}

TEST_F(FetchTest, BackfillOverTheResultCeilingIsSplitIntoDateWindows) {
  config_.arxiv.result_ceiling = 20;
  sim_.set_result_ceiling(20);
  for (int i = 1; i <= 57; ++i)
    sim_.add(test_paper(i, format_iso8601(make_utc(2025, 1, 2) + i * 5 * 86400LL)));
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  EXPECT_EQ(stored().size(), 57u);
  for (const auto& r : server_.requests()) EXPECT_LT(std::stoi(r.param("start")), 20) << r.query;
}

TEST_F(FetchTest, AServerIgnoringTheDateWindowStopsTheSplittingWithAClearError) {
  config_.arxiv.result_ceiling = 20;
  std::string body;
  std::vector<Paper> page;
  for (int i = 1; i <= 10; ++i) page.push_back(test_paper(i, day(i)));
  write_atom_feed(page, FeedPage{500, 0, 10}, body);
  server_.set_handler([body](const FakeRequest&) { return FakeResponse::ok(body); });
  Status st = fetch();
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("ignored the date window"), std::string::npos)
      << st.error().message;
  EXPECT_EQ(server_.request_count(), 2u);
}

TEST_F(FetchTest, EmptyPageInTheMiddleIsRetried) {
  for (int i = 1; i <= 30; ++i) sim_.add(test_paper(i, day(i)));
  sim_.empty_page_once_at(10);
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  EXPECT_EQ(stored().size(), 30u);
  EXPECT_EQ(sim_.requests(), 4u);  // the empty page was asked again
}

TEST_F(FetchTest, ApiErrorEntryIsReportedAsItsText) {
  sim_.add(test_paper(1, day(1)));
  sim_.fault_at(
      0, FakeResponse::error(
             400,
             "<?xml version='1.0'?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
             "<id>http://arxiv.org/api/errors#incorrect_id_format_for_abc</id><title>Error</title>"
             "<summary>incorrect id format for abc</summary></entry></feed>"));
  Status st = fetch();
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("arXiv API error: incorrect id format for abc"),
            std::string::npos)
      << st.error().message;
  EXPECT_NE(st.error().message.find("00000001.atom.xml"), std::string::npos) << st.error().message;
}

TEST_F(FetchTest, MalformedBodiesAreRetriedThenReportedWithTheResponse) {
  for (int i = 1; i <= 5; ++i) sim_.add(test_paper(i, day(i)));
  for (size_t i = 0; i < 3; ++i) sim_.fault_at(i, FakeResponse::ok("<feed><entry><title>cut"));
  Status st = fetch();
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("malformed XML"), std::string::npos) << st.error().message;
  EXPECT_NE(st.error().message.find(".atom.xml"), std::string::npos);
  EXPECT_EQ(sim_.requests(), 3u);
  // The next run succeeds and loses nothing.
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  EXPECT_EQ(stored().size(), 5u);
}

TEST_F(FetchTest, FailureMidwayKeepsPagesAndTheNextRunCompletes) {
  for (int i = 1; i <= 50; ++i) sim_.add(test_paper(i, day(i)));
  for (size_t i = 2; i < 5; ++i) sim_.fault_at(i, FakeResponse::error(503));
  Status st = fetch();
  ASSERT_FALSE(st);
  EXPECT_EQ(stored().size(), 20u);  // the two pages before the outage are kept
  {
    Status st_ = fetch();
    ASSERT_TRUE(st_) << st_.error().message;
  }
  EXPECT_EQ(stored().size(), 50u);
}

}  // namespace
}  // namespace paperpress
