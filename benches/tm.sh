#!/usr/bin/env bash
# Translation-memory benchmark: import time and memory, database size, and fuzzy-lookup
# latency and recall, on the generated data of ../shared/bench/tm (EN→RU software messages,
# padded with synthetic sentences).
#
#   bash benches/tm.sh [SIZE ...]      (default: 100000 1000000)
#
# Needs python3 with rapidfuzz (pip install rapidfuzz) for the generator; skips with a message
# when ../shared/bench/tm is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=../shared/bench/tm
if [ ! -f "$bench/make_tm.py" ]; then
  echo "skipped: $bench/make_tm.py is absent"
  exit 0
fi
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)
cargo build --release --quiet
data=${TM_BENCH_DATA:-/tmp/tmbench}
mkdir -p "$data"
args=()
for n in "${sizes[@]}"; do
  [ -f "$data/tm_$n.tmx" ] || args+=(--n "$n")
done
if [ ${#args[@]} -gt 0 ]; then
  python3 "$bench/make_tm.py" "${args[@]}" --out "$data"
fi
for n in "${sizes[@]}"; do
  db=$data/bench_$n.db
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f '%e %M' -o "$data/time" target/release/tm import "$data/tm_$n.tmx" --db "$db" 2>/dev/null
  read -r secs kb < "$data/time"
  target/release/tm stats --db "$db" > /dev/null   # checkpoints the WAL
  size=$(du -cb "$db"* | tail -1 | cut -f1)
  echo "== $n units: import ${secs} s, peak RSS $((kb / 1024)) MB, database $((size / 1024 / 1024)) MB"
  for run in 1 2 3; do
    target/release/tm lookup --batch "$data/queries_$n.jsonl" --db "$db" --min-score 65 --limit 5 \
      --format jsonl > "$data/pred_$n.$run.jsonl"
  done
  for run in 1 2 3; do
    python3 "$bench/score_lookup.py" "$data/queries_$n.jsonl" "$data/pred_$n.$run.jsonl" \
      | tr '\n' ' ' | sed 's/\t/=/g'
    echo
  done
done
