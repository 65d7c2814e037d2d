#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer + UBSan (g++, -DPAPERPRESS_SANITIZE=ON) into
# build-asan/ and runs the whole test suite; any leak, memory error or undefined behaviour fails.
#
#   scripts/sanitize.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --tests  # the Debian packages (and the Release build, which is quick to reuse)

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAPERPRESS_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS="-fno-sanitize-recover=undefined" >/dev/null
cmake --build build-asan -j "$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd build-asan
ctest --output-on-failure -j "$(nproc)" "$@"
