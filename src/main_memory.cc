// The paperpress program's operator new: as the standard one (malloc), and blocks of a megabyte
// or more are advised to use huge pages (util/memory.h). A build fills a few large arrays once
// (the store's papers, sort keys, the output manifest); with 4 KB pages their first touch was
// about a tenth of a rebuild's time. Only the program has it; the library and tests use the
// standard operator new, and so does the program under a sanitizer, which brings its own
// allocator and checks that what operator new gave is given back to operator delete.
#include <cstdlib>
#include <new>

#include "paperpress/util/memory.h"

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)

void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  if (size >= paperpress::kHugePageAdviceFrom) paperpress::advise_huge_pages(p, size);
  return p;
}

void operator delete(void* p) noexcept {
  std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

#endif
