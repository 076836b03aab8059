#!/usr/bin/env bash
# Team memory benchmark: PostgreSQL behind `tm`, on the TM benchmark data
# (../shared/bench/tm/make_tm.py, as benches/tm.sh; skipped with a message when absent).
#
#   bash benches/team.sh [N] [SECONDS]     (defaults: 1000000 units, 60 s of writers)
#
# Starts its own PostgreSQL (tests/pg/pg.sh, a temporary folder, a free loopback port) and
# prints, in one run:
# - import time of the N units into PostgreSQL and into SQLite (ratio);
# - recall and latency of `tm lookup --batch` on both (score_lookup.py);
# - lookup latency through `tm serve` on PostgreSQL, 50 clients (open loop, 2 requests a
#   second each, answer cache off), benches/loadgen.rs;
# - two `tm serve` instances on the database: identical answers, and the delay until a unit
#   added through one is found through the other;
# - 8 writers adding and editing (optimistic concurrency, 409s retried) while 50 clients look
#   up, for SECONDS: errors, acknowledged writes missing, lost updates;
# - the same with PostgreSQL stopped for 5 s in the middle: 503s while down, answers after.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
secs=${2:-60}
bench=../shared/bench/tm
if [ ! -f "$bench/make_tm.py" ]; then
  echo "skipped: $bench/make_tm.py is absent"
  exit 0
fi
cargo build --release --quiet
cargo build --release --quiet --bench loadgen
tm=$PWD/target/release/tm
loadgen=$(ls -t target/release/deps/loadgen-* | grep -v '\.d$' | head -1)
data=${TM_BENCH_DATA:-/tmp/tmbench}
mkdir -p "$data"
[ -f "$data/tm_$n.tmx" ] || python3 "$bench/make_tm.py" --n "$n" --out "$data" >/dev/null
tmp=$(mktemp -d)
chmod 755 "$tmp"   # the PostgreSQL server runs as another user inside it
cleanup() {
  for p in "$tmp"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  bash tests/pg/pg.sh stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
url=$(bash tests/pg/pg.sh start "$tmp/pg")

# Import: PostgreSQL, then SQLite, in the same run.
/usr/bin/time -f '%e' -o "$tmp/t_pg" "$tm" --db "$url" import "$data/tm_$n.tmx" 2>/dev/null
rm -f "$tmp/lite.db"*
/usr/bin/time -f '%e' -o "$tmp/t_lite" "$tm" --db "$tmp/lite.db" import "$data/tm_$n.tmx" 2>/dev/null
pg_s=$(tail -1 "$tmp/t_pg"); lite_s=$(tail -1 "$tmp/t_lite")
echo "== $n units: import PostgreSQL ${pg_s} s, SQLite ${lite_s} s (ratio $(python3 -c "print(f'{$pg_s / $lite_s:.2f}')"), target <= 2)"

# Recall (and batch time) of tm lookup on both.
for which in sqlite postgres; do
  db=$tmp/lite.db; [ "$which" = postgres ] && db=$url
  s0=$(date +%s.%N)
  "$tm" --db "$db" lookup --batch "$data/queries_$n.jsonl" --min-score 65 --limit 5 --format jsonl > "$tmp/pred_$which.jsonl"
  s1=$(date +%s.%N)
  echo "lookup --batch $which: $(python3 "$bench/score_lookup.py" "$data/queries_$n.jsonl" "$tmp/pred_$which.jsonl" | tr '\n' ' ' | sed 's/\t/=/g') wall_s=$(python3 -c "print(f'{$s1 - $s0:.1f}')")"
done
echo "lookup --batch: $(python3 - "$tmp/pred_sqlite.jsonl" "$tmp/pred_postgres.jsonl" <<'PY'
import json, sys
a = [json.loads(l)["matches"] for l in open(sys.argv[1])]
b = [json.loads(l)["matches"] for l in open(sys.argv[2])]
print(f"the same matches on both backends for {sum(x == y for x, y in zip(a, b))} of {len(a)} queries")
PY
)"

python3 - "$data/queries_$n.jsonl" "$tmp/paths.txt" <<'PY'
import json, sys, urllib.parse
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        q = json.loads(line)["query"]
        out.write("/api/lookup?min=65&limit=5&q=" + urllib.parse.quote(q) + "\n")
PY

start_server() { # name extra-args...
  local name=$1; shift
  "$tm" --db "$url" serve --port 0 "$@" > "$tmp/$name.out" 2>&1 &
  echo $! > "$tmp/$name.pid"   # (called in $(…): a variable set here would be lost)
  for _ in $(seq 100); do grep -q http "$tmp/$name.out" && break; sleep 0.1; done
  grep -o 'http://[^ ]*' "$tmp/$name.out" | head -1 | sed 's|http://||; s|/$||'
}
a=$(start_server a --cache 0 --allow-write)
b=$(start_server b --cache 1000)
# Warm: one pass of the queries through each (posting lists and texts loaded).
for s in "$a" "$b"; do "$loadgen" "$s" "$tmp/paths.txt" 4 20 5 >/dev/null; done
sleep 5
res=$("$loadgen" "$a" "$tmp/paths.txt" 50 2 20 | grep RESULT)
echo "serve on PostgreSQL N=$n open-loop clients=50 rate_per_client=2 cache=0 ${res#RESULT } (target p95 <= 30 ms)"
echo "two instances: $(python3 benches/team_load.py same "$a" "$b" "$tmp/paths.txt" | sed 's/RESULT //')"
echo "two instances: $(python3 benches/team_load.py propagate "$a" "$b" 20 | sed 's/RESULT //') (target <= 1 s)"

# 8 writers and 50 readers for $secs s; then again with PostgreSQL stopped 5 s in the middle.
"$loadgen" "$a" "$tmp/paths.txt" 50 2 "$secs" > "$tmp/readers.out" &
rp=$!
w=$(python3 benches/team_load.py writers "$a" 8 "$secs")
wait "$rp"
echo "writers+readers ${secs}s: ${w#RESULT } readers: $(grep RESULT "$tmp/readers.out" | sed 's/RESULT //')"
half=$((secs / 2))
"$loadgen" "$a" "$tmp/paths.txt" 50 2 "$secs" > "$tmp/readers2.out" &
rp=$!
w=$(python3 benches/team_load.py writers "$a" 8 "$secs" "$half" "$((half + 5))" "$tmp/pg")
wait "$rp"
echo "with PostgreSQL stopped at ${half}s for 5s: ${w#RESULT } readers (503s count as errors): $(grep RESULT "$tmp/readers2.out" | sed 's/RESULT //')"
for name in a b; do
  p=$(cat "$tmp/$name.pid")
  echo "server $name peak_rss_mb=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$p/status 2>/dev/null || echo gone)"
done
