#!/usr/bin/env bash
# Sets up and builds paperpress, then runs the main job on the built-in sample archive (no
# network): the example site in this repository is filled with sample papers and built.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./build/paperpress sample --papers "${PAPERS:-5000}"
./build/paperpress digest --extractive  # each topic's newest day: content/digests/<day>-<topic>.md
./build/paperpress build
./build/paperpress check
echo "quickstart: the site is in public/ (open public/index.html, or run ./build/paperpress serve)"
