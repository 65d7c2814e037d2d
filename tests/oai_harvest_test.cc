// The OAI-PMH harvester over loopback: resumption tokens, error codes, 503 Retry-After, and an
// interrupted harvest continuing from its saved token.
#include <gtest/gtest.h>

#include "fake_arxiv.h"
#include "paperpress/ingest/oai_harvester.h"
#include "paperpress/store/paper_store.h"
#include "test_support.h"

namespace paperpress {
namespace {

using testing::TempDir;

std::string record(const std::string& id, const std::string& title) {
  return "<record><header><identifier>oai:arXiv.org:" + id +
         "</identifier><datestamp>2025-02-01</datestamp><setSpec>cs</setSpec></header><metadata>"
         "<arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\"><id>" +
         id +
         "</id><submitter>A</submitter><version version=\"v1\"><date>Mon, 3 Feb 2025 10:00:00 "
         "GMT</date>"
         "<size>10kb</size></version><title>" +
         title +
         "</title><authors>Ada Lovelace and Alan Turing</authors>"
         "<categories>cs.LG cs.AI</categories><abstract>  An "
         "abstract.\n</abstract></arXivRaw></metadata></record>";
}

std::string page(const std::string& records, const std::string& token) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><OAI-PMH "
         "xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
         "<responseDate>2025-02-02T00:00:00Z</responseDate><request "
         "verb=\"ListRecords\">x</request><ListRecords>" +
         records +
         (token.empty() ? "<resumptionToken/>"
                        : "<resumptionToken>" + token + "</resumptionToken>") +
         "</ListRecords></OAI-PMH>";
}

std::string oai_error(const std::string& code) {
  return "<?xml version=\"1.0\"?><OAI-PMH "
         "xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>x</responseDate>"
         "<request>x</request><error code=\"" +
         code + "\">explanation of " + code + "</error></OAI-PMH>";
}

class OaiHarvestTest : public ::testing::Test {
 protected:
  OaiHarvestTest() {
    auto config = Config::parse(testing::test_site_toml(server_.url("/oai")));
    config_ = *config;
    config_.site_dir = dir_.path();
    http_ = make_curl_client(HttpOptions{"paperpress-test", 10, 5, 1 << 24, 5});
  }

  Status harvest(OaiRequest request) {
    auto cache = Cache::open(config_.cache_path(), [](const std::string&) {});
    if (!cache) return cache.error();
    RetryPolicy policy;
    policy.delay_seconds = 0;
    policy.max_tries = 3;
    policy.backoff_seconds = 0.01;
    PoliteClient client(*http_, system_clock(), policy);
    Progress progress(ProgressMode::kQuiet);
    OaiHarvester harvester(config_, *cache, client, progress);
    return harvester.harvest(request, "2025-02-10");
  }

  size_t stored() { return StoreSnapshot::load(store_file(config_.cache_path()))->papers().size(); }

  TempDir dir_;
  FakeArxiv server_;
  Config config_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(OaiHarvestTest, FollowsResumptionTokensToTheEnd) {
  server_.push(FakeResponse::ok(
      page(record("2502.00001", "One") + record("2502.00002", "Two"), "tok-1"), "text/xml"));
  server_.push(FakeResponse::ok(page(record("2502.00003", "Three"), ""), "text/xml"));
  OaiRequest request;
  request.set = "cs:cs:AI";
  request.from = "2025-02-01";
  ASSERT_TRUE(harvest(request));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].param("verb"), "ListRecords");
  EXPECT_EQ(reqs[0].param("metadataPrefix"), "arXivRaw");
  EXPECT_EQ(reqs[0].param("set"), "cs:cs:AI");
  EXPECT_EQ(reqs[0].param("from"), "2025-02-01");
  EXPECT_EQ(reqs[1].param("resumptionToken"), "tok-1");
  EXPECT_EQ(reqs[1].param("metadataPrefix"), "");  // a resumed request carries only the token
  EXPECT_EQ(stored(), 3u);
}

