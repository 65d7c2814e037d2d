// The preview server's threads. cpp-httplib serves each connection on one task queue thread
// for as long as the connection lasts, and an event stream lasts as long as its browser tab.
// This pool starts threads on demand, up to a ceiling, instead of holding a fixed number; with
// the event streams capped below the ceiling, open tabs can never take every thread.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace paperpress {

class WorkerPool : public httplib::TaskQueue {
 public:
  explicit WorkerPool(size_t max_threads);
  ~WorkerPool() override;

  // Runs `fn` on an idle thread, on a new one while fewer than max_threads exist, or queues it
  // for the first thread that frees up.
  void enqueue(std::function<void()> fn) override;
  // Runs what is queued, then joins every thread.
  void shutdown() override;

  size_t thread_count() const;

 private:
  void work();

  const size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool shutdown_ = false;
};

}  // namespace paperpress
