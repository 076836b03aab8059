#!/usr/bin/env python3
"""Independent check of the written files: offsets, consistency, counts."""
import json, collections, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
CATS = set("spelling grammar punctuation whitespace capitalization untranslated awkward duplication number accuracy".split())
ok = True
for name in ("hold_ruen", "hold_enru"):
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(HERE, name + ".tsv"), encoding="utf-8")]
    assert all(len(r) == 2 for r in rows)
    gold = [json.loads(l) for l in open(os.path.join(HERE, name + ".gold.jsonl"), encoding="utf-8")]
    segs = [json.loads(l) for l in open(os.path.join(HERE, name + ".segments.jsonl"), encoding="utf-8")]
    assert [s["segment"] for s in segs] == list(range(len(rows)))
    by_seg = collections.defaultdict(list)
    for g in gold:
        by_seg[g["segment"]].append(g)
        assert g["set"] == name and g["side"] == "tgt" and g["severity"] == "major" and g["rater"] == "holdout"
        assert g["category"] in CATS, g
        tgt = rows[g["segment"]][1]
        assert 0 <= g["start"] < g["end"] <= len(tgt)
    for s in segs:
        gs = by_seg.get(s["segment"], [])
        assert len(gs) <= 1
        assert s["clean"] == (not gs)
        assert s["categories"] == [g["category"] for g in gs]
        assert s["orig_categories"] == [g["orig_category"] for g in gs]
        assert s["scored_sides"] == ["src", "tgt"] and s["set"] == name
    kinds = collections.Counter(g["orig_category"] for g in gold)
    cats = collections.Counter(g["category"] for g in gold)
    nclean = sum(s["clean"] for s in segs)
    print(f"== {name}: {len(rows)} pairs, {nclean} clean, {len(gold)} with one error")
    print("  by category:", dict(sorted(cats.items())))
    print("  by kind:", dict(sorted(kinds.items())))
    lens = [len(r[1].split()) for r in rows]
    print("  tgt words min/max:", min(lens), max(lens))
    if "-v" in sys.argv:
        for g in gold:
            tgt = rows[g["segment"]][1]
            print(f"  [{g['segment']:2}] {g['orig_category']:22} |{tgt[g['start']:g['end']]}|  <- {tgt}")
