#include "paperpress/ingest/polite_client.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "paperpress/util/time.h"

namespace paperpress {
namespace {

// Time stands still except when someone sleeps (or a fake request takes time).
class FakeClock : public Clock {
 public:
  double now() override { return now_; }
  void sleep_for(double seconds) override {
    sleeps_.push_back(seconds);
    if (seconds > 0) now_ += seconds;
  }
  void advance(double seconds) { now_ += seconds; }
  const std::vector<double>& sleeps() const { return sleeps_; }

 private:
  double now_ = 1000;
  std::vector<double> sleeps_;
};

// Answers from a script; records the URL and the clock at the start of each request.
class ScriptedHttp : public HttpClient {
 public:
  explicit ScriptedHttp(FakeClock& clock) : clock_(clock) {}

  Result<HttpResponse> get(const std::string& url) override {
    urls_.push_back(url);
    starts_.push_back(clock_.now());
    clock_.advance(request_seconds_);
    if (script_.empty()) return status(200);
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  static HttpResponse status(int code, std::string retry_after = "") {
    HttpResponse response;
    response.status = code;
    response.body = "body " + std::to_string(code);
    if (!retry_after.empty()) response.headers.emplace_back("Retry-After", retry_after);
    return response;
  }

  void then(Result<HttpResponse> result) { script_.push_back(std::move(result)); }
  void then_status(int code, std::string retry_after = "") {
    then(status(code, std::move(retry_after)));
  }
  void then_error(const std::string& url, const std::string& what) {
    then(Error{"GET " + url + ": " + what});
  }
  void set_request_seconds(double seconds) { request_seconds_ = seconds; }

  const std::vector<std::string>& urls() const { return urls_; }
  const std::vector<double>& starts() const { return starts_; }

 private:
  FakeClock& clock_;
  std::deque<Result<HttpResponse>> script_;
  std::vector<std::string> urls_;
  std::vector<double> starts_;
  double request_seconds_ = 0;
};

struct Retry {
  std::string url, reason;
  int attempt;
};

class RecordingObserver : public FetchObserver {
 public:
  void on_request(const std::string& url) override { requests.push_back(url); }
  void on_wait(double seconds, const std::string& reason) override {
    waits.emplace_back(seconds, reason);
  }
  void on_retry(const std::string& url, const std::string& reason, int attempt) override {
    retries.push_back({url, reason, attempt});
  }
  std::vector<std::string> requests;
  std::vector<std::pair<double, std::string>> waits;
  std::vector<Retry> retries;
};

RetryPolicy test_policy() {
  RetryPolicy policy;
  policy.delay_seconds = 3;
  policy.max_tries = 4;
  policy.backoff_seconds = 5;
  policy.max_wait_seconds = 600;
  return policy;
}

const std::string kUrl = "http://export.arxiv.org/api/query?id_list=1605.08386";

class PoliteClientTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  ScriptedHttp http_{clock_};
  RecordingObserver observer_;
};

TEST_F(PoliteClientTest, FirstRequestDoesNotWait) {
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_TRUE(observer_.waits.empty());
  EXPECT_EQ(observer_.requests, std::vector<std::string>{kUrl});
  EXPECT_EQ(client.requests_made(), 1);
}

TEST_F(PoliteClientTest, PacesConsecutiveRequestStarts) {
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(client.get(kUrl).ok());
  ASSERT_EQ(http_.starts().size(), 4u);
  for (size_t i = 1; i < http_.starts().size(); ++i) {
    EXPECT_GE(http_.starts()[i] - http_.starts()[i - 1], 3.0) << i;
  }
  EXPECT_EQ(clock_.sleeps(), (std::vector<double>{3, 3, 3}));
  ASSERT_EQ(observer_.waits.size(), 3u);
  EXPECT_EQ(observer_.waits[0].first, 3);
  EXPECT_EQ(observer_.waits[0].second, "pacing");
  EXPECT_EQ(client.requests_made(), 4);
}

TEST_F(PoliteClientTest, PacingCountsFromTheStartOfTheRequest) {
  http_.set_request_seconds(2);  // each request takes 2 s of the 3 s delay
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{1});
  EXPECT_DOUBLE_EQ(http_.starts()[1] - http_.starts()[0], 3);
}

TEST_F(PoliteClientTest, NoPacingWaitWhenEnoughTimePassed) {
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  clock_.advance(10);
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PoliteClientTest, TinyWaitsAreNotReported) {
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  clock_.advance(2.99);
  ASSERT_TRUE(client.get(kUrl).ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_NEAR(clock_.sleeps()[0], 0.01, 1e-9);
  EXPECT_TRUE(observer_.waits.empty());
}

TEST_F(PoliteClientTest, Retries503WithBackoffThenSucceeds) {
  http_.then_status(503);
  http_.then_status(200);
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(client.requests_made(), 2);
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{5});  // backoff 5 > pacing 3
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].url, kUrl);
  EXPECT_EQ(observer_.retries[0].reason, "HTTP 503");
  EXPECT_EQ(observer_.retries[0].attempt, 1);
}

