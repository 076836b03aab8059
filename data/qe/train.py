#!/usr/bin/env python3
"""Trains the quality score of `tm qa --scores` (`src/qa/quality/`): the bilingual lexical
model `data/qe/lexicon.tsv` and the forest of regression trees `data/qe/model.txt`.

    pip install lightgbm numpy scipy
    cargo build --release
    python3 data/qe/train.py ../shared/data/qa/dev/mlqe_ruen     # writes both files
    cargo build --release                                        # embeds them
    python3 data/qe/train.py ../shared/data/qa/dev/mlqe_ruen --check

Training data: `train.jsonl` of MLQE-PE Russian–English (CC0): Russian sources, their machine
translations, the post-edited translations and the human direct-assessment scores.

1. The lexical model (IBM model 1 both ways, by `tm`'s own trainer) is learnt from the
   sources and their post-edits.
2. The features of every training pair are computed by `tm` itself (the hidden
   `tm quality-features` command), with a lexical model trained on the other four fifths
   of the data (cross-fitting): features of a pair the lexicon was trained on would look
   better than those of any new pair.
3. A linear model over the stems of both sides (TF-IDF, ridge regression; `words.tsv`),
   also cross-fitted, gives the feature `word_prior`.
4. Gradient-boosted trees (LightGBM) learn the standardised human score (`da_z_mean`) from
   them; the trees are written in the text form `src/qa/quality/trees.rs` reads.

The dev split is never trained on; `--check` prints its Spearman correlation with the
shipped files through `tm qa --scores`, and the parity of Rust's and LightGBM's predictions.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TM = ROOT / "target" / "release" / "tm"
FOLDS = 5
PARAMS = dict(n_estimators=600, learning_rate=0.02, num_leaves=15, min_child_samples=40,
              subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=7,
              verbose=-1)


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def write_tsv(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        for a, b in pairs:
            f.write(f"{clean(a)}\t{clean(b)}\n")


def features(pairs_path, lexicon_from=None, write_lexicon=None):
    cmd = [str(TM), "quality-features", str(pairs_path), "--src-lang", "ru", "--tgt-lang", "en"]
    if lexicon_from:
        cmd += ["--lexicon-from", str(lexicon_from)]
    if write_lexicon:
        cmd += ["--write-lexicon", str(write_lexicon)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = out.rstrip("\n").split("\n")
    names = lines[0].split("\t")[1:-1]
    rows = [[float(x) for x in l.split("\t")[1:-1]] for l in lines[1:]]
    preds = [float(l.split("\t")[-1]) for l in lines[1:]]
    return names, rows, preds


def export(booster, names, mean, sd, path):
    dump = booster.dump_model()
    out = ["# tm quality score: gradient-boosted regression trees (data/qe/train.py)",
           "# trained on MLQE-PE ru-en train.jsonl (CC0); target: da_z_mean",
           "features " + " ".join(names), "base 0", f"scale {mean!r} {sd!r}"]
    for t in dump["tree_info"]:
        nodes, leaves = [], []

        def walk(n):
            if "leaf_index" in n or "split_index" not in n:
                leaves.append(n.get("leaf_value", 0.0))
                return -len(leaves)
            i = len(nodes)
            nodes.append(None)
            if n.get("decision_type", "<=") != "<=":
                sys.exit("unexpected split type " + n["decision_type"])
            left = walk(n["left_child"])
            right = walk(n["right_child"])
            nodes[i] = (n["split_feature"], n["threshold"], left, right)
            return i

        walk(t["tree_structure"])
        out.append("tree")
        for f, thr, l, r in nodes:
            out.append(f"n {f} {thr!r} {l} {r}")
        out.append("l " + " ".join(repr(v) for v in leaves))
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def letter_runs(s):
    out, cur = [], []
    for c in s:
        if c.isalpha():
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def tokens(src, tgt):
    """The tokens of `words.tsv` (as `src/qa/quality/words.rs` forms them)."""
    st = lambda w: w.lower()[:5].replace("ё", "е")
    return ["r_" + st(w) for w in letter_runs(src)] + ["e_" + st(w) for w in letter_runs(tgt)]


def word_model(pairs, y):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge
    vec = TfidfVectorizer(analyzer=lambda d: d, min_df=2, sublinear_tf=True)
    X = vec.fit_transform([tokens(a, b) for a, b in pairs])
    return vec, Ridge(alpha=3.0).fit(X, y)


def word_predict(m, pairs):
    vec, ridge = m
    return ridge.predict(vec.transform([tokens(a, b) for a, b in pairs]))


def export_words(m, path):
    vec, ridge = m
    out = ["# tm quality score: word prior (data/qe/train.py); token idf weight",
           f"intercept\t{float(ridge.intercept_)!r}"]
    for t, i in sorted(vec.vocabulary_.items()):
        out.append(f"{t}\t{float(vec.idf_[i])!r}\t{float(ridge.coef_[i])!r}")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def spearman(a, b):
    from scipy.stats import spearmanr
    return spearmanr(a, b).correlation


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data", help="folder with train.jsonl and dev.jsonl (MLQE-PE ru-en)")
    ap.add_argument("--check", action="store_true", help="only measure the shipped files on dev")
    a = ap.parse_args()
    data = Path(a.data)
    if not TM.exists():
        sys.exit(f"{TM} is missing: run cargo build --release first")
    train = [json.loads(l) for l in open(data / "train.jsonl", encoding="utf-8")]
    dev = [json.loads(l) for l in open(data / "dev.jsonl", encoding="utf-8")]
    tmp = Path(tempfile.mkdtemp(prefix="tm-qe-"))
    write_tsv(tmp / "dev.tsv", [(r["src"], r["mt"]) for r in dev])
    yd = [r["da_z_mean"] for r in dev]

    if a.check:
        _, _, preds = features(tmp / "dev.tsv")
        print(f"dev Spearman (Rust, shipped files): {spearman(preds, yd):.4f}")
        for dom in sorted({r["domain"] for r in dev}):
            idx = [i for i, r in enumerate(dev) if r["domain"] == dom]
            print(f"  {dom}: {spearman([preds[i] for i in idx], [yd[i] for i in idx]):.4f}")
        return

    import lightgbm as lgb
    import numpy as np
    folds = [i % FOLDS for i in range(len(train))]
    names, rows, y = None, [None] * len(train), [r["da_z_mean"] for r in train]
    for k in range(FOLDS):
        write_tsv(tmp / f"lex{k}.tsv", [(r["src"], r["tok_pe"]) for r, f in zip(train, folds) if f != k])
        idx = [i for i, f in enumerate(folds) if f == k]
        write_tsv(tmp / f"fold{k}.tsv", [(train[i]["src"], train[i]["mt"]) for i in idx])
        names, fr, _ = features(tmp / f"fold{k}.tsv", tmp / f"lex{k}.tsv")
        for i, row in zip(idx, fr):
            rows[i] = row
        print(f"fold {k}: {len(fr)} rows", file=sys.stderr)
    write_tsv(tmp / "lex.tsv", [(r["src"], r["tok_pe"]) for r in train])
    _, dev_rows, _ = features(tmp / "dev.tsv", tmp / "lex.tsv", HERE / "lexicon.tsv")
    X, Xd = np.array(rows), np.array(dev_rows)
    # The word prior, cross-fitted like the lexicon.
    wp = names.index("word_prior")
    pairs = [(r["src"], r["mt"]) for r in train]
    ya = np.array(y)
    for k in range(FOLDS):
        m = word_model([p for p, f in zip(pairs, folds) if f != k], ya[np.array(folds) != k])
        idx = [i for i, f in enumerate(folds) if f == k]
        X[idx, wp] = word_predict(m, [pairs[i] for i in idx])
    wm = word_model(pairs, ya)
    export_words(wm, HERE / "words.tsv")
    Xd[:, wp] = word_predict(wm, [(r["src"], r["mt"]) for r in dev])
    model = lgb.LGBMRegressor(**PARAMS).fit(X, np.array(y))
    pd = model.predict(Xd)
    print(f"dev Spearman (LightGBM): {spearman(pd, yd):.4f}")
    for dom in sorted({r["domain"] for r in dev}):
        idx = [i for i, r in enumerate(dev) if r["domain"] == dom]
        print(f"  {dom}: {spearman(pd[idx], [yd[i] for i in idx]):.4f}")
    imp = sorted(zip(model.booster_.feature_importance("gain"), names), reverse=True)
    print("gain:", ", ".join(f"{n} {g:.0f}" for g, n in imp[:15]), file=sys.stderr)
    export(model.booster_, names, float(np.mean(y)), float(np.std(y)), HERE / "model.txt")
    np.savetxt(HERE.parent.parent / "target" / "qe-dev-predictions.txt", pd)
    print(f"wrote lexicon.tsv, words.tsv and model.txt in {HERE}; rebuild, then --check")


if __name__ == "__main__":
    main()
