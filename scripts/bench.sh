#!/usr/bin/env bash
# Benchmark of paperpress at archive scale: for each size, a fresh site with bench/site.toml,
# `paperpress sample`, `reindex`, a full `build`, `cp -r` of its output, a no-change rebuild, a
# rebuild after the store was rewritten with the same papers, and an incremental build after 1%
# new papers. Prints one table per metric group. The sites go in $TMPDIR (default /tmp). Full
# builds up to 100k papers and no-change rebuilds run three times; the median counts. The first
# line printed is how fast the page cache takes 512 MB here (see docs/performance.md).
#
#   scripts/bench.sh [--sizes 10000,100000,1000000] [--huge] [--bin PATH] [--baseline PATH]
#                    [--keep] [--search-size N] [--config SITE_TOML]
#
# The search section (docs/search.md) builds one more site of --search-size papers (default:
# the largest of --sizes; 0 skips it) with the binary under test and reports the index's size,
# files and shards, the build with it, the files a no-change and a +1% rebuild write under
# search/, and, when Chromium and build/paperpress_tests are there, query times, bytes and
# quality measured in the browser.
#
# --huge adds 2,500,000 papers. --bin picks the paperpress binary (default: build/paperpress,
# built first when missing). --baseline BIN compares it with another binary in the same run on
# the same file system: each binary has its own site of each size, every step runs for both in
# turn (the order alternating, ABBA…), and every table has a row for each and their ratio (this
# / baseline). The parser benchmark is the paperpress_parse_bench beside each binary, when
# there is one. --config uses another site.toml than bench/site.toml (say, one with
# `[output] paper_pages = false` for sizes whose paper pages a disk cannot hold). --keep leaves
# the temporary sites in place. Exits non-zero when a command fails
# or a no-change rebuild writes a file.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
sizes="10000,100000,1000000"
huge=0
bin=""
baseline=""
keep=0
search_size=""
config="$repo/bench/site.toml"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --sizes=*) sizes="${1#*=}"; shift ;;
    --huge) huge=1; shift ;;
    --bin) bin="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --baseline=*) baseline="${1#*=}"; shift ;;
    --keep) keep=1; shift ;;
    --search-size) search_size="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $huge == 1 ]] && sizes="$sizes,2500000"
IFS=',' read -r -a size_list <<<"$sizes"
if [[ -z "$search_size" ]]; then
  search_size=0
  for n in "${size_list[@]}"; do ((n > search_size)) && search_size=$n; done
fi
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
# The binaries compared, by tag: "this" alone, or "baseline" and "this".
declare -A BIN
BIN[this]="$bin"
tags=(this)
if [[ -n "$baseline" ]]; then
  [[ -x "$baseline" ]] || { echo "bench.sh: no baseline binary at $baseline" >&2; exit 1; }
  BIN[baseline]="$baseline"
  tags=(baseline this)
