#!/usr/bin/env bash
# Runs paperpress under valgrind (memcheck, --leak-check=full, any error fails) through a whole
# job on a throwaway site: `sample --papers 300`, `build`, then `fetch` against a local HTTP
# server (python3) that answers every query-API request with a recorded arXiv response.
#
#   scripts/valgrind.sh            # builds build/paperpress first (BUILD_DIR=... to change)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build_dir=${BUILD_DIR:-build}

command -v valgrind >/dev/null || {
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends valgrind
}
if [ ! -f "$build_dir/build.ninja" ] && [ ! -f "$build_dir/Makefile" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)" --target paperpress
binary="$root/$build_dir/paperpress"

work=$(mktemp -d /tmp/paperpress-valgrind.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "valgrind: kept $work" || rm -rf "$work"
}
trap cleanup EXIT

# The recorded response: one paper by id_list (arXiv's own bytes, CC0 metadata).
fixture=fuzz/corpus/parse_atom_fuzz/id_1605.08386_s0_m100_199195aa31ad.xml
python3 - "$fixture" "$work/port" >"$work/server.log" 2>&1 <<'PY' &
import http.server, sys
body = open(sys.argv[1], "rb").read()
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

site="$work/site"
mkdir -p "$site"
cat >"$site/site.toml" <<TOML
title = "Valgrind archive"
base_url = "https://example.github.io/valgrind"
[arxiv]
api_url = "http://127.0.0.1:$port/api/query"
oai_url = "http://127.0.0.1:$port/oai"
delay_seconds = 0.0
max_tries = 2
timeout_seconds = 10
[archive]
since = "2015-01-01"
[[topics]]
slug = "llm"
name = "LLM"
keywords = ["LLM", "Large Language Model"]
TOML

status=0
run() {
  echo "valgrind: paperpress $*"
  local rc=0
  valgrind --leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,indirect \
    --log-file="$work/valgrind-$1.log" "$binary" --site "$site" "$@" >"$work/out-$1.txt" 2>&1 ||
    rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "  ok: $(grep -E 'ERROR SUMMARY|in use at exit|definitely lost|indirectly lost' \
      "$work/valgrind-$1.log" | sed -E 's/^==[0-9]+== +//; s/ \(suppressed.*//' | tr '\n' ';')"
    echo "  paperpress said: $(tail -n 2 "$work/out-$1.txt" | tr '\n' ' ')"
  else
    status=1
    echo "  FAILED (exit $rc):"
    tail -n 40 "$work/out-$1.txt" "$work/valgrind-$1.log"
  fi
}
run sample --papers 300 --seed 1
run build
run fetch
exit $status
