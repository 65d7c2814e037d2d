#!/usr/bin/env bash
# Fetches new papers, builds the site and checks it, for GitHub Pages: .github/workflows/deploy.yml
# runs it between restoring the caches and uploading public/. It runs by hand as well.
#
# The steps, each a function called at the bottom of this file:
#   install  paperpress PAPERPRESS_VERSION: the released Debian package, unpacked into
#            .paperpress/release/ (its Debian dependencies installed with apt-get); when no
#            release is reachable, built from source in .paperpress/source/ instead. The
#            workflow caches both folders, so a run downloads or builds nothing new.
#   fetch    new papers from arXiv; if that fails (arXiv down, rate limiting), the site is still
#            built from the papers in the cache, and the failure goes to the job summary
#   digest   the day's digest per topic (docs/digest.md): by the language model of site.toml's
#            [digest] when the PAPERPRESS_LLM_API_KEY secret is set, from the data alone
#            otherwise; a failed digest never stops the deploy
#   build    the site into OUT; a site with no papers, or without an index.html, is never
#            published: the script fails, and so does the deployment
#   check    links, anchors, titles, feeds
#
# Settings (environment):
#   PAPERPRESS_VERSION   the paperpress to install; raise it to upgrade
#   PAPERPRESS_RELEASES  where releases are downloaded from: RELEASES/vVERSION/FILE
#                        (the workflow takes it from the repository variable of that name)
#   PAPERPRESS_FROM      auto (a release, else source), release or source; default auto
#   PAPERPRESS_GIT       the repository to build from when no release is reachable
#   PAPERPRESS_REF       its tag, branch or commit; default vVERSION
#   PAPERPRESS_HOME      where release/ and source/ live; default: .paperpress in this repository
#   PAPERPRESS           a paperpress binary to use instead; nothing is installed or built
#   SITE                 the site folder, holding site.toml; default: this repository
#   OUT                  the folder to build into; default: SITE/public (what the workflow uploads)
#   FETCH                0 builds from the cache without fetching; default 1
#   DIGEST               0 writes no digest; default 1
#   PAPERPRESS_LLM_API_KEY  the language model's key ([digest] in site.toml); without it the
#                        digest is extractive
#   GITHUB_STEP_SUMMARY  set by GitHub Actions: a Markdown summary is appended to this file
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
SITE=${SITE:-$repo}
OUT=${OUT:-$SITE/public}
FETCH=${FETCH:-1}
PAPERPRESS_VERSION=${PAPERPRESS_VERSION:-@PAPERPRESS_VERSION@}
PAPERPRESS_RELEASES=${PAPERPRESS_RELEASES:-https://github.com/paperpress/paperpress/releases/download}
PAPERPRESS_FROM=${PAPERPRESS_FROM:-auto}
PAPERPRESS_GIT=${PAPERPRESS_GIT:-https://github.com/paperpress/paperpress.git}
PAPERPRESS_REF=${PAPERPRESS_REF:-v$PAPERPRESS_VERSION}
PAPERPRESS_HOME=${PAPERPRESS_HOME:-$repo/.paperpress}

summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"; fi
}
fail() {
  echo "deploy: $*" >&2
  summary "" "**Not deployed:** $*"
  exit 1
}
# The last lines of a log (only its errors and warnings when it has any), as a code block.
summary_log() {
  local lines
  lines=$(grep -E '^paperpress: (error|warning)|^fetched:' "$1" | tail -n "${2:-15}" || true)
  [ -n "$lines" ] || lines=$(tail -n "${2:-15}" "$1")
  summary '```' "$lines" '```'
}

# Installs Debian packages that are missing (apt-get, as root or through sudo).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  echo "deploy: installing ${missing[*]}"
  if ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
    "${sudo_cmd[@]}" apt-get update -qq
  fi
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { "${sudo_cmd[@]}" apt-get update -qq &&
      "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

# ---- install: paperpress itself ---------------------------------------------------------------

# The released package: RELEASES/vVERSION/paperpress_VERSION_ARCH.deb, checked against the
# release's SHA256SUMS, unpacked into PAPERPRESS_HOME/release/VERSION/ (kept for the next run).
# Fails (with the reason in $why) when no release is reachable or it does not run here.
install_release() {
  local arch deb url dir tmp
  arch=$(dpkg --print-architecture 2>/dev/null) || { why="dpkg is not installed"; return 1; }
  deb=paperpress_${PAPERPRESS_VERSION}_${arch}.deb
  url=${PAPERPRESS_RELEASES%/}/v$PAPERPRESS_VERSION
  dir=$PAPERPRESS_HOME/release/$PAPERPRESS_VERSION
  how="the released package $deb from $url"
  if [ -x "$dir/root/usr/bin/paperpress" ] && [ -f "$dir/$deb" ]; then
    how="$how (cached)"
  else
    command -v curl >/dev/null || apt_install curl ca-certificates
    tmp=$dir.download
    rm -rf "$tmp" && mkdir -p "$tmp"
    local file
    for file in "$deb" SHA256SUMS; do
      if ! curl -fsSL --retry 3 --connect-timeout 20 -o "$tmp/$file" "$url/$file" 2>"$tmp/error"; then
        why="no release at $url/$file ($(tail -n 1 "$tmp/error"))"
        rm -rf "$tmp"
        return 1
      fi
    done
    # A release that does not match its own checksums is never used (nor built around).
    if ! (cd "$tmp" && grep " ${deb}\$" SHA256SUMS | sha256sum --check --status); then
      rm -rf "$tmp"
      fail "the release's $deb does not match its SHA256SUMS ($url)"
    fi
    if ! dpkg-deb -x "$tmp/$deb" "$tmp/root"; then
      rm -rf "$tmp"
      fail "cannot unpack $url/$deb"
    fi
    rm -rf "$dir" && mv "$tmp" "$dir"
  fi
  # Its dependencies and recommendations (KaTeX, for pages with math), as the package declares
  # them (the first of alternatives).
  local depends
  depends=$({ dpkg-deb --field "$dir/$deb" Depends; echo ,; dpkg-deb --field "$dir/$deb" Recommends; } |
    tr ',' '\n' | sed 's/|.*//; s/(.*//; s/ //g')
  # shellcheck disable=SC2086
  apt_install $depends
  if ! "$dir/root/usr/bin/paperpress" --version >/dev/null 2>"$dir/error"; then
    why="the released package does not run here: $(tail -n 1 "$dir/error")"
    return 1
  fi
  PAPERPRESS=$dir/root/usr/bin/paperpress
}

# paperpress from source: PAPERPRESS_GIT at PAPERPRESS_REF, built by its own scripts/setup.sh
# (which installs the Debian packages it needs) in PAPERPRESS_HOME/source/; a kept build of the
# same ref builds nothing again.
install_from_source() {
  local src=$PAPERPRESS_HOME/source
  if [ -x "$src/build/paperpress" ] && [ "$(cat "$src/.paperpress-ref" 2>/dev/null)" = "$PAPERPRESS_REF" ]; then
    how="built from source ($PAPERPRESS_REF of $PAPERPRESS_GIT; cached build)"
  else
    how="built from source ($PAPERPRESS_REF of $PAPERPRESS_GIT)"
    apt_install git ca-certificates
    [ -d "$src/.git" ] || git init -q "$src"
    git -C "$src" fetch -q --depth 1 "$PAPERPRESS_GIT" "$PAPERPRESS_REF" ||
      fail "cannot fetch paperpress $PAPERPRESS_REF from $PAPERPRESS_GIT${why:+ (and $why)}"
    git -C "$src" checkout -q --force --detach FETCH_HEAD
    rm -f "$src/.paperpress-ref"
  fi
  # Also after a cached build: the packages it needs, and a build that is up to date.
  PAPERPRESS_CMAKE_ARGS="-DPAPERPRESS_TESTS=OFF" bash "$src/scripts/setup.sh" ||
    fail "building paperpress $PAPERPRESS_REF failed"
  echo "$PAPERPRESS_REF" >"$src/.paperpress-ref"
  PAPERPRESS=$src/build/paperpress
}

install_paperpress() {
  local start=$SECONDS how="" why=""
  if [ -n "${PAPERPRESS:-}" ]; then
    how="$PAPERPRESS (PAPERPRESS is set)"
  else
    case $PAPERPRESS_FROM in
      auto)
        if ! install_release; then
          echo "deploy: $why; building paperpress from source instead" >&2
          summary "- :warning: $why; paperpress is built from source instead"
          install_from_source
        fi ;;
      release) install_release || fail "$why" ;;
      source) install_from_source ;;
      *) fail "PAPERPRESS_FROM is '$PAPERPRESS_FROM'; use auto, release or source" ;;
    esac
  fi
  [ -x "$PAPERPRESS" ] || fail "no paperpress binary at $PAPERPRESS"
  local version
  version=$("$PAPERPRESS" --version) || fail "$PAPERPRESS --version failed"
  echo "deploy: $version: $how, in $((SECONDS - start)) s"
  summary "- $version: $how, in $((SECONDS - start)) s"
}