TEST_F(PoliteClientTest, BackoffDoublesAndIsCapped) {
  RetryPolicy policy = test_policy();
  policy.max_tries = 5;
  policy.max_wait_seconds = 12;
  for (int i = 0; i < 4; ++i) http_.then_status(500 + i);
  PoliteClient client(http_, clock_, policy, &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(clock_.sleeps(), (std::vector<double>{5, 10, 12, 12}));
  ASSERT_EQ(observer_.retries.size(), 4u);
  EXPECT_EQ(observer_.retries[1].reason, "HTTP 501");
  EXPECT_EQ(observer_.retries[3].attempt, 4);
}

TEST_F(PoliteClientTest, PacingStillAppliesWhenBackoffIsShorter) {
  RetryPolicy policy = test_policy();
  policy.backoff_seconds = 0.5;
  http_.then_status(502);
  PoliteClient client(http_, clock_, policy, &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  ASSERT_EQ(http_.starts().size(), 2u);
  EXPECT_GE(http_.starts()[1] - http_.starts()[0], 3.0);
}

TEST_F(PoliteClientTest, CapNeverShortensPacing) {
  RetryPolicy policy = test_policy();
  policy.max_wait_seconds = 1;
  http_.then_status(503, "100");
  PoliteClient client(http_, clock_, policy, &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_GE(http_.starts()[1] - http_.starts()[0], 3.0);
}

TEST_F(PoliteClientTest, RetryAfterSecondsWinsOverShorterBackoff) {
  http_.then_status(429, "10");
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{10});
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].reason, "HTTP 429 (Retry-After 10 s)");
  ASSERT_EQ(observer_.waits.size(), 1u);
  EXPECT_EQ(observer_.waits[0].first, 10);
}

TEST_F(PoliteClientTest, BackoffWinsOverShorterRetryAfter) {
  http_.then_status(503, "1");
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{5});
}

TEST_F(PoliteClientTest, RetryAfterHttpDate) {
  // An HTTP-date 30 s ahead of the wall clock.
  UnixSeconds when = now_utc() + 30;
  CivilDate date = civil_from_unix(when);
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  UnixSeconds day_start = make_utc(date.year, date.month, date.day);
  int seconds_of_day = static_cast<int>(when - day_start);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[(day_start / 86400) % 7], date.day, kMonths[date.month - 1], date.year,
                seconds_of_day / 3600, seconds_of_day / 60 % 60, seconds_of_day % 60);
  ASSERT_EQ(parse_rfc822(text), when) << text;

  http_.then_status(503, text);
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.sleeps()[0], 27);  // a slow second or two may pass before the retry
  EXPECT_LE(clock_.sleeps()[0], 30);
}

TEST_F(PoliteClientTest, RetryAfterDateInThePastMeansBackoff) {
  http_.then_status(503, "Wed, 21 Oct 2015 07:28:00 GMT");
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{5});
}

TEST_F(PoliteClientTest, UnreadableRetryAfterIsIgnored) {
  http_.then_status(503, "soon");
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{5});
  EXPECT_EQ(observer_.retries[0].reason, "HTTP 503");
}

TEST_F(PoliteClientTest, RetryAfterIsCapped) {
  RetryPolicy policy = test_policy();
  policy.max_wait_seconds = 60;
  http_.then_status(429, "86400");
  PoliteClient client(http_, clock_, policy, &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{60});
}

