#!/usr/bin/env python3
"""Builds `data/tagger/ru_forms.tsv`: for the frequent Russian word forms of
`data/lm/ru_words.tsv`, every (case, number, gender) their nominal readings (noun, adjective,
participle, pronoun) can have, from the OpenCorpora dictionary (CC BY-SA 3.0) as compiled in
the `pymorphy2-dicts-ru` package.

    pip install pymorphy2 pymorphy2-dicts-ru
    python3 data/tagger/build_ru_forms.py

Line format: `form<TAB>mask` (hexadecimal). Bit `case * 6 + number * 3 + gender`, with case
Nom Gen Dat Acc Ins Loc = 0..5, number Sing Plur = 0, 1, gender Masc Fem Neut = 0..2 (plural
readings set all three genders: the plural does not tell gender). The grammar checks use it
to report a disagreement only when no reading of the words would agree.
"""
import inspect
from pathlib import Path

if not hasattr(inspect, "getargspec"):  # pymorphy2 on Python ≥ 3.11
    inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]
import pymorphy2

HERE = Path(__file__).resolve().parent
CASES = {"nomn": 0, "gent": 1, "gen2": 1, "datv": 2, "accs": 3, "acc2": 3, "ablt": 4,
         "loct": 5, "loc2": 5}
NOMINAL = {"NOUN", "ADJF", "PRTF", "NPRO"}


def mask(parses):
    m = 0
    for p in parses:
        t = p.tag
        if t.POS not in NOMINAL:
            continue
        cases = [CASES[t.case]] if t.case in CASES else []
        if "Fixd" in t:
            cases = list(range(6))
        numbers = [0 if t.number == "sing" else 1] if t.number else [0, 1]
        if t.gender == "masc":
            genders = [0]
        elif t.gender == "femn":
            genders = [1]
        elif t.gender == "neut":
            genders = [2]
        else:
            genders = [0, 1, 2]  # common gender (ms-f) or none given
        for c in cases:
            for n in numbers:
                for g in ([0, 1, 2] if n == 1 else genders):
                    m |= 1 << (c * 6 + n * 3 + g)
    return m


def main():
    morph = pymorphy2.MorphAnalyzer()
    words = [l.split("\t")[0] for l in open(HERE.parent / "lm" / "ru_words.tsv", encoding="utf-8")
             if not l.startswith("#")]
    out = ["# form\tmask of (case, number, gender) readings; see build_ru_forms.py"]
    for w in words:
        m = mask(morph.parse(w))
        if m:
            out.append(f"{w}\t{m:x}")
    (HERE / "ru_forms.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out) - 1} forms")


if __name__ == "__main__":
    main()