pp() { "$PAPERPRESS" --site "$SITE" "$@"; }

# ---- fetch: new papers from arXiv. A failure is not fatal: the cache holds every earlier fetch.
fetch_papers() {
  fetch_failed=0
  if [ "$FETCH" = 0 ]; then
    summary "- fetch: skipped (FETCH=0)"
  elif pp fetch 2>&1 | tee "$log"; then
    summary "- $(grep '^fetched:' "$log" | tail -n 1 || echo 'fetched')"
  else
    fetch_failed=1
    echo "deploy: fetching from arXiv failed; building from the papers already in the cache" >&2
    summary "- :warning: **fetching from arXiv failed**; the site is built from the papers already" \
      "  in the cache. The errors:" ""
    summary_log "$log"
    summary ""
  fi
}

# ---- build: the site, never an empty one (it would replace the last good deployment) --------
# The day's digest per topic. Digests written by earlier runs are kept in the cache (which the
# workflow saves) and copied back first; one the owner committed takes precedence.
write_digests() {
  [ "${DIGEST:-1}" != 0 ] || { summary "- digest: skipped (DIGEST=0)"; return 0; }
  mkdir -p "$SITE/content/digests" "$SITE/cache/digest-files"
  cp -n "$SITE/cache/digest-files/"*.md "$SITE/content/digests/" 2>/dev/null || true
  local digest_args=(--extractive)
  local digest_kind="extractive (no PAPERPRESS_LLM_API_KEY secret)"
  if [ -n "${PAPERPRESS_LLM_API_KEY:-}" ]; then
    digest_args=()
    digest_kind="written by the language model of site.toml's [digest]"
  fi
  if pp digest "${digest_args[@]}" 2>&1 | tee "$log"; then
    summary "- digest: $digest_kind"
  else
    summary "- :warning: digest failed ($digest_kind):" ""
    summary_log "$log" 5
  fi
  grep -l '^generated_by: ' "$SITE/content/digests/"*.md 2>/dev/null |
    xargs -r cp -t "$SITE/cache/digest-files/" || true
}

