#!/usr/bin/env bash
# Translation-memory benchmark: import time and memory (beside SQLite inserting the same rows
# into a bare table, benches/bare_insert.py), database size, and fuzzy-lookup latency and
# recall, on the generated data of ../shared/bench/tm (EN→RU software messages, padded with
# synthetic sentences).
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
  /usr/bin/time -f '%e %U %S %M' -o "$data/time" target/release/tm import "$data/tm_$n.tmx" --db "$db" 2>/dev/null
  read -r secs user sys kb < "$data/time"
  target/release/tm stats --db "$db" > /dev/null   # checkpoints the WAL
  size=$(du -cb "$db"* | tail -1 | cut -f1)
  # The same rows inserted by SQLite into a bare table (no index), in the same run.
  read -r bare _ < <(python3 benches/bare_insert.py "$db" "$data/bare_$n.db")
  rm -f "$data/bare_$n.db"
  ratio=$(python3 -c "print(f'{$secs / max($bare, 0.001):.1f}')")
  echo "== $n units: import ${secs} s wall (${user} s user, ${sys} s sys), peak RSS $((kb / 1024)) MB, database $((size / 1024 / 1024)) MB; bare-table insert of the same rows ${bare} s (import ${ratio}x)"
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
