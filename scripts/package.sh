#!/usr/bin/env bash
# Builds paperpress's Debian package and a tarball of the program with CPack, from the Release
# build in build/ (scripts/setup.sh), checks the package with lintian, and writes both, with
# their SHA256SUMS, into the output folder: what the release workflow attaches to a release.
#
#   scripts/package.sh [--out DIR] [--tag vVERSION]
#     --out DIR   where to write the files (default: dist/)
#     --tag TAG   fail unless TAG is v<the project version> (the release workflow's check)
#
# The version is CMake's project version (CMakeLists.txt); `paperpress --version` prints it with
# the commit. docs/packaging.md says what the package holds.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
tag=""
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --tag) tag=${2:?--tag needs a tag}; shift 2 ;;
    *) echo "package: unknown option $1 (use --out DIR, --tag vVERSION)" >&2; exit 2 ;;
  esac
done

version=$(sed -n 's/^project(paperpress VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "package: no project version in CMakeLists.txt" >&2; exit 1; }
if [ -n "$tag" ] && [ "$tag" != "v$version" ]; then
  echo "package: tag $tag does not match the project version $version (expected v$version)" >&2
  exit 1
fi
bash scripts/setup.sh --package
printed=$(./build/paperpress --version)
case $printed in
  "paperpress $version (commit "*) ;;
  *) echo "package: build/paperpress --version says '$printed', expected version $version" >&2
     exit 1 ;;
esac

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd build && cpack -G "DEB;TGZ" -B "$work" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  echo "package: cpack failed" >&2
  exit 1
}
arch=$(dpkg --print-architecture)
deb=paperpress_${version}_${arch}.deb
tarball=paperpress-${version}-linux-${arch}.tar.gz
for f in "$deb" "$tarball"; do
  [ -f "$work/$f" ] || { echo "package: cpack wrote no $f" >&2; ls "$work" >&2; exit 1; }
  mv -f "$work/$f" "$out/$f"
done
(cd "$out" && sha256sum "$deb" "$tarball" >SHA256SUMS)

# Errors fail; warnings are printed.
lintian --fail-on error --tag-display-limit 0 "$out/$deb"

echo "package: $printed"
dpkg-deb --field "$out/$deb" Package Version Architecture Depends Installed-Size
(cd "$out" && ls -l "$deb" "$tarball" SHA256SUMS)
