#!/usr/bin/env bash
# Sentence-splitting throughput on varied real text, beside sentencex in the same run.
#
#   bash benches/segment.sh [RUNS]      (default: 7 runs; medians are printed)
#
# The input is built at bench time from many different documents, each once (never one sample
# repeated): the texts of the segmentation dev sets (../shared/data/segmentation/dev), the raw
# sentences of the other UD treebank files (../shared/data/treebanks, paragraphs as marked)
# and the seed documents; see benches/segment_input.py. Skips with a message when
# ../shared/data is absent.
#
# Figures are MB per CPU-second (the steadier figure on a shared machine), every process on
# core 0 (set by the parent, so no extra program's start is counted):
# - tm: CPU time of the whole `tm split --lang L FILE` process, from `perf stat -e task-clock`
#   (the kernel's exact count) when perf is installed (Debian: linux-perf), else from
#   getrusage, which kernels built without VIRT_CPU_ACCOUNTING_GEN sample at the timer tick
#   and so overstate for a process of a few milliseconds; "net" subtracts the CPU time of the
#   same command on an empty file (process start: loading and relocating the binary);
# - tm in-process: CPU time of the same split inside one process after a warm-up call
#   (benches/split.rs), timed as sentencex is: the like-for-like figure;
# - sentencex: CPU time of `sentencex.segment(L, text)` inside Python (the interpreter and
#   the import are left out), installed with pip in a virtualenv this script makes.
# It also prints the peak resident memory of tm, and checks that tm splits the input the same
# way in every run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
data=../shared/data
if [ ! -d "$data/segmentation/dev" ]; then
  echo "skipped: $data/segmentation/dev is absent"
  exit 0
fi
cargo build --release --quiet
cargo bench --quiet --bench split --no-run 2>/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 benches/segment_input.py "$data" seeds "$tmp"
venv=${TM_BENCH_VENV:-target/bench-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sentencex' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet sentencex
fi
: > "$tmp/empty.txt"
python3 - "$tmp" "$runs" "$venv/bin/python" <<'PY'
import os, statistics, subprocess, sys
tmp, runs, vpy = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tm = "target/release/tm"

import shutil
perf = shutil.which("perf")
if perf and subprocess.run([perf, "stat", "-x,", "-e", "task-clock", "true"],
                           capture_output=True).returncode != 0:
    perf = None
print("tm's CPU time from " + ("perf stat (task-clock)" if perf else
      "getrusage (install linux-perf for exact figures: see the header)"))

def pin():
    os.sched_setaffinity(0, {0})

def cpu_of(cmd, out_path):
    """CPU seconds of `cmd` (its output to `out_path`)."""
    stat = os.path.join(tmp, "perf.csv")
    run = [perf, "stat", "-x,", "-e", "task-clock", "-o", stat, "--"] + cmd if perf else cmd
    with open(out_path, "wb") as out:
        child = subprocess.Popen(run, stdout=out, preexec_fn=pin)
        _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"{cmd} failed")
    if perf:
        return next(float(l.split(",")[0]) for l in open(stat) if "task-clock" in l) / 1000
    return usage.ru_utime + usage.ru_stime

def peak_rss_kb(cmd):
    """Peak resident memory of `cmd` alone (not of other children of this script)."""
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, preexec_fn=pin)
    return os.wait4(child.pid, 0)[2].ru_maxrss

sx = r'''
import sys, time, sentencex
lang, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
list(sentencex.segment(lang, "Warm up. Done."))
t = time.process_time()
n = sum(1 for _ in sentencex.segment(lang, text))
print(n, time.process_time() - t)
'''
for lang in ("en", "ru"):
    path = os.path.join(tmp, f"{lang}.txt")
    mb = os.path.getsize(path) / 1e6
    starts, totals, sxs, outs = [], [], [], set()
    rss = peak_rss_kb([tm, "split", "--lang", lang, path])
    for _ in range(runs):
        s = cpu_of([tm, "split", "--lang", lang, os.path.join(tmp, "empty.txt")], os.devnull)
        t = cpu_of([tm, "split", "--lang", lang, path], os.path.join(tmp, "out"))
        outs.add(open(os.path.join(tmp, "out"), "rb").read())
        o = subprocess.run([vpy, "-c", sx, lang, path], capture_output=True, text=True, check=True,
                           preexec_fn=pin)
        n_sx, c_sx = o.stdout.split()
        starts.append(s); totals.append(t); sxs.append(float(c_sx))
    start, total, sxc = statistics.median(starts), statistics.median(totals), statistics.median(sxs)
    n_tm = open(os.path.join(tmp, "out"), "rb").read().count(b"\n")
    net = max(total - start, 1e-6)
    print(f"{lang}: {mb:.2f} MB, tm {n_tm} sentences, sentencex {n_sx}; median of {runs} runs:")
    print(f"  tm        {mb/total:7.1f} MB/CPU-s ({total*1000:.1f} ms), net of process start "
          f"({start*1000:.1f} ms) {mb/net:7.1f} MB/CPU-s; peak RSS {rss/1024:.0f} MB"
          + ("" if len(outs) == 1 else "; OUTPUT DIFFERS BETWEEN RUNS"))
    o = subprocess.run(["cargo", "bench", "--quiet", "--bench", "split", "--", lang, path, str(runs)],
                       capture_output=True, text=True, check=True, preexec_fn=pin)
    n_in, c_in = o.stdout.split()
    c_in = float(c_in)
    print(f"  tm in-process {mb/c_in:7.1f} MB/CPU-s ({c_in*1000:.1f} ms, {n_in} sentences)")
    print(f"  sentencex {mb/sxc:7.1f} MB/CPU-s ({sxc*1000:.1f} ms)")
    print(f"  ratio tm/sentencex: {sxc/total:.2f} (net {sxc/net:.2f}, in-process {sxc/c_in:.2f})")
PY
