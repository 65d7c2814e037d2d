#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cc) with clang into build-fuzz/ and runs each for
# SECONDS (default 60), two at a time, printing executions and crashes per target.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]
#
# Seeds come from fuzz/corpus/<target>/ (read only); new inputs go to build-fuzz/corpus/<target>/
# and crash, timeout and OOM reproducers to build-fuzz/artifacts/<target>/. A reproducer worth
# keeping goes to fuzz/regressions/<target>/, which tests/fuzz_regression_test.cc replays.
# FUZZ_PARALLEL (default 2) targets run at once; each target keeps going after a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
parallel=${FUZZ_PARALLEL:-2}

packages=(clang libclang-rt-14-dev cmake ninja-build pkg-config
  libcurl4-openssl-dev libpugixml-dev nlohmann-json3-dev libcmark-gfm-dev
  libcmark-gfm-extensions-dev libtomlplusplus-dev libcli11-dev libcpp-httplib-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DPAPERPRESS_FUZZ=ON -DPAPERPRESS_TESTS=OFF >/dev/null

# The largest input each target gets: about the size of its largest useful real input.
declare -A max_len=(
  [parse_atom_fuzz]=40000 [parse_oai_fuzz]=16384 [parse_kaggle_line_fuzz]=8192
  [config_parse_fuzz]=4096 [content_page_fuzz]=8192 [template_fuzz]=4096
  [paper_log_fuzz]=4096)

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in fuzz/*_fuzz.cc; do targets+=("$(basename "$f" .cc)"); done
fi
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"

run_target() {
  local t=$1 dir=build-fuzz
  mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t" "fuzz/corpus/$t"
  local log="$dir/$t.log"
  local dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  "$dir/fuzz/$t" "$dir/corpus/$t" "fuzz/corpus/$t" "${dict[@]}" \
    -max_total_time="$seconds" -max_len="${max_len[$t]:-4096}" -timeout=10 -rss_limit_mb=2048 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$dir/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1 || true
  # Fork mode prints "#N: cov: C ft: F corp: ... exec/s: E oom/timeout/crash: a/b/c time: Ts".
  local last execs found
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
  execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
  found=$(find "$dir/artifacts/$t" -type f | wc -l)
  printf '%-24s %12s execs in %ss  %s  artifacts: %s\n' "$t" "${execs:-?}" "$seconds" \
    "$(grep -oE 'oom/timeout/crash: [0-9/]+' <<<"$last" || echo 'oom/timeout/crash: ?')" "$found"
}

echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $parallel at a time (logs: build-fuzz/*.log)"
running=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