build_site() {
  if ! pp build --out "$OUT" 2>&1 | tee "$log"; then
    summary_log "$log" 5
    fail "paperpress build failed: $(tail -n 1 "$log")"
  fi
  local built
  built=$(grep '^built:' "$log" | tail -n 1 || true)
  papers=$(printf '%s\n' "$built" | sed -n 's/^built: \([0-9][0-9]*\) papers in topics.*/\1/p')
  summary "- ${built:-built: ?}"

  local empty_reason=""
  if [ ! -s "$OUT/index.html" ]; then
    empty_reason="the build wrote no $OUT/index.html"
  elif [ -z "$papers" ]; then
    empty_reason="paperpress build did not say how many papers it built"
  elif [ "$papers" -eq 0 ]; then
    empty_reason="no topic has any paper"
  fi
  if [ -n "$empty_reason" ]; then
    if [ "$fetch_failed" = 1 ]; then
      empty_reason="$empty_reason (fetching failed and the cache holds no papers for the topics)"
    fi
    fail "will not publish an empty site: $empty_reason"
  fi
}

# ---- size: GitHub Pages publishes a site of at most 1 GB --------------------------------------
# Bytes of the files under $OUT matching find's arguments.
bytes_of() {
  find "$OUT" -type f "$@" -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

mb() { echo "$(( ($1 + 500000) / 1000000 )) MB"; }

check_size() {
  local limit=${SIZE_LIMIT:-1000000000} total
  total=$(bytes_of)
  if [ "$total" -le "$limit" ]; then
    summary "- size: $(mb "$total")"
    return
  fi
  local pages markdown days search part_bib
  pages=$(bytes_of -path "$OUT/abs/*")
  part_bib=$(bytes_of -path "$OUT/papers/*" -name '*.bib')
  days=$(bytes_of -path "$OUT/daily/*")
  markdown=$(bytes_of -name '*.md')
  search=$(bytes_of -path "$OUT/search/*")
  local advice="the site is $(mb "$total"), above GitHub Pages' limit of $(mb "$limit")."
  advice="$advice What would shrink it (site.toml, docs/deploy.md):"
  advice="$advice [output] paper_pages = false saves $(mb "$pages");"
  advice="$advice [output] markdown = false saves $(mb "$markdown");"
  advice="$advice [output] day_pages = false saves $(mb "$days");"
  [ "$part_bib" -eq 0 ] || advice="$advice [output] part_bibtex = false saves $(mb "$part_bib");"
  advice="$advice [search] enabled = false saves $(mb "$search");"
  advice="$advice or host it elsewhere (any static host, or a bucket with rclone)."
  echo "deploy: warning: $advice" >&2
  summary "- :warning: $advice"
}

# ---- check: links, anchors, titles, feeds ---------------------------------------------------
check_site() {
  if ! pp check --out "$OUT" 2>&1 | tee "$log"; then
    summary "" "Problems found by paperpress check:" ""
    summary_log "$log" 30
    fail "paperpress check found problems in the built site"
  fi
  summary "- $(tail -n 1 "$log")"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
summary "## paperpress deploy" ""

install_paperpress
fetch_papers
write_digests
build_site
check_size
check_site

if [ "$fetch_failed" = 1 ]; then
  echo "deploy: the site was built from the cache only (see the fetch errors above)"
fi
echo "deploy: $OUT is ready to publish ($papers papers in topics)"
