#!/usr/bin/env bash
# Sets up and builds paperpress, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
