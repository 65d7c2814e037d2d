#include "paperpress/util/parallel.h"

#include <thread>
#include <vector>

namespace paperpress {

void run_on_threads(unsigned threads, const std::function<void(unsigned t)>& work) {
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
}

}  // namespace paperpress
