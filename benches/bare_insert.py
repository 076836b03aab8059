#!/usr/bin/env python3
"""Time SQLite takes to insert the rows of an imported memory into a bare table (no index, no
trigger, no full-text index), in one transaction, with the pragmas of a bulk import.

    python3 benches/bare_insert.py MEMORY.db OUT.db

Prints the seconds (wall) and the row count. The rows are read from MEMORY.db (attached) by
SQLite itself, so the figure is SQLite's insert cost, not Python's.
"""
import os
import sqlite3
import sys
import time

src, out = sys.argv[1], sys.argv[2]
for suffix in ("", "-journal", "-wal", "-shm"):
    if os.path.exists(out + suffix):
        os.remove(out + suffix)
con = sqlite3.connect(out, isolation_level=None)
con.execute("PRAGMA journal_mode=DELETE")
con.execute("PRAGMA synchronous=NORMAL")
con.execute("PRAGMA cache_size=-65536")
con.execute(
    """CREATE TABLE segments(
    id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, src_text TEXT NOT NULL,
    src_hash INTEGER NOT NULL, tgt_lang TEXT, tgt_text TEXT, tgt_hash INTEGER,
    prev_hash INTEGER, tuid TEXT, props TEXT, note TEXT, src_markup TEXT, tgt_markup TEXT,
    origin TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    created_by TEXT)"""
)
con.execute("ATTACH DATABASE ? AS mem", (src,))
# Warm the page cache of the source so that its reading costs little.
con.execute("SELECT sum(length(src_text)) + sum(length(tgt_text)) FROM mem.segments").fetchone()
cols = ("src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash, prev_hash, tuid, props, "
        "note, src_markup, tgt_markup, origin, created_by")
t = time.perf_counter()
con.execute("BEGIN")
con.execute(f"INSERT INTO main.segments({cols}) SELECT {cols} FROM mem.segments ORDER BY id")
con.execute("COMMIT")
secs = time.perf_counter() - t
n = con.execute("SELECT count(*) FROM main.segments").fetchone()[0]
print(f"{secs:.2f} {n}")
