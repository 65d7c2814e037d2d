#!/usr/bin/env bash
# Benchmark of paperpress at archive scale: for each size, a fresh site with bench/site.toml,
# `paperpress sample`, `reindex`, a full `build`, `cp -r` of its output, a no-change rebuild, a
# rebuild after the store was rewritten with the same papers, and an incremental build after 1%
# new papers. Prints one table per metric group. The sites go in $TMPDIR (default /tmp). Full
# builds up to 100k papers and no-change rebuilds run three times; the median counts. The first
# line printed is how fast the page cache takes 512 MB here (see docs/performance.md).
#
#   scripts/bench.sh [--sizes 10000,100000,1000000] [--huge] [--bin PATH] [--keep]
#                    [--search-size N]
#
# The search section (docs/search.md) builds one more site of --search-size papers (default
# 100000; 0 skips it) and reports the index's size, files and shards, its share of the full
# build, the files a no-change and a +1% rebuild write under search/, and, when Chromium and
# build/paperpress_tests are there, query times, bytes and quality measured in the browser.
#
# --huge adds 2,500,000 papers. --bin picks the paperpress binary (default: build/paperpress,
# built first when missing). --keep leaves the temporary sites in place. Exits non-zero when a
# command fails or a no-change rebuild writes a file.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
sizes="10000,100000,1000000"
huge=0
bin=""
keep=0
search_size=100000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --sizes=*) sizes="${1#*=}"; shift ;;
    --huge) huge=1; shift ;;
    --bin) bin="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --search-size) search_size="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $huge == 1 ]] && sizes="$sizes,2500000"
IFS=',' read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -ge 100 ]] || { echo "bench.sh: bad size '$n'" >&2; exit 2; }
done

if [[ -z "$bin" ]]; then
  bin="$repo/build/paperpress"
  if [[ ! -x "$bin" || ! -x "$repo/build/paperpress_parse_bench" ]]; then
    cmake -S "$repo" -B "$repo/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$repo/build" -j"$(nproc)" --target paperpress paperpress_parse_bench >/dev/null
  fi
fi
[[ -x "$bin" ]] || { echo "bench.sh: no paperpress binary at $bin" >&2; exit 1; }
parse_bench="$(dirname "$bin")/paperpress_parse_bench"
[[ -x /usr/bin/time ]] || { echo "bench.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/paperpress-bench.XXXXXX")"
cleanup() { [[ $keep == 1 ]] && echo "sites kept in $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

# run NAME CMD...: runs CMD, records wall (to the millisecond: /usr/bin/time's own is to the
# hundredth), user and sys seconds and peak RSS (KB) in $work/NAME.time and its stderr in
# $work/NAME.err; fails the benchmark when CMD fails.
run() {
  local name="$1"; shift
  local start="$EPOCHREALTIME"
  if ! /usr/bin/time -f '%U %S %M' -o "$work/$name.usage" "$@" >/dev/null 2>"$work/$name.err"; then
    echo "bench.sh: '$*' failed:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  local end="$EPOCHREALTIME"
  echo "$(awk -v a="$start" -v b="$end" -v o="$overhead" 'BEGIN { printf "%.3f", b - a - o }')" \
    "$(tail -1 "$work/$name.usage")" >"$work/$name.time"
}
# What starting a command under /usr/bin/time costs (the least of five runs of `true`), taken
# off every wall time, as hyperfine takes off its shell's start.
overhead=0
overhead=$(for _ in 1 2 3 4 5; do
  start="$EPOCHREALTIME"
  /usr/bin/time -f '%U %S %M' -o /dev/null true
  echo "$start $EPOCHREALTIME"
done | awk '{ d = $2 - $1; if (NR == 1 || d < m) m = d } END { printf "%.4f", m }')
# run_median NAME TIMES PREPARE CMD...: runs PREPARE (a shell command) then CMD, TIMES times, as
# NAME-1 … NAME-TIMES, and copies the run with the median wall time to NAME.
run_median() {
  local name="$1" times="$2" prepare="$3"; shift 3
  local i
  for ((i = 1; i <= times; i++)); do
    bash -c "$prepare"
    run "$name-$i" "$@"
  done
  local median
  median=$(for ((i = 1; i <= times; i++)); do echo "$(wall "$name-$i") $i"; done |
    sort -n | awk -v m=$(((times + 1) / 2)) 'NR == m { print $2 }')
  cp "$work/$name-$median.time" "$work/$name.time"
  cp "$work/$name-$median.err" "$work/$name.err"
  R[$name.runs]=$(for ((i = 1; i <= times; i++)); do wall "$name-$i"; done | paste -sd/)
}
wall() { awk '{print $1}' "$work/$1.time" | tail -1; }
cpu() { awk '{printf "%.2f", $2 + $3}' <(tail -1 "$work/$1.time"); }
rss_mb() { awk '{printf "%.0f", $4 / 1024}' <(tail -1 "$work/$1.time"); }
# The "(W written, U unchanged, R removed)" figures of a build's summary line.
built() { grep -o "([0-9]* written, [0-9]* unchanged, [0-9]* removed)" "$work/$1.err" | tr -d '(,)'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "-" }'; }

declare -A R
status=0

# What writing into the page cache costs on this machine now: 512 MB into a new file beside
# the sites, not synced, then again right after deleting it (into the memory it freed). On a VM
# whose host takes back the guest's free memory, the first is every page's first touch, and it
# bounds a build's writing (`cp -r` pays it too); the second is what reused memory costs.
write_rate() {
  dd if=/dev/zero of="$work/write-rate" bs=1M count=512 2>&1 |
    awk '/copied/ { for (i = 1; i < NF; ++i) if ($i == "copied,") s = $(i + 1);
                    if (s > 0) printf "%.0f", $1 / s / 1e6 }'
  rm -f "$work/write-rate"
}
fresh_write_rate=$(write_rate)
reused_write_rate=$(write_rate)