TEST_F(PoliteClientTest, GivesUpOnStatusReturningTheLastResponse) {
  for (int i = 0; i < 10; ++i) http_.then_status(503);
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->body, "body 503");
  EXPECT_EQ(client.requests_made(), 4);
  EXPECT_EQ(http_.urls().size(), 4u);
  EXPECT_EQ(observer_.retries.size(), 3u);  // no retry announced after the last try
  EXPECT_EQ(clock_.sleeps(), (std::vector<double>{5, 10, 20}));
}

TEST_F(PoliteClientTest, RetriesTransportErrors) {
  http_.then_error(kUrl, "Empty reply from server");
  http_.then_status(200);
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(client.requests_made(), 2);
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].reason, "Empty reply from server");
}

TEST_F(PoliteClientTest, GivesUpOnTransportErrorsWithAnError) {
  RetryPolicy policy = test_policy();
  policy.max_tries = 3;
  http_.then_error(kUrl, "Connection refused");
  http_.then_error(kUrl, "Connection refused");
  http_.then_error(kUrl, "Operation timed out after 1000 milliseconds");
  PoliteClient client(http_, clock_, policy, &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().message,
            "GET " + kUrl + ": gave up after 3 tries: Operation timed out after 1000 milliseconds");
  EXPECT_EQ(client.requests_made(), 3);
}

TEST_F(PoliteClientTest, ClientErrorsAreNotRetried) {
  for (int code : {400, 404, 403}) {
    http_.then_status(code);
    PoliteClient client(http_, clock_, test_policy(), &observer_);
    Result<HttpResponse> response = client.get(kUrl);
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->status, code);
    EXPECT_EQ(response->body, "body " + std::to_string(code));
    EXPECT_EQ(client.requests_made(), 1);
  }
  EXPECT_TRUE(observer_.retries.empty());
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PoliteClientTest, OneTryMeansNoRetry) {
  RetryPolicy policy = test_policy();
  policy.max_tries = 1;
  http_.then_error(kUrl, "Connection refused");
  PoliteClient client(http_, clock_, policy, &observer_);
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().message, "GET " + kUrl + ": gave up after 1 try: Connection refused");
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PoliteClientTest, WorksWithoutObserver) {
  http_.then_status(503, "7");
  PoliteClient client(http_, clock_, test_policy());
  Result<HttpResponse> response = client.get(kUrl);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{7});
}

TEST_F(PoliteClientTest, BackoffNotifiesAndSleepsForTheAttempt) {
  PoliteClient client(http_, clock_, test_policy(), &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  client.backoff(1, "empty page", kUrl);
  client.backoff(3, "empty page", kUrl);
  EXPECT_EQ(clock_.sleeps(), (std::vector<double>{5, 20}));
  ASSERT_EQ(observer_.retries.size(), 2u);
  EXPECT_EQ(observer_.retries[0].reason, "empty page");
  EXPECT_EQ(observer_.retries[1].attempt, 3);
  EXPECT_EQ(observer_.retries[1].url, kUrl);
  // The backoff already covered the pacing delay: the next request goes out at once.
  ASSERT_TRUE(client.get(kUrl).ok());
  EXPECT_EQ(clock_.sleeps().size(), 2u);
}

TEST_F(PoliteClientTest, BackoffIsCapped) {
  RetryPolicy policy = test_policy();
  policy.max_wait_seconds = 30;
  PoliteClient client(http_, clock_, policy, &observer_);
  client.backoff(10, "truncated body", kUrl);
  EXPECT_EQ(clock_.sleeps(), std::vector<double>{30});
}

TEST_F(PoliteClientTest, ShortBackoffStillLeavesPacing) {
  RetryPolicy policy = test_policy();
  policy.backoff_seconds = 1;
  PoliteClient client(http_, clock_, policy, &observer_);
  ASSERT_TRUE(client.get(kUrl).ok());
  client.backoff(1, "empty page", kUrl);
  ASSERT_TRUE(client.get(kUrl).ok());
  ASSERT_EQ(http_.starts().size(), 2u);
  EXPECT_GE(http_.starts()[1] - http_.starts()[0], 3.0);
}

}  // namespace
}  // namespace paperpress
