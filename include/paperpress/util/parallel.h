// Running one piece of work on several threads: the calling thread is one of them.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

namespace paperpress {

// Calls work(t) for every t in [0, threads) at once, work(0) on the calling thread, and
// returns when all have returned. threads == 0 counts as 1.
void run_on_threads(unsigned threads, const std::function<void(unsigned t)>& work);

// The part [begin, end) of [0, n) that thread t of `threads` takes: contiguous ranges, in
// order, together covering [0, n).
inline std::pair<size_t, size_t> range_of(size_t n, unsigned t, unsigned threads) {
  return {n * t / threads, n * (t + 1) / threads};
}

}  // namespace paperpress
