#include "paperpress/digest/chat_client.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "fake_arxiv.h"

namespace paperpress {
namespace {}  // namespace
namespace digest_test {
std::string answer(const std::string& content, const std::string& finish = "stop") {
  nlohmann::json j = {{"choices",
                       {{{"index", 0},
                         {"message", {{"role", "assistant"}, {"content", content}}},
                         {"finish_reason", finish}}}}};
  return j.dump();
}
}  // namespace digest_test
namespace {
using digest_test::answer;

TEST(ChatClient, ParsesTheAnswer) {
  auto text = parse_chat_answer(answer("**Summary.** Good."));
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "**Summary.** Good.");
}

TEST(ChatClient, BadAnswersAreOneLineErrors) {
  EXPECT_EQ(parse_chat_answer("{\"choices\": [").error().message, "malformed response: not JSON");
  EXPECT_EQ(parse_chat_answer("{\"choices\": []}").error().message,
            "malformed response: no choices");
  EXPECT_EQ(parse_chat_answer(answer("  \n")).error().message, "empty answer");
  EXPECT_EQ(parse_chat_answer(answer("Half an ans", "length")).error().message,
            "answer cut off at the token limit (finish_reason length)");
  nlohmann::json refusal = {
      {"choices",
       {{{"message", {{"content", nullptr}, {"refusal", "I can't help with\nthat."}}}}}}};
  EXPECT_EQ(parse_chat_answer(refusal.dump()).error().message,
            "the model refused: I can't help with that.");
  EXPECT_EQ(parse_chat_answer(answer("I'm sorry, but I cannot assist with that request."))
                .error()
                .message,
            "the model refused: I'm sorry, but I cannot assist with that request.");
}

TEST(ChatClient, RequestBodyIsStableAndHoldsNoKey) {
  DigestConfig c;
  c.model = "m";
  std::string a = chat_request_body(c, "sys", "user text");
  EXPECT_EQ(a, chat_request_body(c, "sys", "user text"));
  auto j = nlohmann::json::parse(a);
  EXPECT_EQ(j["model"], "m");
  EXPECT_EQ(j["messages"][1]["content"], "user text");
  EXPECT_EQ(j["messages"][0]["role"], "system");
}

TEST(ChatClient, RedactsTheKey) {
  EXPECT_EQ(redact_key("Incorrect API key provided: sk-123 (sk-123)", "sk-123"),
            "Incorrect API key provided: [key] ([key])");
  EXPECT_EQ(redact_key("nothing", ""), "nothing");
}

}  // namespace
}  // namespace paperpress

namespace paperpress {
namespace {

using digest_test::answer;

class StepClock : public Clock {
 public:
  double now() override { return t_; }
  void sleep_for(double seconds) override {
    slept_.push_back(seconds);
    t_ += seconds;
  }
  std::vector<double> slept_;

 private:
  double t_ = 1000;
};

TEST(ChatClient, RetriesOn429WithRetryAfterAndRedactsErrors) {
  FakeArxiv server;
  server.push(FakeResponse::error(429).with_header("Retry-After", "7"));
  server.push(FakeResponse::ok(answer("fine"), "application/json"));
  server.push(FakeResponse::error(401,
                                  "{\"error\":{\"message\":\"Incorrect API key provided: "
                                  "sk-live-1\"}}"));
  DigestConfig config;
  config.api_url = server.url("/v1");
  config.model = "m";
  config.max_tries = 3;
  auto http = make_curl_post_client({});
  StepClock clock;
  ChatClient chat(config, "sk-live-1", *http, clock, digest_retry_policy(config));
  auto raw = chat.send(chat_request_body(config, "s", "u"));
  ASSERT_TRUE(raw) << raw.error().message;
  EXPECT_EQ(*parse_chat_answer(*raw), "fine");
  ASSERT_FALSE(clock.slept_.empty());
  // Retry-After beats the 2 s backoff.
  EXPECT_NE(std::find(clock.slept_.begin(), clock.slept_.end(), 7.0), clock.slept_.end());
  auto denied = chat.send(chat_request_body(config, "s", "u"));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().message, "HTTP 401 from " + server.url("/v1") +
                                        "/chat/completions: Incorrect API key provided: [key]");
  EXPECT_EQ(server.requests()[0].header("Authorization"), "Bearer sk-live-1");
}

}  // namespace
}  // namespace paperpress
