#include "paperpress/util/memory.h"

#include <sys/mman.h>

#include <cstdint>

#include "paperpress/util/parallel.h"

namespace paperpress {

void advise_huge_pages(void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  auto begin = reinterpret_cast<uintptr_t>(data);
  uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (data == nullptr || last <= first) return;  // no whole huge page inside
#ifdef MADV_HUGEPAGE
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

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
