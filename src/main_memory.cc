// The paperpress program's operator new: as the standard one (malloc), and blocks of a megabyte
// or more are advised to use huge pages (util/memory.h). A build fills a few large arrays once
// (the store's papers, sort keys, the output manifest); with 4 KB pages their first touch was
// about a tenth of a rebuild's time. Only the program has it; the library and tests use the
// standard operator new.
#include <cstdlib>
#include <new>

#include "paperpress/util/memory.h"

void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  if (size >= paperpress::kHugePageAdviceFrom) paperpress::advise_huge_pages(p, size);
  return p;
}
