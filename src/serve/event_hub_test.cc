#include "paperpress/serve/event_hub.h"

#include <gtest/gtest.h>

#include <thread>

namespace paperpress {
namespace {

using std::chrono::milliseconds;

// Long enough never to elapse in a passing test: each next() below has news waiting.
constexpr milliseconds kNoWait{60000};

TEST(ServeEventHub, FormatsEventsLineByLine) {
  EXPECT_EQ(sse_event("reload", "7"), "event: reload\ndata: 7\n\n");
  EXPECT_EQ(sse_event("build-error", "a\nb\r\nc"),
            "event: build-error\ndata: a\ndata: b\ndata: c\n\n");
  EXPECT_EQ(sse_event("x", ""), "event: x\ndata: \n\n");
}

TEST(ServeEventHub, APageFromAnOlderBuildReloadsAtOnce) {
  EventHub hub(4, "g2");
  auto stream = hub.open("g1");
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->next(kNoWait), "retry: 1000\n\nevent: reload\ndata: g2\n\n");
  EXPECT_TRUE(stream->finished());
}

TEST(ServeEventHub, ACurrentPageWaitsForTheNextBuild) {
  EventHub hub(4, "g1");
  auto stream = hub.open("g1");
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->next(kNoWait), "retry: 1000\n\n");
  EXPECT_EQ(stream->next(milliseconds(1)), ": keep-alive\n\n");
  EXPECT_FALSE(stream->finished());
  std::thread publisher([&] { hub.publish_build("g2"); });
  EXPECT_EQ(stream->next(kNoWait), "event: reload\ndata: g2\n\n");
  publisher.join();
  EXPECT_TRUE(stream->finished());
}

TEST(ServeEventHub, ErrorsAreSentOnceAndToLateComers) {
  EventHub hub(4, "g1");
  auto early = hub.open("g1");
  EXPECT_EQ(early->next(kNoWait), "retry: 1000\n\n");
  hub.publish_error("site.toml:3: unknown key 'titel'");
  EXPECT_EQ(early->next(kNoWait), "event: build-error\ndata: site.toml:3: unknown key 'titel'\n\n");
  EXPECT_EQ(early->next(milliseconds(1)), ": keep-alive\n\n");
  auto late = hub.open("g1");
  EXPECT_EQ(late->next(kNoWait),
            "retry: 1000\n\nevent: build-error\ndata: site.toml:3: unknown key 'titel'\n\n");
  EXPECT_EQ(hub.error(), "site.toml:3: unknown key 'titel'");
  hub.publish_build("g2");
  EXPECT_EQ(hub.error(), std::nullopt);
  EXPECT_EQ(early->next(kNoWait), "event: reload\ndata: g2\n\n");
}

TEST(ServeEventHub, CapsOpenStreamsAndFreesSlots) {
  EventHub hub(2);
  auto a = hub.open("none");
  auto b = hub.open("none");
  EXPECT_TRUE(a && b);
  EXPECT_EQ(hub.open("none"), nullptr);
  EXPECT_EQ(hub.open_streams(), 2u);
  a.reset();
  EXPECT_EQ(hub.open_streams(), 1u);
  EXPECT_NE(hub.open("none"), nullptr);
}

TEST(ServeEventHub, CloseEndsWaitingStreamsAndRefusesNewOnes) {
  EventHub hub(4, "g1");
  auto stream = hub.open("g1");
  EXPECT_EQ(stream->next(kNoWait), "retry: 1000\n\n");
  std::thread closer([&] { hub.close(); });
  EXPECT_EQ(stream->next(kNoWait), std::nullopt);
  closer.join();
  EXPECT_EQ(hub.open("g1"), nullptr);
}

}  // namespace
}  // namespace paperpress