TEST_F(OaiHarvestTest, NextHarvestStartsWhereTheLastCompletedOneEnded) {
  server_.push(FakeResponse::ok(page(record("2502.00001", "One"), ""), "text/xml"));
  ASSERT_TRUE(harvest(OaiRequest{}));
  server_.push(FakeResponse::ok(oai_error("noRecordsMatch"), "text/xml"));
  ASSERT_TRUE(harvest(OaiRequest{}));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].param("from"), "2025-01-01");  // archive.since
  EXPECT_EQ(reqs[1].param("from"), "2025-02-10");  // the day the first one completed
}

TEST_F(OaiHarvestTest, ProtocolErrorsAreReportedByCode) {
  server_.push(FakeResponse::ok(oai_error("badArgument"), "text/xml"));
  Status st = harvest(OaiRequest{});
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("OAI-PMH error badArgument: explanation of badArgument"),
            std::string::npos)
      << st.error().message;
  EXPECT_NE(st.error().message.find(".oai.xml"), std::string::npos);
}

TEST_F(OaiHarvestTest, RetriesA503WithRetryAfter) {
  server_.push(FakeResponse::error(503, "busy").with_header("Retry-After", "1"));
  server_.push(FakeResponse::ok(page(record("2502.00001", "One"), ""), "text/xml"));
  ASSERT_TRUE(harvest(OaiRequest{}));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_GE(reqs[1].arrival - reqs[0].arrival, 0.95);
  EXPECT_EQ(stored(), 1u);
}

TEST_F(OaiHarvestTest, InterruptedHarvestContinuesFromItsSavedToken) {
  server_.push(FakeResponse::ok(page(record("2502.00001", "One"), "tok-1"), "text/xml"));
  for (int i = 0; i < 3; ++i) server_.push(FakeResponse::error(500));
  ASSERT_FALSE(harvest(OaiRequest{}));
  EXPECT_EQ(stored(), 1u);
  server_.clear_requests();
  server_.push(FakeResponse::ok(page(record("2502.00002", "Two"), ""), "text/xml"));
  ASSERT_TRUE(harvest(OaiRequest{}));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].param("resumptionToken"), "tok-1");
  EXPECT_EQ(stored(), 2u);
}

TEST_F(OaiHarvestTest, AnExpiredSavedTokenRestartsTheHarvest) {
  server_.push(FakeResponse::ok(page(record("2502.00001", "One"), "tok-1"), "text/xml"));
  for (int i = 0; i < 3; ++i) server_.push(FakeResponse::error(500));
  ASSERT_FALSE(harvest(OaiRequest{}));
  server_.clear_requests();
  server_.push(FakeResponse::ok(oai_error("badResumptionToken"), "text/xml"));
  server_.push(FakeResponse::ok(page(record("2502.00001", "One") + record("2502.00002", "Two"), ""),
                                "text/xml"));
  ASSERT_TRUE(harvest(OaiRequest{}));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1].param("verb"), "ListRecords");
  EXPECT_EQ(reqs[1].param("resumptionToken"), "");
  EXPECT_EQ(stored(), 2u);
}

TEST_F(OaiHarvestTest, HarvestsTheRealArxivRawFixture) {
  auto fixtures = testing::shared_fixtures();
  if (fixtures.empty()) GTEST_SKIP() << "../shared/fixtures is absent";
  std::string body = testing::read_text(fixtures / "oai-pmh" / "arXivRaw-ListRecordsResponse.xml");
  server_.push(FakeResponse::ok(body, "text/xml"));
  server_.push(FakeResponse::ok(page("", ""), "text/xml"));
  ASSERT_TRUE(harvest(OaiRequest{}));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_FALSE(reqs[1].param("resumptionToken").empty());
  EXPECT_GT(stored(), 0u);
}

}  // namespace
}  // namespace paperpress
