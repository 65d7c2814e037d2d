#!/usr/bin/env bash
# Fetches new papers, builds the site and checks it, for GitHub Pages: .github/workflows/deploy.yml
# runs it between restoring the paper cache and uploading public/. It runs by hand as well.
#
# This repository builds paperpress from its own source (scripts/setup.sh) and then runs the
# same deploy steps as a site made by `paperpress init` (scaffold/scripts/deploy.sh: its install
# step takes this build, since PAPERPRESS is set; then fetch, build from the cache even when the
# fetch fails, refuse an empty site, check; see there and docs/deploy.md for the settings SITE,
# OUT, FETCH and GITHUB_STEP_SUMMARY).
#
#   PAPERPRESS   the paperpress binary; default: build it with scripts/setup.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PAPERPRESS:-}" ]; then
  bash "$repo/scripts/setup.sh"
  PAPERPRESS=$repo/build/paperpress
fi
export PAPERPRESS SITE=${SITE:-$repo}
exec bash "$repo/scaffold/scripts/deploy.sh"
