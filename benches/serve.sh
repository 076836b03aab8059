#!/usr/bin/env bash
# HTTP lookup latency of `tm serve` on a large memory, with 50 concurrent clients.
#
#   bash benches/serve.sh [N] [DURATION_S]     (defaults: 1000000 units, 20 s)
#
# Builds the memory with the TM benchmark generator (../shared/bench/tm/make_tm.py, real and
# synthetic EN→RU units; skipped with a message when ../shared is absent) unless TM_BENCH_DB
# names an existing one, starts `tm serve`, and drives GET /api/lookup with the generator's
# queries (all bands, in a fixed order):
# - closed loop with wrk (Debian package `wrk`, installed when missing): 50 connections, each
#   sending its next request as soon as the last one is answered; with the answer cache off
#   (every request is a full fuzzy lookup) and on (as-you-type traffic repeats queries);
# - open loop with benches/loadgen.rs: 50 clients, each at a fixed mean rate (2 and 4 requests
#   a second, a translator typing), cache off, latency counted from when a request was due.
# Prints requests/s, p50/p95/p99 latency and the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
dur=${2:-20}
shared=../shared
cargo build --release --quiet
cargo build --release --quiet --bench loadgen
tm=$PWD/target/release/tm
loadgen=$(ls -t target/release/deps/loadgen-* | grep -v '\.d$' | head -1)
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
data=${TM_BENCH_DATA:-/tmp/tmbench}
if [ ! -f "$data/queries_$n.jsonl" ]; then
  if [ ! -f "$shared/bench/tm/make_tm.py" ]; then
    echo "skip: $shared/bench/tm/make_tm.py is absent (the benchmark data generator is not part of the repository)"
    exit 0
  fi
  python3 -c "import rapidfuzz" 2>/dev/null || pip install -q rapidfuzz >/dev/null 2>&1
  mkdir -p "$data"
  python3 "$shared/bench/tm/make_tm.py" --n "$n" --out "$data" >/dev/null
fi
db=${TM_BENCH_DB:-$data/serve_$n.db}
if [ ! -f "$db" ]; then
  "$tm" import "$data/tm_$n.tmx" --db "$db" >/dev/null
fi

python3 - "$data/queries_$n.jsonl" "$tmp/paths.txt" <<'PY'
import json, sys, urllib.parse
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        q = json.loads(line)["query"]
        out.write("/api/lookup?min=65&limit=5&q=" + urllib.parse.quote(q) + "\n")
PY
cat > "$tmp/paths.lua" <<'LUA'
local paths, i = {}, 0
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA

start_server() { # cache
  "$tm" --db "$db" serve --port 0 --cache "$1" > "$tmp/serve.out" 2>&1 &
  pid=$!
  for _ in $(seq 50); do grep -q http "$tmp/serve.out" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$tmp/serve.out" | head -1)
  url=${url%/}
  # Warm the page cache of the database first (one pass over the queries).
  PATHS=$tmp/paths.txt wrk -t 2 -c 4 -d 3s -s "$tmp/paths.lua" "$url" >/dev/null
}
stop_server() {
  rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

for cache in 0 1000; do
  start_server "$cache"
  res=$(PATHS=$tmp/paths.txt wrk -t 2 -c 50 -d "${dur}s" --timeout 10s -s "$tmp/paths.lua" "$url" | grep RESULT)
  stop_server
  echo "serve N=$n closed-loop cache=$cache clients=50 ${res#RESULT } peak_rss_mb=$rss"
done
for rate in 2 4; do
  start_server 0
  res=$("$loadgen" "${url#http://}" "$tmp/paths.txt" 50 "$rate" "$dur" | grep RESULT)
  stop_server
  echo "serve N=$n open-loop cache=0 clients=50 rate_per_client=$rate ${res#RESULT } peak_rss_mb=$rss"
done
