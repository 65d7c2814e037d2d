#include "paperpress/util/memory.h"

#include "paperpress/util/parallel.h"

namespace paperpress {

void prefault(void* data, size_t bytes, unsigned threads) {
  constexpr size_t kPage = 4096;
  auto* bytes_at = static_cast<volatile unsigned char*>(data);
  const size_t pages = (bytes + kPage - 1) / kPage;
  if (threads == 0) threads = 1;
  run_on_threads(threads, [&](unsigned t) {
    auto [first, last] = range_of(pages, t, threads);
    for (size_t page = first; page < last; ++page) bytes_at[page * kPage] = 0;
  });
}

}  // namespace paperpress
