#!/usr/bin/env bash
# Alignment speed and memory on synthetic Russian–English documents of 1k, 2k, 5k and 10k
# sentences a side (with merged and dropped sentences), and on the long dev case when present.
#
#   bash benches/align.sh [RUNS]      (default 3 runs; the median is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import random, sys
out = sys.argv[1]
rng = random.Random(7)
ru_names = ["Москва", "Берлин", "Штайнмайер", "Лавров", "НАТО", "Брюссель", "Столтенберг", "Киев"]
en_names = ["Moscow", "Berlin", "Steinmeier", "Lavrov", "NATO", "Brussels", "Stoltenberg", "Kyiv"]
ru_t = ["{n} сообщил, что встреча состоится {d} марта в {h} часов.",
        "По данным агентства, в {d} году объём торговли вырос на {p} процентов.",
        "Министр заявил журналистам, что переговоры с {n} продолжатся.",
        "В заявлении говорится о {p} новых проектах и {d} участниках.",
        "Эксперты считают, что ситуация изменится не раньше {d} года."]
en_t = ["{n} said the meeting would take place on March {d} at {h} o'clock.",
        "According to the agency, trade grew by {p} percent in {d}.",
        "The minister told journalists that talks with {n} would continue.",
        "The statement mentions {p} new projects and {d} participants.",
        "Experts believe the situation will not change before {d}."]
for size in (1000, 2000, 5000, 10000):
    ru, en = [], []
    for i in range(size):
        k = rng.randrange(len(ru_t)); j = rng.randrange(len(ru_names))
        vals = dict(d=rng.randrange(1, 2030), h=rng.randrange(24), p=rng.randrange(100))
        r = ru_t[k].format(n=ru_names[j], **vals); e = en_t[k].format(n=en_names[j], **vals)
        x = rng.random()
        if x < 0.01: ru.append(r)                       # dropped in translation
        elif x < 0.02: en.append(e)                     # added in translation
        elif x < 0.05 and en: en[-1] = en[-1] + " " + e; ru.append(r)   # 2-1
        else: ru.append(r); en.append(e)
    open(f"{out}/ru{size}.txt", "w").write("\n".join(ru) + "\n")
    open(f"{out}/en{size}.txt", "w").write("\n".join(en) + "\n")
PY

measure() { # label src tgt
  local results=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %M' -o "$tmp/time" taskset -c 0 target/release/tm align "$2" "$3" \
      --src-lang ru --tgt-lang en --presplit --format jsonl > "$tmp/out" 2>/dev/null
    results+=("$(cat "$tmp/time")")
  done
  printf '%s\n' "${results[@]}" | python3 -c "
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = statistics.median(r[0] for r in rows); cpu = statistics.median(r[1] for r in rows)
rss = max(r[2] for r in rows) / 1024
print(f'$1: median {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB ($(wc -l < "$tmp/out") beads)')
"
}

for size in 1000 2000 5000 10000; do
  measure "synthetic ${size}x${size}" "$tmp/ru$size.txt" "$tmp/en$size.txt"
done
long=../shared/data/alignment/long/long_wmt22enru
if [ -d "$long" ]; then
  measure "long dev case (1876 + 1877 sentences)" "$long/ru.txt" "$long/en.txt"
else
  echo "long dev case: skipped ($long is absent)"
fi
