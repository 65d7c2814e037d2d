// Fresh memory in large blocks: its first touch on every core.
#pragma once

#include <cstddef>

namespace paperpress {

// Writes a zero byte into every 4 KB page of [data, data + bytes) on `threads` threads, each a
// contiguous range: the first touch of fresh memory (the kernel zeroing the page, and on a
// virtual machine the host backing it) then happens on every core, not all on the one thread
// that fills the buffer first. For storage not yet holding objects, or holding bytes.
void prefault(void* data, size_t bytes, unsigned threads);

}  // namespace paperpress
