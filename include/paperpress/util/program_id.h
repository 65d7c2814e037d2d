// What identifies this very program, so that a build made by another version of paperpress
// renders every page again.
#pragma once

#include <cstdint>

namespace paperpress {

// A hash of the program's GNU build ID (the linker's digest of the executable, read from the
// loaded image: no I/O), or, in a program linked without one, of the executable's bytes.
uint64_t program_fingerprint();

}  // namespace paperpress
