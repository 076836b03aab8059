#!/usr/bin/env python3
"""Builds varied real text for the splitting benchmark: every document once, never repeated.

    python3 benches/segment_input.py SHARED_DATA SEEDS_DIR OUT_DIR

Writes OUT_DIR/en.txt and OUT_DIR/ru.txt from the texts of the segmentation dev sets
(SHARED_DATA/segmentation/dev/*.jsonl, one item a paragraph), the treebanks' raw sentences
(SHARED_DATA/treebanks/*.conllu, `# text` lines joined into paragraphs at `# newpar` and
`# newdoc`; treebank files whose texts the dev sets already hold are left out) and the seed
documents. Paragraphs are separated by blank lines.
"""
import glob
import json
import os
import sys

data, seeds, out = sys.argv[1:4]
# The dev sets of the segmentation benchmark are made from these treebank files.
IN_DEV = {"en_ewt-ud-dev.conllu", "ru_gsd-ud-dev.conllu", "ru_taiga-ud-dev.conllu"}
paras = {"en": [], "ru": []}

for path in sorted(glob.glob(os.path.join(data, "segmentation/dev/*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        item = json.loads(line)
        paras[item["lang"]].append(item["text"])

for path in sorted(glob.glob(os.path.join(data, "treebanks/*.conllu"))):
    name = os.path.basename(path)
    if name in IN_DEV:
        continue
    lang = name[:2]
    cur = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("# newpar") or line.startswith("# newdoc"):
            if cur:
                paras[lang].append(" ".join(cur))
            cur = []
        elif line.startswith("# text = "):
            cur.append(line[len("# text = "):].strip())
    if cur:
        paras[lang].append(" ".join(cur))

for path in sorted(glob.glob(os.path.join(seeds, "*.txt"))):
    paras["en"].append(open(path, encoding="utf-8").read().strip())

for lang, ps in paras.items():
    text = "\n\n".join(p for p in ps if p.strip()) + "\n"
    with open(os.path.join(out, f"{lang}.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{lang}: {len(ps)} paragraphs, {len(text.encode())/1e6:.2f} MB", file=sys.stderr)
