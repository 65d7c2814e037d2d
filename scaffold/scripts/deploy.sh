#!/usr/bin/env bash
# Fetches new papers, builds the site and checks it, for GitHub Pages: .github/workflows/deploy.yml
# runs it between restoring the paper cache and uploading public/. It runs by hand as well.
#
# If the fetch fails (arXiv down, rate limiting), the site is still built from the papers in the
# cache, and the failure is written to the job summary. A site with no papers, or without an
# index.html, is never published: the script fails, and so does the deployment.
#
# paperpress itself is built from source, at a pinned version: the Debian packages it needs are
# installed (apt-get, as root or through sudo), PAPERPRESS_GIT is fetched at PAPERPRESS_REF and
# built with its scripts/setup.sh. Raise PAPERPRESS_REF to upgrade.
#
# Settings (environment):
#   PAPERPRESS      the paperpress binary; when set, nothing is installed or built
#   PAPERPRESS_GIT  the repository to build paperpress from
#   PAPERPRESS_REF  its tag, branch or commit
#   PAPERPRESS_SRC  where to fetch and build it; default: $RUNNER_TEMP (or /tmp)/paperpress-REF
#   SITE            the site folder, holding site.toml; default: this repository
#   OUT             the folder to build into; default: SITE/public (what the workflow uploads)
#   FETCH           0 builds from the cache without fetching; default 1
#   DIGEST          0 writes no digest; default 1 (see "1b" below and docs/digest.md)
#   PAPERPRESS_LLM_API_KEY  the language model's key ([digest] in site.toml); without it the
#                   digest is extractive
#   GITHUB_STEP_SUMMARY  set by GitHub Actions: a Markdown summary is appended to this file
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
SITE=${SITE:-$repo}
OUT=${OUT:-$SITE/public}
FETCH=${FETCH:-1}

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

PAPERPRESS_GIT=${PAPERPRESS_GIT:-https://github.com/paperpress/paperpress.git}
PAPERPRESS_REF=${PAPERPRESS_REF:-v@PAPERPRESS_VERSION@}

# Installs Debian packages that are missing.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Fetches paperpress at PAPERPRESS_REF and builds it (its setup.sh installs the build packages).
install_paperpress() {
  local src=${PAPERPRESS_SRC:-${RUNNER_TEMP:-/tmp}/paperpress-${PAPERPRESS_REF//\//-}}
  if [ ! -x "$src/build/paperpress" ]; then
    apt_install git ca-certificates
    rm -rf "$src"
    git init -q "$src"
    git -C "$src" fetch -q --depth 1 "$PAPERPRESS_GIT" "$PAPERPRESS_REF" ||
      fail "cannot fetch paperpress $PAPERPRESS_REF from $PAPERPRESS_GIT"
    git -C "$src" checkout -q --detach FETCH_HEAD
    PAPERPRESS_CMAKE_ARGS="-DPAPERPRESS_TESTS=OFF" bash "$src/scripts/setup.sh"
  fi
  PAPERPRESS=$src/build/paperpress
}

if [ -z "${PAPERPRESS:-}" ]; then
  install_paperpress
fi
[ -x "$PAPERPRESS" ] || fail "no paperpress binary at $PAPERPRESS"
pp() { "$PAPERPRESS" --site "$SITE" "$@"; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
summary "## paperpress deploy" ""

# 1. New papers from arXiv. A failure is not fatal: the cache holds every earlier fetch.
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

# 1b. The day's digest per topic (docs/digest.md), written by the model of site.toml's [digest]
# when the key is set (the repository secret PAPERPRESS_LLM_API_KEY), from the data alone
# otherwise. Digests written by earlier runs are kept in the cache, which the workflow saves;
# a failed digest never stops the deploy.
if [ "${DIGEST:-1}" != 0 ]; then
  mkdir -p "$SITE/content/digests" "$SITE/cache/digest-files"
  cp -n "$SITE/cache/digest-files/"*.md "$SITE/content/digests/" 2>/dev/null || true
  digest_args=(--extractive)
  digest_kind="extractive (no PAPERPRESS_LLM_API_KEY secret)"
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
fi

# 2. The site.
if ! pp build --out "$OUT" 2>&1 | tee "$log"; then
  summary_log "$log" 5
  fail "paperpress build failed: $(tail -n 1 "$log")"
fi
built=$(grep '^built:' "$log" | tail -n 1 || true)
papers=$(printf '%s\n' "$built" | sed -n 's/^built: \([0-9][0-9]*\) papers in topics.*/\1/p')
summary "- ${built:-built: ?}"

# 3. Never publish an empty site: it would replace the last good deployment.
empty_reason=""
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

# 4. Links, anchors, titles, feeds.
if ! pp check --out "$OUT" 2>&1 | tee "$log"; then
  summary "" "Problems found by paperpress check:" ""
  summary_log "$log" 30
  fail "paperpress check found problems in the built site"
fi
summary "- $(tail -n 1 "$log")"
if [ "$fetch_failed" = 1 ]; then
  echo "deploy: the site was built from the cache only (see the fetch errors above)"
fi
echo "deploy: $OUT is ready to publish ($papers papers in topics)"
