// libFuzzer target: parse_kaggle_line over arbitrary bytes (see fuzz_targets.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!paperpress::fuzz::parse_kaggle_line_input(input)) __builtin_trap();
  return 0;
}
