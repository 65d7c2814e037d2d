// Fresh memory in large blocks: ask for huge pages before the first touch.
#pragma once

#include <cstddef>

namespace paperpress {

// Asks the kernel to back the whole 2 MB pages inside [data, data + bytes) with transparent huge
// pages (where THP is in "madvise" mode, as on Debian). A buffer about to be filled then takes
// one page fault per 2 MB instead of one per 4 KB; on a virtual machine those faults, and the
// host's behind them, are most of what fresh memory costs. A hint: without THP it does nothing.
void advise_huge_pages(void* data, size_t bytes);

// Writes a zero byte into every 4 KB page of [data, data + bytes) on `threads` threads, each a
// contiguous range: the first touch of fresh memory (the kernel zeroing the page, and on a
// virtual machine the host backing it) then happens on every core, not all on the one thread
// that fills the buffer first. For storage not yet holding objects, or holding bytes.
void prefault(void* data, size_t bytes, unsigned threads);

// Blocks from this size up are advised by the program's operator new (src/main_memory.cc).
inline constexpr size_t kHugePageAdviceFrom = size_t{1} << 20;

}  // namespace paperpress
