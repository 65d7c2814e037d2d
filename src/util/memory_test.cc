#include "paperpress/util/memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace paperpress {
namespace {

std::string read_text(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A field of /proc/self/smaps ("AnonHugePages:", "Rss:"), in kB, summed over the mappings that
// overlap [p, p + bytes) (advice splits a mapping, so the block may span several).
long smaps_kb_in(const void* p, size_t bytes, std::string_view field = "AnonHugePages:") {
  std::istringstream smaps(read_text("/proc/self/smaps"));
  auto begin = reinterpret_cast<uintptr_t>(p), end = begin + bytes;
  bool overlaps = false;
  long kb = 0;
  for (std::string line; std::getline(smaps, line);) {
    uintptr_t lo, hi;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find(':') > line.find(' ')) {
      overlaps = lo < end && begin < hi;
    } else if (overlaps && line.starts_with(field)) {
      kb += std::stol(line.substr(field.size()));
    }
  }
  return kb;
}

TEST(AdviseHugePages, ALargeBufferFilledAfterAdviceUsesHugePages) {
  std::string thp = read_text("/sys/kernel/mm/transparent_hugepage/enabled");
  if (thp.find("[never]") != std::string::npos || thp.empty())
    GTEST_SKIP() << "transparent huge pages are off on this machine";
  // Fresh memory, as a large allocation gets (malloc may reuse touched memory instead).
  constexpr size_t kBytes = size_t{16} << 20;
  void* mapped =
      ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(mapped, MAP_FAILED);
  char* buffer = static_cast<char*>(mapped);
  advise_huge_pages(buffer + 100, kBytes - 100);
  std::memset(buffer, 1, kBytes);
  // Whole 2 MB pages inside: the kernel may fall back to small pages for some, not for all.
  EXPECT_GE(smaps_kb_in(buffer, kBytes), 2048);
  ::munmap(mapped, kBytes);
}

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

TEST(AdviseHugePages, RangesWithoutAWholeHugePageAreLeftAlone) {
  char small[4096];
  advise_huge_pages(small, sizeof small);  // nothing to advise: must not fail or change it
  advise_huge_pages(nullptr, size_t{8} << 20);
  std::memset(small, 2, sizeof small);
  EXPECT_EQ(small[4095], 2);
}

}  // namespace
}  // namespace paperpress