# rebuild_writing_nothing STEP N WHAT [TIMES]: times a build of site N as STEP (the median of
# TIMES runs, default 1); none of the runs may write a file.
rebuild_writing_nothing() {
  local step="$1" n="$2" what="$3" times="${4:-1}" w i
  run_median "$step-$n" "$times" "true" "$bin" --site "$work/site-$n" build
  R[$n.$step]=$(wall "$step-$n")
  R[$n.${step}_cpu]=$(cpu "$step-$n")
  for ((i = 1; i <= times; i++)); do
    read -r w _ _ _ _ <<<"$(built "$step-$n-$i")"
    if [[ "$w" != 0 ]]; then
      echo "bench.sh: $what of $n papers (run $i) wrote $w files" >&2
      status=1
    fi
  done
  read -r w _ _ _ _ <<<"$(built "$step-$n")"
  R[$n.${step}_written]=$w
}
for n in "${size_list[@]}"; do
  site="$work/site-$n"
  mkdir -p "$site"
  cp "$repo/bench/site.toml" "$site/site.toml"
  echo "== $n papers (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2

  run "sample-$n" "$bin" --site "$site" sample --papers "$n"
  R[$n.sample]=$(wall "sample-$n")
  if [[ -z "${parse_sources+x}" ]]; then
    # Parser throughput, once: the sample's Atom pages and any OAI-PMH pages in ../shared.
    atom_pages=("$site"/cache/raw/*.atom.xml)
    parse_sources=("${atom_pages[@]:0:20}")
    fixtures="$repo/../shared/fixtures"
    [[ -d "$fixtures/oai-pmh" ]] && parse_sources+=("$fixtures"/oai-pmh/*.xml)
    [[ -d "$fixtures/arxiv-api" ]] && parse_sources+=("$fixtures"/arxiv-api/*.xml)
    if [[ -x "$parse_bench" ]]; then
      "$parse_bench" "${parse_sources[@]}" >"$work/parsers.md" ||
        { echo "bench.sh: the parser benchmark failed" >&2; exit 1; }
    fi
  fi
  R[$n.raw_mb]=$(du -sbL "$site/cache/raw" | awk '{printf "%.1f", $1 / 1e6}')

  sync
  run "reindex-$n" "$bin" --site "$site" reindex
  R[$n.reindex]=$(wall "reindex-$n")
  R[$n.reindex_cpu]=$(cpu "reindex-$n")
  R[$n.reindex_rss]=$(rss_mb "reindex-$n")

  # A full build from nothing (no output, no build caches): three times up to 100k papers, where
  # one run varies by a fifth on a VM, and the median kept; once above.
  sync
  repeats=1
  [[ $n -le 100000 ]] && repeats=3
  run_median "build-$n" "$repeats" "rm -rf '$site/public' '$site/cache/build'; sync" \
    "$bin" --site "$site" build --timings
  R[$n.build]=$(wall "build-$n")
  R[$n.build_cpu]=$(cpu "build-$n")
  R[$n.build_rss]=$(rss_mb "build-$n")
  read -r w _ _ _ _ <<<"$(built "build-$n")"
  R[$n.files]=$(find "$site/public" -type f | wc -l)
  R[$n.written]=$w
  R[$n.out_mb]=$(du -sb "$site/public" | awk '{printf "%.1f", $1 / 1e6}')
  grep -E '^  ' "$work/build-$n.err" | sed "s/^/    /" >&2 || true

  # Each timed step starts with the previous one's writes on disk, so that it does not pay for
  # their writeback (gigabytes at 1M papers) on a small machine.
  sync
  run "cp-$n" cp -r "$site/public" "$site/copy"
  R[$n.cp]=$(wall "cp-$n")
  rm -rf "$site/copy"
  sync

  rebuild_writing_nothing "nochange" "$n" "the no-change rebuild" 3

  # The same papers in a new store file: the build cannot skip reading the store, and must
  # still write nothing.
  run "reindex2-$n" "$bin" --site "$site" reindex
  sync
  rebuild_writing_nothing "touched" "$n" "the rebuild after reindex"

  add=$((n / 100))
  run "add-$n" "$bin" --site "$site" sample --papers "$n" --add "$add"
  sync
  run "incr-$n" "$bin" --site "$site" build
  R[$n.incr]=$(wall "incr-$n")
  R[$n.incr_cpu]=$(cpu "incr-$n")
  read -r w _ u _ r _ <<<"$(built "incr-$n")"
  R[$n.incr_written]=$w
  R[$n.incr_removed]=$r
  [[ $keep == 1 ]] || rm -rf "$site"
done

# search_bench N: the search section's figures for a site of N papers, into R[search.*].
search_bench() {
  local n="$1" site="$work/search-site" w u
  mkdir -p "$site"
  cp "$repo/bench/site.toml" "$site/site.toml"
  echo "== search index, $n papers" >&2
  run "search-sample" "$bin" --site "$site" sample --papers "$n"
  sync
  run "search-build" "$bin" --site "$site" build --timings
  R[search.build]=$(wall "search-build")
  R[search.rss]=$(rss_mb "search-build")
  R[search.mb]=$(du -sb "$site/public/search" | awk '{printf "%.1f", $1 / 1e6}')
  R[search.files]=$(find "$site/public/search" -type f | wc -l)
  R[search.all_files]=$(find "$site/public" -type f | wc -l)
  R[search.shards]=$(head -1 "$site/public/search/manifest.json" |
    grep -o '"docs":[0-9]*\|"term_shards":[0-9]*\|"key_shards":[0-9]*\|"prefix_shards":[0-9]*' |
    tr '\n' ' ' | tr -d '"')
  R[search.chunks]=$(find "$site/public/search" -path '*/p/*' -type f | wc -l)
  touch "$work/search-mark"
  sleep 1
  run "search-nochange" "$bin" --site "$site" build
  R[search.nochange_written]=$(find "$site/public/search" -type f -newer "$work/search-mark" | wc -l)
  run "search-add" "$bin" --site "$site" sample --papers "$n" --add $((n / 100))
  touch "$work/search-mark"
  sleep 1
  run "search-incr" "$bin" --site "$site" build
  R[search.incr_written]=$(find "$site/public/search" -type f -newer "$work/search-mark" | wc -l)
  R[search.incr_files]=$(find "$site/public/search" -type f | wc -l)
  local tests="$(dirname "$bin")/paperpress_tests"
  R[search.browser]="not measured (needs /usr/bin/chromium and $tests)"
  if [[ -x /usr/bin/chromium && -x "$tests" ]]; then
    PAPERPRESS_SEARCH_BENCH="$site" "$tests" --gtest_filter='SearchBench.*' >"$work/search-browser.out" 2>&1 || true
    R[search.browser]=$(grep -o 'SEARCH-BENCH.*' "$work/search-browser.out" | sed 's/^SEARCH-BENCH //' || echo "failed")
  fi
  [[ $keep == 1 ]] || rm -rf "$site"
}
if [[ "$search_size" != 0 ]]; then search_bench "$search_size"; fi

echo "Writing 512 MB to a new file (page cache, no sync): ${fresh_write_rate:-?} MB/s; again" \
  "right after deleting it: ${reused_write_rate:-?} MB/s."
echo "Wall times to the millisecond, less $(awk -v o="$overhead" 'BEGIN { printf "%.1f", o * 1000 }') ms for starting /usr/bin/time."
if [[ -s "$work/parsers.md" ]]; then
  echo
  echo "## Parsers (one core)"
  echo
  cat "$work/parsers.md"
fi
echo
echo "## Sample and reindex"
echo
echo "| papers | sample s | raw MB | reindex s | reindex CPU s | reindex MB/s | reindex RSS MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${size_list[@]}"; do
  echo "| $n | ${R[$n.sample]} | ${R[$n.raw_mb]} | ${R[$n.reindex]} | ${R[$n.reindex_cpu]} |" \
    "$(ratio "${R[$n.raw_mb]}" "${R[$n.reindex]}") | ${R[$n.reindex_rss]} |"
done
echo
echo "## Full build"
echo
echo "Wall and CPU of the median run; all runs' wall times in the last column."
echo
echo "| papers | wall s | CPU s | CPU/wall | peak RSS MB | files | written | output MB | files/s | runs s |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${size_list[@]}"; do
  echo "| $n | ${R[$n.build]} | ${R[$n.build_cpu]} | $(ratio "${R[$n.build_cpu]}" "${R[$n.build]}") |" \
    "${R[$n.build_rss]} | ${R[$n.files]} | ${R[$n.written]} | ${R[$n.out_mb]} |" \
    "$(ratio "${R[$n.files]}" "${R[$n.build]}" | awk '{printf "%.0f", $1}') | ${R[build-$n.runs]} |"
done
echo
echo "## Full build against cp -r of its output"
echo
echo "| papers | build s | cp -r s | build / cp |"
echo "| ---: | ---: | ---: | ---: |"
for n in "${size_list[@]}"; do
  echo "| $n | ${R[$n.build]} | ${R[$n.cp]} | $(ratio "${R[$n.build]}" "${R[$n.cp]}") |"
done
echo
echo "## Rebuilds"
echo
echo "No change: the same inputs (median of three runs). Store rewritten: the same papers after"
echo "\`reindex\`. +1%: 1% more papers appended to the store. Percentages of the full build above."
echo
echo "| papers | no change s | CPU s | of full | written | store rewritten s | CPU s | of full | written | +1% build s | CPU s | of full | written | removed |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${size_list[@]}"; do
  echo "| $n | ${R[$n.nochange]} | ${R[$n.nochange_cpu]} | $(pct "${R[$n.nochange]}" "${R[$n.build]}") |" \
    "${R[$n.nochange_written]} | ${R[$n.touched]} | ${R[$n.touched_cpu]} |" \
    "$(pct "${R[$n.touched]}" "${R[$n.build]}") | ${R[$n.touched_written]} |" \
    "${R[$n.incr]} | ${R[$n.incr_cpu]} | $(pct "${R[$n.incr]}" "${R[$n.build]}") |" \
    "${R[$n.incr_written]} | ${R[$n.incr_removed]} |"
done
if [[ "$search_size" != 0 ]]; then
  echo
  echo "## Search index ($search_size papers; docs/search.md)"
  echo
  echo "| full build s | peak RSS MB | index MB | index files | of all files | chunk files | no-change writes | +1% writes |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| ${R[search.build]} | ${R[search.rss]} | ${R[search.mb]} | ${R[search.files]} |" \
    "${R[search.all_files]} | ${R[search.chunks]} | ${R[search.nochange_written]} |" \
    "${R[search.incr_written]} of ${R[search.incr_files]} |"
  echo
  echo "Manifest: ${R[search.shards]}"
  echo
  echo "Browser (queries in one page, bytes per query, quality on 1,000 random papers): ${R[search.browser]}"
  if [[ "${R[search.nochange_written]}" != 0 ]]; then
    echo "bench.sh: the no-change rebuild wrote ${R[search.nochange_written]} search files" >&2
    status=1
  fi
fi
exit $status
