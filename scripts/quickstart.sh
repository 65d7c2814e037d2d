#!/usr/bin/env bash
# Sets up and builds paperpress, then runs the main job on the built-in sample archive (no
# network): the example site in this repository is filled with sample papers and built.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./build/paperpress sample --papers "${PAPERS:-5000}"
if ./build/paperpress --help | grep -q '^  build'; then
  ./build/paperpress build
  echo "quickstart: the site is in public/ (open public/index.html, or run ./build/paperpress serve)"
else
  ./build/paperpress export | head -n 3
fi
