#include "paperpress/util/memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <vector>

namespace paperpress {
namespace {

// How many of the 4 KB pages of [p, p + bytes) are in memory (mincore), p page-aligned.
size_t resident_pages(void* p, size_t bytes) {
  std::vector<unsigned char> in_core((bytes + 4095) / 4096);
  if (::mincore(p, bytes, in_core.data()) != 0) return 0;
  size_t n = 0;
  for (unsigned char page : in_core) n += page & 1;
  return n;
}

TEST(Prefault, EveryPageOfTheRangeIsResidentAfterwards) {
  constexpr size_t kBytes = (size_t{8} << 20) + 12345;
  constexpr size_t kPages = (kBytes + 4095) / 4096;
  void* mapped =
      ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(mapped, MAP_FAILED);
  ASSERT_EQ(resident_pages(mapped, kBytes), 0u);  // fresh: no page touched yet
  prefault(mapped, kBytes, 3);
  EXPECT_EQ(resident_pages(mapped, kBytes), kPages);
  prefault(mapped, 0, 2);  // nothing to touch
  prefault(mapped, 100, 0);
  ::munmap(mapped, kBytes);
}

}  // namespace
}  // namespace paperpress
