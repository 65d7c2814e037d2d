#!/usr/bin/env bash
# Installs paperpress's build dependencies from Debian's packages (when missing) and builds it
# into build/. Safe to run again: it installs nothing that is already there.
#
#   scripts/setup.sh [--tests] [--package]
#     --tests    also what the test suite needs
#     --package  also what scripts/package.sh needs (dpkg-shlibdeps, file, lintian)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config git
  libcurl4-openssl-dev libpugixml-dev nlohmann-json3-dev libcmark-gfm-dev
  libcmark-gfm-extensions-dev libtomlplusplus-dev libcli11-dev libcpp-httplib-dev zlib1g-dev
  libgtest-dev libgmock-dev
  libjs-katex)  # KaTeX (and fonts-katex), copied into sites whose titles or abstracts hold math
# With --tests: what the test suite uses beyond the build (the workflows' YAML, the browser tests,
# the Debian package's test, the BibTeX readers of tests/bibtex_reader_test.cc: texlive-base has
# plain.bst and brings texlive-binaries, which has bibtex; npm for axe-core, below); with
# --package: what making the package uses.
tests=0
for arg in "$@"; do
  case $arg in
    --tests)
      tests=1
      packages+=(python3-yaml chromium dpkg-dev file lintian texlive-base biber)
      # Debian's npm, unless this machine has one already (Node.js from elsewhere brings its own).
      command -v npm >/dev/null || packages+=(npm) ;;
    --package) packages+=(dpkg-dev file lintian) ;;
    *) echo "setup: unknown option $arg (use --tests, --package)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  [ -n "$p" ] || continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# axe-core, the accessibility rules tests/paper_browser_test.cc runs in Chromium on every page
# kind: not packaged by Debian, so from npm's registry, into build/npm/ where the test looks.
if [ "$tests" = 1 ] && [ ! -f build/npm/node_modules/axe-core/axe.min.js ]; then
  echo "setup: installing axe-core into build/npm"
  mkdir -p build/npm
  npm install --prefix build/npm --no-audit --no-fund --no-save --loglevel=error axe-core@4 ||
    echo "setup: could not install axe-core: the accessibility test will be skipped" >&2
fi

build_type=${PAPERPRESS_BUILD_TYPE:-Release}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" ${PAPERPRESS_CMAKE_ARGS:-} >/dev/null
cmake --build build -j "$(nproc)"
