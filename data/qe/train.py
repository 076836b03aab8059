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
5. The span model (`spans.txt`): boosted trees over every target word's features learn which
   words the post-editors changed (`mt_tags`); among the features, how often words of the
   word's stem (and its neighbours') were changed elsewhere in train (smoothed log-odds,
   cross-fitted; the 4th column of `words.tsv`).

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
# Few, shallow trees: the span model runs once per target word.
SPAN_PARAMS = dict(n_estimators=40, learning_rate=0.25, num_leaves=15, min_child_samples=50,
                   subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=7,
                   verbose=-1)
PARAMS = dict(n_estimators=300, learning_rate=0.04, num_leaves=15, min_child_samples=40,
              subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=7,
              verbose=-1)


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def write_tsv(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        for a, b in pairs:
            f.write(f"{clean(a)}\t{clean(b)}\n")


def features(pairs_path, lexicon_from=None, write_lexicon=None, words=False):
    """Rust's feature rows of a TSV of pairs: (names, rows, predictions); with `words`, one
    row per target word, each starting with (pair index, start, end)."""
    cmd = [str(TM), "quality-features", str(pairs_path), "--src-lang", "ru", "--tgt-lang", "en"]
    if words:
        cmd.append("--words")
    if lexicon_from:
        cmd += ["--lexicon-from", str(lexicon_from)]
    if write_lexicon:
        cmd += ["--write-lexicon", str(write_lexicon)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = out.rstrip("\n").split("\n")
    if words:
        names = lines[0].split("\t")[3:-1]
        ids = sorted({int(l.split("\t")[0]) for l in lines[1:]})
        pos = {i: k for k, i in enumerate(ids)}
        rows = []
        for l in lines[1:]:
            f = l.split("\t")
            rows.append((pos[int(f[0])], int(f[1]), int(f[2]), [float(x) for x in f[3:-1]],
                         float(f[-1])))
        return names, rows
    names = lines[0].split("\t")[1:-1]
    rows = [[float(x) for x in l.split("\t")[1:-1]] for l in lines[1:]]
    preds = [float(l.split("\t")[-1]) for l in lines[1:]]
    return names, rows, preds


def export(booster, names, mean, sd, path, cut=None):
    dump = booster.dump_model()
    out = ["# tm quality score: gradient-boosted regression trees (data/qe/train.py)",
           "# trained on MLQE-PE ru-en train.jsonl (CC0); target: da_z_mean",
           "features " + " ".join(names), "base 0", f"scale {mean!r} {sd!r}"]
    if cut is not None:
        out.append(f"cut {cut!r}")
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


def export_words(m, path, bad=None):
    vec, ridge = m
    out = ["# tm quality score: word prior (data/qe/train.py); token idf weight [changed log-odds]",
           f"intercept\t{float(ridge.intercept_)!r}"]
    for t, i in sorted(vec.vocabulary_.items()):
        line = f"{t}\t{float(vec.idf_[i])!r}\t{float(ridge.coef_[i])!r}"
        if bad and t in bad:
            line += f"\t{bad[t]!r}"
        out.append(line)
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def token_spans(raw, tokens):
    """Char span in `raw` of each MLQE token (tokens are raw's non-space chars, regrouped)."""
    spans, pos = [], 0
    for t in tokens:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        start, k = pos, 0
        while k < len(t) and pos < len(raw):
            if raw[pos].isspace():
                pos += 1
                continue
            pos += 1
            k += 1
        spans.append((start, pos))
    return spans


def word_labels(r, rows):
    """1 for every word row that overlaps a token the post-editor changed."""
    tags = r["mt_tags"].split()[1::2]
    sp = token_spans(r["mt"], r["tok_mt"].split())
    bad = [s for s, t in zip(sp, tags) if t == "BAD"]
    return [int(any(s < e1 and s1 < e for s1, e1 in bad)) for (_, s, e, _, _) in rows]


def word_weight(m, text, start, end):
    vec, ridge = m
    w = text[start:end]
    i = vec.vocabulary_.get("e_" + w.lower()[:5].replace("ё", "е"))
    return float(ridge.coef_[i]) if i is not None else 0.0


# Smoothing of the changed-word rates: a stem seen n times counts as n + BAD_PRIOR words, the
# BAD_PRIOR extra ones at the average rate.
BAD_PRIOR = 5.0


def bad_table(toks, labels, vocab):
    """Per target token of the word model's vocabulary: the smoothed log-odds that a word of
    it was changed by the post-editor, relative to the average word."""
    import math
    p0 = sum(labels) / max(len(labels), 1)
    bad, tot = {}, {}
    for t, l in zip(toks, labels):
        bad[t] = bad.get(t, 0) + l
        tot[t] = tot.get(t, 0) + 1
    base = math.log(p0 / (1 - p0))
    return {t: math.log((bad[t] + BAD_PRIOR * p0) / (tot[t] - bad[t] + BAD_PRIOR * (1 - p0))) - base
            for t in tot if t in vocab}


def set_bad(rows, toks, pairs_of, table, names_w):
    """Fills the columns bad, bad_prev and bad_next of word rows (in text order per pair)."""
    b, bp, bn = (names_w.index(n) for n in ("bad", "bad_prev", "bad_next"))
    vals = [table.get(t, 0.0) for t in toks]
    for n, feats in enumerate(rows):
        feats[b] = vals[n]
        feats[bp] = vals[n - 1] if n > 0 and pairs_of[n - 1] == pairs_of[n] else 0.0
        feats[bn] = vals[n + 1] if n + 1 < len(rows) and pairs_of[n + 1] == pairs_of[n] else 0.0


def mcc(gold, pred):
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum((not g) and p for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    tn = len(gold) - tp - fp - fn
    den = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) ** 0.5
    return (tp * tn - fp * fn) / den if den else 0.0


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
    Xd[:, wp] = word_predict(wm, [(r["src"], r["mt"]) for r in dev])
    # Out-of-fold sentence predictions: an estimate on unseen pairs, and the sentence
    # feature of the span model's training rows.
    oof = np.zeros(len(train))
    fa = np.array(folds)
    for k in range(FOLDS):
        m = lgb.LGBMRegressor(**PARAMS).fit(X[fa != k], ya[fa != k])
        oof[fa == k] = m.predict(X[fa == k])
    print(f"train 5-fold Spearman (unseen pairs): {spearman(oof, y):.4f}")
    for dom in sorted({r["domain"] for r in train}):
        idx = [i for i, r in enumerate(train) if r["domain"] == dom]
        print(f"  {dom}: {spearman(oof[idx], [y[i] for i in idx]):.4f}")
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

    # The span model: which target words the post-editors changed.
    wrows, wlab, wfold, wtok, wpair = [], [], [], [], []
    names_w = None
    stem = lambda w: "e_" + w.lower()[:5].replace("ё", "е")
    vocabs = []
    for k in range(FOLDS):
        idx = [i for i, f in enumerate(folds) if f == k]
        wm_k = word_model([p for p, f in zip(pairs, folds) if f != k], ya[fa != k])
        vocabs.append(wm_k[0].vocabulary_)
        names_w, rows_k = features(tmp / f"fold{k}.tsv", tmp / f"lex{k}.tsv", words=True)
        si, wi = names_w.index("sentence"), names_w.index("weight")
        by_pair = {}
        for row in rows_k:
            by_pair.setdefault(row[0], []).append(row)
        for j, rs in by_pair.items():
            r = train[idx[j]]
            for lab, (_, s0, e0, feats, _) in zip(word_labels(r, rs), rs):
                feats[si] = oof[idx[j]]
                feats[wi] = word_weight(wm_k, r["mt"], s0, e0)
                wrows.append(feats)
                wlab.append(lab)
                wfold.append(k)
                wtok.append(stem(r["mt"][s0:e0]))
                wpair.append(idx[j])
    # How often words of each stem were changed, cross-fitted like the word prior.
    for k in range(FOLDS):
        other = [n for n, f in enumerate(wfold) if f != k]
        table = bad_table([wtok[n] for n in other], [wlab[n] for n in other], vocabs[k])
        mine = [n for n, f in enumerate(wfold) if f == k]
        set_bad([wrows[n] for n in mine], [wtok[n] for n in mine], [wpair[n] for n in mine],
                table, names_w)
    full_bad = bad_table(wtok, wlab, wm[0].vocabulary_)
    export_words(wm, HERE / "words.tsv", full_bad)
    W, L, WF = np.array(wrows), np.array(wlab), np.array(wfold)
    wo = np.zeros(len(L))
    for k in range(FOLDS):
        c = lgb.LGBMClassifier(**SPAN_PARAMS).fit(W[WF != k], L[WF != k])
        wo[WF == k] = c.predict(W[WF == k], raw_score=True)
    cuts = np.quantile(wo, np.linspace(0.5, 0.97, 48))
    best = max(cuts, key=lambda c: mcc(L, wo > c))
    print(f"train 5-fold word MCC (unseen pairs): {mcc(L, wo > best):.4f} at cut {best:.3f}")
    clf = lgb.LGBMClassifier(**SPAN_PARAMS).fit(W, L)
    export(clf.booster_, names_w, 0.0, 1.0, HERE / "spans.txt", cut=float(best))
    # Dev: Rust's rows with the shipped files' sentence predictions and weights.
    _, drows_w = features(tmp / "dev.tsv", words=True)
    si, wi = names_w.index("sentence"), names_w.index("weight")
    dl, dfe, dtok, dpair = [], [], [], []
    by_pair = {}
    for row in drows_w:
        by_pair.setdefault(row[0], []).append(row)
    for j, rs in by_pair.items():
        dl += word_labels(dev[j], rs)
        for (_, s0, e0, feats, _) in rs:
            feats[si] = pd[j]
            feats[wi] = word_weight(wm, dev[j]["mt"], s0, e0)
            dfe.append(feats)
            dtok.append(stem(dev[j]["mt"][s0:e0]))
            dpair.append(j)
    set_bad(dfe, dtok, dpair, full_bad, names_w)
    dp = clf.predict(np.array(dfe), raw_score=True)
    print(f"dev word MCC (LightGBM): {mcc(dl, dp > best):.4f}")
    metrics = {"dev_spearman": round(float(spearman(pd, yd)), 4),
               "dev_word_mcc_words": round(mcc(dl, dp > best), 4),
               "train_cv_spearman": round(float(spearman(oof, y)), 4),
               "train_cv_word_mcc": round(mcc(L, wo > best), 4)}
    for dom in sorted({r["domain"] for r in dev}):
        idx = [i for i, r in enumerate(dev) if r["domain"] == dom]
        metrics[f"dev_spearman_{dom}"] = round(float(spearman(pd[idx], [yd[i] for i in idx])), 4)
    (HERE / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    print(f"wrote lexicon.tsv, words.tsv, model.txt and spans.txt in {HERE}; rebuild, then --check")


if __name__ == "__main__":
    main()
