// Fresh memory in large blocks: ask for huge pages before the first touch.
#pragma once

#include <cstddef>

namespace paperpress {

// Asks the kernel to back the whole 2 MB pages inside [data, data + bytes) with transparent huge
// pages (where THP is in "madvise" mode, as on Debian). A buffer about to be filled then takes
// one page fault per 2 MB instead of one per 4 KB; on a virtual machine those faults, and the
// host's behind them, are most of what fresh memory costs. A hint: without THP it does nothing.
void advise_huge_pages(void* data, size_t bytes);

// Blocks from this size up are advised by the program's operator new (src/main_memory.cc).
inline constexpr size_t kHugePageAdviceFrom = size_t{1} << 20;

}  // namespace paperpress
