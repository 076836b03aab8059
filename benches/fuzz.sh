#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/fuzz_targets/ in turn (libFuzzer through
# cargo-fuzz, nightly toolchain), SECONDS each (default 600). New inputs go to fuzz/work/<target>
# (not committed); the committed corpus fuzz/corpus/<target> seeds each run. Prints per target:
# executions, execs/s, coverage (libFuzzer's `cov:` edges and `ft:` features), corpus size and
# crashes (fuzz/artifacts/<target>/: crash-*, timeout-*, oom-*, with the minimised input to
# turn into a regression test). An input slower than 10 s counts as a timeout (a hang).
#
#   bash benches/fuzz.sh [SECONDS] [TARGET...]
#   FUZZ_NO_BUILD=1 bash benches/fuzz.sh 60    # without building first
#   bash benches/fuzz.sh merge        # fold fuzz/work into minimal committed corpora
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
# FUZZ_NO_BUILD=1 runs the targets as last built.
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  cargo +nightly fuzz build -s none >/dev/null 2>&1 || cargo +nightly fuzz build -s none
fi
bin=fuzz/target/x86_64-unknown-linux-gnu/release
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(ls fuzz/fuzz_targets | sed 's/\.rs$//'))
if [ "$secs" = merge ]; then
  for t in "${targets[@]}"; do
    mkdir -p "fuzz/work/$t" "fuzz/merged/$t"
    "$bin/$t" -merge=1 -timeout=10 "fuzz/merged/$t" "fuzz/corpus/$t" "fuzz/work/$t" >/dev/null 2>&1
    rm -rf "fuzz/corpus/$t"; mv "fuzz/merged/$t" "fuzz/corpus/$t"
    echo "$t: $(ls "fuzz/corpus/$t" | wc -l) inputs, $(du -sk "fuzz/corpus/$t" | cut -f1) KB"
  done
  rmdir fuzz/merged 2>/dev/null || true
  exit 0
fi
for t in "${targets[@]}"; do
  mkdir -p "fuzz/work/$t" "fuzz/artifacts/$t"
  log=fuzz/work/$t.log
  max_len=16384
  case $t in qa|align|split) max_len=65536 ;; esac
  # Exit status 1 on a crash: reported below, the next target still runs.
  "$bin/$t" "fuzz/work/$t" "fuzz/corpus/$t" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=3072 -max_len=$max_len -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$t/" > "$log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  crashes=$(ls "fuzz/artifacts/$t" | grep -cE '^(crash|timeout|oom|leak)-' || true)
  echo "fuzz $t seconds=$secs execs=${execs:-0} execs_per_s=${rate:-0} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} crashes=$crashes"
  if grep -qE 'ERROR: libFuzzer|panicked|deadly signal|Timeout' "$log"; then
    grep -m3 -E "panicked at|ERROR: libFuzzer|Test unit written" "$log" | sed 's/^/    /'
  fi
done
