#include "worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace paperpress {
namespace {

// A latch the jobs below block on, so that the pool must grow to run them all at once.
class Gate {
 public:
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(ServeWorkerPool, GrowsForBlockedJobsUpToItsCeiling) {
  WorkerPool pool(4);
  Gate gate;
  std::atomic<int> started{0}, done{0};
  for (int i = 0; i < 6; ++i)
    pool.enqueue([&] {
      ++started;
      gate.wait();
      ++done;
    });
  EXPECT_EQ(pool.thread_count(), 4u);
  gate.open();
  pool.shutdown();
  EXPECT_EQ(started, 6);
  EXPECT_EQ(done, 6);
}

TEST(ServeWorkerPool, ShutdownRunsWhatIsQueued) {
  WorkerPool pool(1);
  std::atomic<int> done{0};
  for (int i = 0; i < 10; ++i) pool.enqueue([&] { ++done; });
  pool.shutdown();
  EXPECT_EQ(done, 10);
  EXPECT_EQ(pool.thread_count(), 0u);
  pool.enqueue([&] { ++done; });  // after shutdown: dropped
  EXPECT_EQ(done, 10);
}

}  // namespace
}  // namespace paperpress
