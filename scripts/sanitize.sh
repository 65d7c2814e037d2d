#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer + UBSan (g++, -DPAPERPRESS_SANITIZE=ON) into
# build-asan/ and runs the whole test suite; any leak, memory error or undefined behaviour fails.
#
#   scripts/sanitize.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."

# The same Debian packages as scripts/setup.sh.
packages=(g++ cmake ninja-build pkg-config libcurl4-openssl-dev libpugixml-dev
  nlohmann-json3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libtomlplusplus-dev
  libcli11-dev libcpp-httplib-dev libgtest-dev libgmock-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sanitize: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAPERPRESS_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS="-fno-sanitize-recover=undefined" >/dev/null
cmake --build build-asan -j "$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd build-asan
ctest --output-on-failure -j "$(nproc)" "$@"
