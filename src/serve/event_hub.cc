#include "paperpress/serve/event_hub.h"

namespace paperpress {

namespace {

// How long a browser waits before reconnecting a dropped stream, and before retrying when
// every stream slot was taken.
constexpr std::string_view kRetry = "retry: 1000\n\n";

}  // namespace

std::string sse_event(std::string_view name, std::string_view data) {
  std::string out = "event: ";
  out.append(name);
  out += '\n';
  size_t start = 0;
  for (;;) {
    size_t end = data.find_first_of("\r\n", start);
    out += "data: ";
    out.append(data.substr(start, end == std::string_view::npos ? end : end - start));
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + (data.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  out += '\n';
  return out;
}

EventHub::EventHub(size_t max_streams, std::string generation)
    : max_streams_(max_streams), generation_(std::move(generation)) {}

std::unique_ptr<EventHub::Stream> EventHub::open(std::string since) {
  std::lock_guard lock(mutex_);
  if (closed_ || streams_ >= max_streams_) return nullptr;
  ++streams_;
  return std::unique_ptr<Stream>(new Stream(*this, std::move(since), version_));
}

EventHub::Stream::~Stream() {
  std::lock_guard lock(hub_.mutex_);
  --hub_.streams_;
}

std::optional<std::string> EventHub::Stream::next(std::chrono::milliseconds heartbeat) {
  std::unique_lock lock(hub_.mutex_);
  hub_.changed_.wait_for(lock, heartbeat, [&] { return hub_.closed_ || hub_.version_ != seen_; });
  if (hub_.closed_) return std::nullopt;
  seen_ = hub_.version_;
  std::string out;
  if (!started_) {
    started_ = true;
    out = kRetry;
  }
  if (hub_.generation_ != since_) {
    finished_ = true;
    return out + sse_event("reload", hub_.generation_);
  }
  if (hub_.error_ && *hub_.error_ != error_sent_) {
    error_sent_ = *hub_.error_;
    return out + sse_event("build-error", error_sent_);
  }
  return out.empty() ? std::string(": keep-alive\n\n") : out;
}

void EventHub::publish_build(std::string generation) {
  {
    std::lock_guard lock(mutex_);
    generation_ = std::move(generation);
    error_.reset();
    ++version_;
  }
  changed_.notify_all();
}

void EventHub::publish_error(std::string message) {
  {
    std::lock_guard lock(mutex_);
    error_ = std::move(message);
    ++version_;
  }
  changed_.notify_all();
}

void EventHub::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ++version_;
  }
  changed_.notify_all();
}

std::string EventHub::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

std::optional<std::string> EventHub::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

size_t EventHub::open_streams() const {
  std::lock_guard lock(mutex_);
  return streams_;
}

}  // namespace paperpress
