#!/usr/bin/env bash
# Sentence-splitting throughput and peak memory on large English and Russian inputs.
#
#   bash benches/segment.sh [SIZE_MB] [RUNS]      (defaults: 100 MB, 3 runs)
#
# Builds the release binary, makes an input of SIZE_MB per language by repeating the sample
# texts in benches/data (and the seed documents), runs `tm split` RUNS times on one core and
# prints the median MB/s (by wall-clock time and by CPU time, user+sys: the CPU figure is the
# steadier one on a shared machine) and the peak resident memory reported by /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-100}
runs=${2:-3}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_input() { # lang out
  local src=$tmp/src.$1
  if [ "$1" = en ]; then cat benches/data/en_sample.txt seeds/000_*.txt > "$src"
  else cat benches/data/ru_sample.txt > "$src"; fi
  printf '\n\n' >> "$src"
  local target=$((size_mb * 1024 * 1024))
  : > "$2"
  while [ "$(stat -c %s "$2")" -lt "$target" ]; do
    cat "$src" "$src" "$src" "$src" "$src" "$src" "$src" "$src" >> "$2"
    if [ "$(stat -c %s "$2")" -lt $((target / 8)) ]; then cat "$2" >> "$2.tmp" && cat "$2.tmp" >> "$2" && rm "$2.tmp"; fi
  done
  truncate -s "$target" "$2"
  # Cut at the last full line so that the input stays valid UTF-8.
  python3 - "$2" <<'PY'
import sys
p = sys.argv[1]
b = open(p, 'rb').read()
open(p, 'wb').write(b[: b.rfind(b'\n') + 1])
PY
}

for lang in en ru; do
  input=$tmp/big.$lang.txt
  make_input $lang "$input"
  bytes=$(stat -c %s "$input")
  results=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" taskset -c 0 target/release/tm split --lang $lang "$input" > "$tmp/out"
    read -r secs user sys kb < "$tmp/time"
    results+=("$(python3 -c "print(f'{$bytes/1e6/max($secs,0.001):.1f} {$bytes/1e6/max($user+$sys,0.001):.1f} {$kb/1024:.1f}')")")
  done
  sentences=$(wc -l < "$tmp/out")
  printf '%s\n' "${results[@]}" | python3 -c "
import sys, statistics
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = statistics.median(r[0] for r in rows); cpu = statistics.median(r[1] for r in rows)
rss = max(r[2] for r in rows)
print(f'$lang: {$bytes/1e6:.1f} MB, $sentences sentences, median over $runs runs: {wall:.1f} MB/s wall, {cpu:.1f} MB/s CPU; peak RSS {rss:.1f} MB')
"
done
