"""Load for a team memory behind `tm serve` (benches/team.sh runs it).

  python3 benches/team_load.py propagate A_ADDR B_ADDR ROUNDS
      adds a unit through server A and polls server B's lookup until it is found; prints the
      median and largest delay.
  python3 benches/team_load.py same A_ADDR B_ADDR PATHS_FILE
      asks both servers every lookup of PATHS_FILE; prints how many answers are identical.
  python3 benches/team_load.py writers ADDR WRITERS SECONDS [OUTAGE_AT OUTAGE_END PG_DIR]
      WRITERS threads add units and edit random ones (their own and the others'), each edit
      made from the version read and retried on 409; a prober reads /api/stats every 100 ms.
      Optionally stops PostgreSQL (tests/pg/pg.sh pause/resume PG_DIR) between the two times.
      Afterwards every unit is read back: an acknowledged write missing, or two edits
      acknowledged from one version (a lost update), is counted.
"""
import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse


def call(addr, method, path, body=None):
    host, port = addr.split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    data = json.dumps(body) if body is not None else None
    c.request(method, path, body=data, headers={"Content-Type": "application/json"})
    r = c.getresponse()
    raw = r.read()
    c.close()
    try:
        return r.status, json.loads(raw)
    except ValueError:
        return r.status, None


def lookup(addr, q):
    return call(addr, "GET", "/api/lookup?min=65&limit=5&q=" + urllib.parse.quote(q))


def propagate(a, b, rounds):
    delays = []
    for i in range(rounds):
        src = f"Zebra number {i} {random.randrange(10**9)} crosses the purple bridge at dawn."
        lookup(b, src)  # cached as "no match" on B first
        st, rec = call(a, "POST", "/api/units", {"source": src, "target": f"Зебра номер {i} переходит мост.",
                                                  "src_lang": "en", "tgt_lang": "ru", "user": "bench"})
        assert st == 201, (st, rec)
        t0 = time.monotonic()
        while True:
            st, v = lookup(b, src)
            if st == 200 and v["matches"] and v["matches"][0]["segment"] == rec["id"]:
                break
            if time.monotonic() - t0 > 10:
                break
            time.sleep(0.005)
        delays.append(time.monotonic() - t0)
    print(f"RESULT propagation rounds={rounds} median_ms={statistics.median(delays)*1000:.0f} "
          f"max_ms={max(delays)*1000:.0f} within_1s={sum(d <= 1 for d in delays)}/{rounds}")


def same(a, b, paths_file):
    paths = [l.strip() for l in open(paths_file) if l.strip()]
    equal = 0
    for p in paths:
        sa, va = call(a, "GET", p)
        sb, vb = call(b, "GET", p)
        if sa == sb == 200 and va["matches"] == vb["matches"]:
            equal += 1
    print(f"RESULT same_answers={equal}/{len(paths)}")


def writers(addr, n, secs, outage=None):
    lock = threading.Lock()
    acked = {}      # id -> list of (version, target) acknowledged
    ids = []
    counts = {"adds": 0, "edits": 0, "conflicts": 0, "errors": 0, "unavailable": 0}
    stop = time.monotonic() + secs
    statuses = []   # (t, status) of the prober

    def writer(w):
        rnd = random.Random(w)
        k = 0
        while time.monotonic() < stop:
            k += 1
            try:
                with lock:
                    pick = rnd.choice(ids) if ids and rnd.random() < 0.7 else None
                if pick is None:
                    tgt = f"Перевод {w}-{k}."
                    st, rec = call(addr, "POST", "/api/units", {
                        "source": f"Writer {w} adds sentence {k} about the {rnd.choice(['red', 'blue', 'green'])} house.",
                        "target": tgt, "src_lang": "en", "tgt_lang": "ru", "user": f"w{w}"})
                    if st == 201:
                        with lock:
                            ids.append(rec["id"])
                            acked[rec["id"]] = [(1, tgt)]
                            counts["adds"] += 1
                    elif st == 503:
                        with lock:
                            counts["unavailable"] += 1
                        time.sleep(0.1)
                    else:
                        with lock:
                            counts["errors"] += 1
                    continue
                st, rec = call(addr, "GET", f"/api/units/{pick}")
                if st != 200:
                    with lock:
                        counts["unavailable" if st == 503 else "errors"] += 1
                    time.sleep(0.1 if st == 503 else 0)
                    continue
                tgt = f"Правка {w}-{k} версии {rec['version']}."
                st, new = call(addr, "PUT", f"/api/units/{pick}",
                               {"target": tgt, "version": rec["version"], "user": f"w{w}"})
                with lock:
                    if st == 200:
                        acked[pick].append((new["version"], tgt))
                        counts["edits"] += 1
                    elif st == 409:
                        counts["conflicts"] += 1
                    elif st == 503:
                        counts["unavailable"] += 1
                    else:
                        counts["errors"] += 1
            except (OSError, http.client.HTTPException):
                with lock:
                    counts["errors"] += 1

    def prober():
        t0 = time.monotonic()
        while time.monotonic() < stop:
            try:
                st, _ = call(addr, "GET", "/api/stats")
            except (OSError, http.client.HTTPException):
                st = 0
            statuses.append((time.monotonic() - t0, st))
            time.sleep(0.1)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(n)] + [threading.Thread(target=prober)]
    for t in threads:
        t.start()
    if outage:
        at, end, pgdir = outage
        time.sleep(at)
        subprocess.run(["bash", "tests/pg/pg.sh", "pause", pgdir], check=True)
        time.sleep(end - at)
        subprocess.run(["bash", "tests/pg/pg.sh", "resume", pgdir], check=True)
    for t in threads:
        t.join()
    # Every acknowledged write is there; no version acknowledged twice (a lost update).
    missing = lost = 0
    for uid, writes in acked.items():
        versions = [v for v, _ in writes]
        if len(versions) != len(set(versions)):
            lost += 1
        st, rec = call(addr, "GET", f"/api/units/{uid}")
        last_v, last_t = max(writes)
        if st != 200 or rec["version"] != last_v or rec["tgt"] != last_t:
            missing += 1
    down = [t for t, s in statuses if s == 503]
    other = sum(1 for _, s in statuses if s not in (200, 503))
    after = [t for t, s in statuses if s == 200 and down and t > down[-1]]
    line = (f"RESULT writers={n} seconds={secs} adds={counts['adds']} edits={counts['edits']} "
            f"conflicts_409={counts['conflicts']} errors={counts['errors']} write_503={counts['unavailable']} "
            f"units_checked={len(acked)} missing={missing} lost_updates={lost} "
            f"probe_503={len(down)} probe_other_errors={other}")
    if down:
        line += f" first_503_s={down[0]:.1f} last_503_s={down[-1]:.1f} answering_again_s={after[0] if after else -1:.1f}"
    print(line)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "propagate":
        propagate(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "same":
        same(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "writers":
        outage = (float(sys.argv[5]), float(sys.argv[6]), sys.argv[7]) if len(sys.argv) > 7 else None
        writers(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), outage)
