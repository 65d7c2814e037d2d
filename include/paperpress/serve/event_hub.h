// Server-Sent Events for the pages open in browsers. The hub holds the state a page needs (the
// current build's generation and the last build error) rather than a queue of events, so a
// stream that connects late or misses a wake-up still learns everything: its page reloads as
// soon as the hub's generation differs from the one the page was served from.
//
//   auto stream = hub.open("17.3");            // nullptr when max_streams are open
//   while (auto text = stream->next(15s)) {    // nullopt once the hub is closed
//     send(*text);                             // "event: reload\n…", or a heartbeat comment
//     if (stream->finished()) break;           // a reload was sent: end the response
//   }
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace paperpress {

class EventHub {
 public:
  class Stream {
   public:
    ~Stream();
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    // Waits up to `heartbeat` for news and returns the text to send: the reconnection delay
    // first, then "event: reload" (the stream is then finished), "event: build-error" with the
    // error, or a comment line that keeps the connection alive. nullopt once the hub is closed.
    std::optional<std::string> next(std::chrono::milliseconds heartbeat);
    bool finished() const { return finished_; }

   private:
    friend class EventHub;
    Stream(EventHub& hub, std::string since, uint64_t version)
        : hub_(hub), since_(std::move(since)), seen_(version - 1) {}
    EventHub& hub_;
    std::string since_;
    uint64_t seen_;
    std::string error_sent_;
    bool started_ = false;
    bool finished_ = false;
  };

  explicit EventHub(size_t max_streams, std::string generation = "none");
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // A stream for a page served from build `since`; nullptr when max_streams are open or the
  // hub is closed.
  std::unique_ptr<Stream> open(std::string since);

  // A new build is served: every page from another build reloads; the error is cleared.
  void publish_build(std::string generation);
  // The latest build failed: every page shows `message` until the next good build.
  void publish_error(std::string message);
  // Ends every stream (their next() returns nullopt) and refuses new ones.
  void close();

  std::string generation() const;
  std::optional<std::string> error() const;
  size_t open_streams() const;

 private:
  const size_t max_streams_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string generation_;
  std::optional<std::string> error_;
  uint64_t version_ = 1;  // bumped by every publish and by close
  size_t streams_ = 0;
  bool closed_ = false;
};

// One server-sent event: "event: NAME\ndata: LINE\n…\n\n", each line of `data` as its own
// data field.
std::string sse_event(std::string_view name, std::string_view data);

}  // namespace paperpress
