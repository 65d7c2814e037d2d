// libFuzzer target: Template::compile and render against a fixed Value tree (see fuzz_targets.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!paperpress::fuzz::template_input(input)) __builtin_trap();
  return 0;
}
