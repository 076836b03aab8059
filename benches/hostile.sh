#!/usr/bin/env bash
# `tm serve` under hostile clients: 20 normal clients look words up for DURATION seconds
# (open loop, benches/loadgen.rs, 5 requests a second each), first alone, then while
# 1,000 idle connections (reopened as the server closes them) and 50 slow clients (a header
# byte a second; half of them a body shorter than its Content-Length) attack the server.
# Prints both runs, the ratio of the normal clients' p95 latency with and without attackers
# (target: within 2×), the connections the attackers had open, and the server's peak RSS.
#
#   bash benches/hostile.sh [DURATION_S] [UNITS]     (defaults: 60 s, 20000 units)
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-60}
n=${2:-20000}
cargo build --release --quiet
cargo build --release --quiet --bench loadgen
tm=$PWD/target/release/tm
loadgen=$(ls -t target/release/deps/loadgen-* | grep -v '\.d$' | head -1)
tmp=$(mktemp -d)
pid=
apid=
cleanup() {
  [ -n "$apid" ] && kill "$apid" 2>/dev/null
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ulimit -n 8192 2>/dev/null || true

# A synthetic memory: sentences built from word lists, numbered so that all differ.
python3 - "$n" "$tmp/units.tsv" "$tmp/paths.txt" <<'PY'
import random, sys, urllib.parse
n, units, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3]
r = random.Random(7)
subj = ["The file", "The report", "Our team", "The server", "This window", "The user", "A new version"]
verb = ["was saved", "is ready", "has been updated", "will be checked", "was sent", "is closed"]
tail = ["today", "in the morning", "after the meeting", "by the manager", "for the client", "at once"]
ru = ["Файл сохранён", "Отчёт готов", "Наша команда", "Сервер обновлён", "Окно закрыто", "Письмо отправлено"]
with open(units, "w") as u, open(paths, "w") as p:
    u.write("en\tru\n")
    for i in range(n):
        s = f"{r.choice(subj)} {r.choice(verb)} {r.choice(tail)} ({i})."
        u.write(f"{s}\t{r.choice(ru)} ({i}).\n")
        if i % 40 == 0:
            q = s.replace("(", "").replace(")", "").replace(str(i), str(i + 1))
            p.write("/api/lookup?min=60&limit=5&q=" + urllib.parse.quote(q) + "\n")
PY
"$tm" --db "$tmp/memory.db" import "$tmp/units.tsv" >/dev/null

cat > "$tmp/attack.py" <<'PY'
import asyncio, sys
host, port = sys.argv[1].rsplit(":", 1)
port = int(port)
stats = {"open": 0, "peak": 0, "reopened": 0}

async def idle():
    while True:
        try:
            r, w = await asyncio.open_connection(host, port)
            stats["open"] += 1; stats["peak"] = max(stats["peak"], stats["open"])
            await r.read(1)  # returns when the server closes
            stats["open"] -= 1; stats["reopened"] += 1
            w.close()
        except OSError:
            await asyncio.sleep(0.2)

async def slow(i):
    head = b"GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
    body = b"POST /api/qa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"units\":["
    while True:
        try:
            r, w = await asyncio.open_connection(host, port)
            stats["open"] += 1; stats["peak"] = max(stats["peak"], stats["open"])
            data = body if i % 2 else head
            try:
                for b in data:
                    w.write(bytes([b])); await w.drain()
                    await asyncio.sleep(1.0)
                while True:  # the body never ends
                    w.write(b" "); await w.drain(); await asyncio.sleep(1.0)
            except OSError:
                pass
            stats["open"] -= 1; stats["reopened"] += 1
            w.close()
        except OSError:
            await asyncio.sleep(0.2)

async def report():
    while True:
        await asyncio.sleep(5)
        print(f"ATTACK open={stats['open']} peak={stats['peak']} reopened={stats['reopened']}", flush=True)

async def main():
    tasks = [asyncio.create_task(idle()) for _ in range(1000)]
    tasks += [asyncio.create_task(slow(i)) for i in range(50)]
    tasks.append(asyncio.create_task(report()))
    await asyncio.gather(*tasks)

asyncio.run(main())
PY

start_server() {
  "$tm" --db "$tmp/memory.db" serve --port 0 > "$tmp/serve.out" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q http "$tmp/serve.out" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$tmp/serve.out" | head -1)
  url=${url%/}
  addr=${url#http://}
  "$loadgen" "$addr" "$tmp/paths.txt" 4 5 3 >/dev/null # warm up
}
stop_server() {
  rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
p95() { sed -n 's/.*p95_ms=\([0-9.]*\).*/\1/p' <<<"$1"; }

start_server
base=$("$loadgen" "$addr" "$tmp/paths.txt" 20 5 "$dur" | grep RESULT)
stop_server
echo "hostile N=$n alone:          ${base#RESULT } peak_rss_mb=$rss"
base_rss=$rss

start_server
python3 "$tmp/attack.py" "$addr" > "$tmp/attack.out" 2>&1 &
apid=$!
sleep 5 # let the attackers connect
hit=$("$loadgen" "$addr" "$tmp/paths.txt" 20 5 "$dur" | grep RESULT)
attack=$(grep ATTACK "$tmp/attack.out" | tail -1)
kill "$apid"; wait "$apid" 2>/dev/null || true; apid=
stop_server
echo "hostile N=$n with attackers: ${hit#RESULT } peak_rss_mb=$rss (${attack#ATTACK })"
python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'hostile p95 ratio {b/a if a else float(\"inf\"):.2f} (target <= 2), peak RSS {sys.argv[3]} MB alone, {sys.argv[4]} MB attacked')" "$(p95 "$base")" "$(p95 "$hit")" "$base_rss" "$rss"
