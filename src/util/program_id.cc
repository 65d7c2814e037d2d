#include "paperpress/util/program_id.h"

#include <elf.h>
#include <link.h>

#include <ctime>
#include <string>
#include <string_view>

#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"

namespace paperpress {

namespace {

// The descriptor of the NT_GNU_BUILD_ID note of the main program, or empty.
std::string_view gnu_build_id() {
  std::string_view id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) -> int {
        // The first object listed is the main program.
        auto* out = static_cast<std::string_view*>(data);
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (end - p >= static_cast<std::ptrdiff_t>(sizeof(ElfW(Nhdr)))) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const size_t name_size = (note->n_namesz + 3) & ~size_t{3};
            const size_t desc_size = (note->n_descsz + 3) & ~size_t{3};
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + name_size;
            if (desc + desc_size > end) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
                std::string_view(name, 3) == "GNU" && note->n_descsz > 0) {
              *out = std::string_view(desc, note->n_descsz);
              return 1;
            }
            p = desc + desc_size;
          }
        }
        return 1;  // only the main program is looked at
      },
      &id);
  return id;
}

}  // namespace

uint64_t program_fingerprint() {
  if (std::string_view id = gnu_build_id(); !id.empty())
    return hash_combine(hash_bytes("build-id"), hash_bytes(id));
  if (auto self = read_file("/proc/self/exe")) return hash_bytes(*self);
  return hash_bytes(std::to_string(std::time(nullptr)));  // unknown: never equal
}

}  // namespace paperpress
