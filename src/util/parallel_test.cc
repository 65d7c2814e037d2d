#include "paperpress/util/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace paperpress {
namespace {

TEST(Parallel, EveryThreadRunsOnceTheFirstOnTheCaller) {
  std::mutex m;
  std::multiset<unsigned> seen;
  std::thread::id first;
  run_on_threads(3, [&](unsigned t) {
    std::lock_guard lock(m);
    seen.insert(t);
    if (t == 0) first = std::this_thread::get_id();
  });
  EXPECT_EQ(seen, (std::multiset<unsigned>{0, 1, 2}));
  EXPECT_EQ(first, std::this_thread::get_id());
  std::atomic<int> runs{0};
  run_on_threads(0, [&](unsigned) { ++runs; });
  EXPECT_EQ(runs, 1);
}

TEST(Parallel, RangesCoverEverythingInOrder) {
  for (size_t n : {0, 1, 5, 7, 100}) {
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
      size_t expect_begin = 0;
      for (unsigned t = 0; t < threads; ++t) {
        auto [begin, end] = range_of(n, t, threads);
        EXPECT_EQ(begin, expect_begin) << n << " " << threads << " " << t;
        EXPECT_LE(begin, end);
        expect_begin = end;
      }
      EXPECT_EQ(expect_begin, n) << n << " " << threads;
    }
  }
}

}  // namespace
}  // namespace paperpress