fi
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
# order: sets ORDER to the tags in the order of the next round, reversed at every call (ABBA…),
# so that neither binary always runs first.
turn=0
ORDER=()
order() {
  ORDER=("${tags[@]}")
  if ((turn++ % 2 == 1)); then
    local i
    ORDER=()
    for ((i = ${#tags[@]} - 1; i >= 0; i--)); do ORDER+=("${tags[$i]}"); done
  fi
}
# each NAME TIMES PREPARE CMD...: TIMES rounds; in each, for every binary in turn, runs PREPARE
# (a shell command) then CMD, with @BIN@ and @SITE@ replaced by that binary and its site of the
# current size ($n), as NAME-TAG-1 … NAME-TAG-TIMES; then copies each binary's run with the
# median wall time to NAME-TAG and lists all its runs in R[NAME-TAG.runs].
each() {
  local name="$1" times="$2" prepare="$3"; shift 3
  local i t median
  for ((i = 1; i <= times; i++)); do
    order
    for t in "${ORDER[@]}"; do
      local site="$work/site-$n-$t"
      local args=("${@//@BIN@/${BIN[$t]}}")
      args=("${args[@]//@SITE@/$site}")
      bash -c "${prepare//@SITE@/$site}"
      run "$name-$t-$i" "${args[@]}"
    done
  done
  for t in "${tags[@]}"; do
    median=$(for ((i = 1; i <= times; i++)); do echo "$(wall "$name-$t-$i") $i"; done |
      sort -n | awk -v m=$(((times + 1) / 2)) 'NR == m { print $2 }')
    cp "$work/$name-$t-$median.time" "$work/$name-$t.time"
    cp "$work/$name-$t-$median.err" "$work/$name-$t.err"
    R[$name-$t.runs]=$(for ((i = 1; i <= times; i++)); do wall "$name-$t-$i"; done | paste -sd/)
  done
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

# rebuild_writing_nothing STEP WHAT [TIMES]: times a build of each binary's site of $n papers
# as STEP (the median of TIMES runs, default 1); none of the runs may write a file.
rebuild_writing_nothing() {
  local step="$1" what="$2" times="${3:-1}" w i t
  each "$step-$n" "$times" "true" @BIN@ --site @SITE@ build
  for t in "${tags[@]}"; do
    R[$t.$n.$step]=$(wall "$step-$n-$t")
    R[$t.$n.${step}_cpu]=$(cpu "$step-$n-$t")
    for ((i = 1; i <= times; i++)); do
      read -r w _ _ _ _ <<<"$(built "$step-$n-$t-$i")"
      if [[ "$w" != 0 ]]; then
        echo "bench.sh: $what of $n papers by ${BIN[$t]} (run $i) wrote $w files" >&2
        status=1
      fi
    done
    read -r w _ _ _ _ <<<"$(built "$step-$n-$t")"
    R[$t.$n.${step}_written]=$w
  done
}
for n in "${size_list[@]}"; do
  for t in "${tags[@]}"; do
    mkdir -p "$work/site-$n-$t"
    cp "$config" "$work/site-$n-$t/site.toml"
  done
  echo "== $n papers (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2

  each "sample-$n" 1 "true" @BIN@ --site @SITE@ sample --papers "$n"
  for t in "${tags[@]}"; do
    site="$work/site-$n-$t"
    R[$t.$n.sample]=$(wall "sample-$n-$t")
    if [[ -z "${parse_sources+x}" ]]; then
      # Parser throughput, once: the sample's Atom pages and any OAI-PMH pages in ../shared.
      atom_pages=("$site"/cache/raw/*.atom.xml)
      parse_sources=("${atom_pages[@]:0:20}")
      fixtures="$repo/../shared/fixtures"
      [[ -d "$fixtures/oai-pmh" ]] && parse_sources+=("$fixtures"/oai-pmh/*.xml)
      [[ -d "$fixtures/arxiv-api" ]] && parse_sources+=("$fixtures"/arxiv-api/*.xml)
      order
      for p in "${ORDER[@]}"; do
        parse_bench="$(dirname "${BIN[$p]}")/paperpress_parse_bench"
        if [[ -x "$parse_bench" ]]; then
          "$parse_bench" "${parse_sources[@]}" >"$work/parsers-$p.md" ||
            { echo "bench.sh: the parser benchmark $parse_bench failed" >&2; exit 1; }
        fi
      done
    fi
    R[$t.$n.raw_mb]=$(du -sbL "$site/cache/raw" | awk '{printf "%.1f", $1 / 1e6}')
  done

  sync
  each "reindex-$n" 1 "sync" @BIN@ --site @SITE@ reindex
  for t in "${tags[@]}"; do
    R[$t.$n.reindex]=$(wall "reindex-$n-$t")
    R[$t.$n.reindex_cpu]=$(cpu "reindex-$n-$t")
    R[$t.$n.reindex_rss]=$(rss_mb "reindex-$n-$t")
  done

  # A full build from nothing (no output, no build caches): three times up to 100k papers, where
  # one run varies by a fifth on a VM, and the median kept; once above.
  sync
  repeats=1
  [[ $n -le 100000 ]] && repeats=3
  each "build-$n" "$repeats" "rm -rf '@SITE@/public' '@SITE@/cache/build'; sync" \
    @BIN@ --site @SITE@ build --timings
  for t in "${tags[@]}"; do
    site="$work/site-$n-$t"
    R[$t.$n.build]=$(wall "build-$n-$t")
    R[$t.$n.build_cpu]=$(cpu "build-$n-$t")
    R[$t.$n.build_rss]=$(rss_mb "build-$n-$t")
    R[$t.$n.build_runs]=${R[build-$n-$t.runs]}
    read -r w _ _ _ _ <<<"$(built "build-$n-$t")"
    R[$t.$n.files]=$(find "$site/public" -type f | wc -l)
    R[$t.$n.written]=$w
    R[$t.$n.out_mb]=$(du -sb "$site/public" | awk '{printf "%.1f", $1 / 1e6}')
    [[ ${#tags[@]} -gt 1 ]] && echo "  $t:" >&2
    grep -E '^  ' "$work/build-$n-$t.err" | sed "s/^/    /" >&2 || true
  done

  # Each timed step starts with the previous one's writes on disk, so that it does not pay for
  # their writeback (gigabytes at 1M papers) on a small machine. The copy is the same for both
  # binaries (their outputs are the same files) and is a figure of the machine, not of either.
  sync
  each "cp-$n" 1 "sync; rm -rf '@SITE@/copy'" cp -r @SITE@/public @SITE@/copy
  for t in "${tags[@]}"; do
    R[$t.$n.cp]=$(wall "cp-$n-$t")
    rm -rf "$work/site-$n-$t/copy"
  done
  sync

  rebuild_writing_nothing "nochange" "the no-change rebuild" 3

  # The same papers in a new store file: the build cannot skip reading the store, and must
  # still write nothing.
  each "reindex2-$n" 1 "true" @BIN@ --site @SITE@ reindex
  sync
  rebuild_writing_nothing "touched" "the rebuild after reindex"

  add=$((n / 100))
  each "add-$n" 1 "true" @BIN@ --site @SITE@ sample --papers "$n" --add "$add"
  sync
  each "incr-$n" 1 "sync" @BIN@ --site @SITE@ build
  for t in "${tags[@]}"; do
    R[$t.$n.incr]=$(wall "incr-$n-$t")
    R[$t.$n.incr_cpu]=$(cpu "incr-$n-$t")
    read -r w _ u _ r _ <<<"$(built "incr-$n-$t")"
    R[$t.$n.incr_written]=$w
    R[$t.$n.incr_removed]=$r
    [[ $keep == 1 ]] || rm -rf "$work/site-$n-$t"
  done
done

# search_bench N: the search section's figures for a site of N papers, into R[search.*].
search_bench() {
  local n="$1" site="$work/search-site" w u
  mkdir -p "$site"
  cp "$config" "$site/site.toml"
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

# rows N FIELDS...: a table row of size N per binary, the fields being keys of R (of the form
# "build") or "=EXPR" (an awk expression over those keys, e.g. "=build_cpu/build"), "%a/b" (a
# percentage) or "#a/b" (a whole number); with a baseline, then the ratio of each numeric field,
# this / baseline.
rows() {
  local n="$1"; shift
  local t f a b
  declare -A val
  for t in "${tags[@]}"; do
    local line="| $n |"
    [[ ${#tags[@]} -gt 1 ]] && line="$line $t |"
    local i=0
    for f in "$@"; do
      case "$f" in
        =*) a=${f:1}; a=${a%/*}; b=${f#*/}; v=$(ratio "${R[$t.$n.$a]}" "${R[$t.$n.$b]}") ;;
        %*) a=${f:1}; a=${a%/*}; b=${f#*/}; v=$(pct "${R[$t.$n.$a]}" "${R[$t.$n.$b]}") ;;
        \#*) a=${f:1}; a=${a%/*}; b=${f#*/}
          v=$(ratio "${R[$t.$n.$a]}" "${R[$t.$n.$b]}" | awk '{ if ($1 == "-") print; else printf "%.0f", $1 }') ;;
        *) v=${R[$t.$n.$f]:-} ;;
      esac
      val[$t.$i]=$v
      line="$line $v |"
      i=$((i + 1))
    done
    echo "$line"
  done
  [[ ${#tags[@]} -gt 1 ]] || return 0
  local line="| $n | this / baseline |"
  for ((i = 0; i < $#; i++)); do
    a=${val[this.$i]%\%}; b=${val[baseline.$i]%\%}
    if [[ "$a" =~ ^[0-9]+(\.[0-9]+)?$ && "$b" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
      line="$line $(ratio "$a" "$b") |"
    else
      line="$line |"
    fi
  done
  echo "$line"
}
# header COLUMNS...: a table header, with the binary's column when there are two.
header() {
  local first="$1"; shift
  local cols="| $first |" align="| ---: |" c
  [[ ${#tags[@]} -gt 1 ]] && cols="$cols binary |" && align="$align --- |"
  for c in "$@"; do cols="$cols $c |"; align="$align ---: |"; done
  echo "$cols"
  echo "$align"
}

echo "Writing 512 MB to a new file (page cache, no sync): ${fresh_write_rate:-?} MB/s; again" \
  "right after deleting it: ${reused_write_rate:-?} MB/s."
echo "Wall times to the millisecond, less $(awk -v o="$overhead" 'BEGIN { printf "%.1f", o * 1000 }') ms for starting /usr/bin/time."
if [[ ${#tags[@]} -gt 1 ]]; then
  echo "This binary: ${BIN[this]}; baseline: ${BIN[baseline]}; each step run for both in turn."
fi
for t in "${tags[@]}"; do
  if [[ -s "$work/parsers-$t.md" ]]; then
    echo
    if [[ ${#tags[@]} -gt 1 ]]; then echo "## Parsers (one core), $t"; else echo "## Parsers (one core)"; fi
    echo
    cat "$work/parsers-$t.md"
  fi
done
if [[ -s "$work/parsers-this.md" && -s "$work/parsers-baseline.md" ]]; then
  echo
  echo "MB/s, this / baseline: $(paste -d'|' <(tail -n +3 "$work/parsers-this.md") \
    <(tail -n +3 "$work/parsers-baseline.md") | awk -F'|' '{ printf "%s%s %.2f", (NR > 1 ? "; " : ""),
      $2, ($14 > 0 ? $6 / $14 : 0) }' | sed 's/  */ /g')"
fi
echo
echo "## Sample and reindex"
echo
header papers "sample s" "raw MB" "reindex s" "reindex CPU s" "reindex MB/s" "reindex RSS MB"
for n in "${size_list[@]}"; do
  rows "$n" sample raw_mb reindex reindex_cpu "=raw_mb/reindex" reindex_rss
done
echo
echo "## Full build"
echo
echo "Wall and CPU of the median run; all runs' wall times in the last column."
echo
header papers "wall s" "CPU s" "CPU/wall" "peak RSS MB" files written "output MB" "files/s" "runs s"
for n in "${size_list[@]}"; do
  rows "$n" build build_cpu "=build_cpu/build" build_rss files written out_mb "#files/build" \
    build_runs
done
echo
echo "## Full build against cp -r of its output"
echo
header papers "build s" "cp -r s" "build / cp"
for n in "${size_list[@]}"; do
  rows "$n" build cp "=build/cp"
done
echo
echo "## Rebuilds"
echo
echo "No change: the same inputs (median of three runs). Store rewritten: the same papers after"
echo "\`reindex\`. +1%: 1% more papers appended to the store. Percentages of the full build above."
echo
header papers "no change s" "CPU s" "of full" written "store rewritten s" "CPU s" "of full" \
  written "+1% build s" "CPU s" "of full" written removed
for n in "${size_list[@]}"; do
  rows "$n" nochange nochange_cpu "%nochange/build" nochange_written touched touched_cpu \
    "%touched/build" touched_written incr incr_cpu "%incr/build" incr_written incr_removed
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
  echo "Browser (100 typical queries, each the first of a fresh page with the cache off: time and bytes per query; quality on 1,000 random papers): ${R[search.browser]}"
  if [[ "${R[search.nochange_written]}" != 0 ]]; then
    echo "bench.sh: the no-change rebuild wrote ${R[search.nochange_written]} search files" >&2
    status=1
  fi
fi
exit $status
