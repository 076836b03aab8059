#!/usr/bin/env python3
"""Trains the part-of-speech tagger and morphology of `text::tag` from Universal Dependencies
treebanks (and, for Russian, the OpenCorpora dictionary), and writes the model files that the
binary embeds.

    python3 data/tagger/train.py en ../shared/data/treebanks      # writes data/tagger/en.model
    python3 data/tagger/train.py ru ../shared/data/treebanks      # writes data/tagger/ru.model

Russian needs `pymorphy2` and `pymorphy2-dicts-ru`. Held-out accuracy is printed at the end
(English: EWT dev; Russian: PUD, which training never sees), measured with the written model
(hashed, pruned, integer weights) exactly as the Rust tagger computes it.

The model (`src/text/tag/model.rs` reads it):

- a greedy left-to-right averaged perceptron over the universal POS tags, with the features
  of `features()` below (the Rust tagger builds the very same strings), hashed with 64-bit
  FNV-1a;
- a second perceptron for the morphological features (UD FEATS, one class per bundle), given
  the POS tags of the sentence; only the bundles seen with a POS tag compete for it;
- lemmas: a table of (form, POS) → edit from the training data (and, for Russian, the
  dictionary), and suffix rules (POS, ending → strip, append) for other words;
- Russian only: a lexicon of word forms (the frequent forms of `data/lm/ru_words.tsv` and those
  of the training data) with the POS tags the dictionary allows and a case/number/gender hint,
  used as features.

Weights are averaged, scaled to integers and stored as i16; rare features are dropped.
"""
import collections
import random
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
MAGIC = b"TMTAG2"


def read_conllu(path):
    """Sentences as lists of (form, upos, lemma, feats); multiword ranges and empty nodes
    are skipped (the syntactic words are tagged)."""
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
            cur = []
            continue
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if "-" in f[0] or "." in f[0]:
            continue
        cur.append((f[1], f[3] if f[3] in UPOS else "X", f[2], f[5]))
    if cur:
        sents.append(cur)
    return sents


def norm(w, lang):
    """The key of a word: lower case (and ё → е for Russian)."""
    w = w.lower()
    if lang == "ru":
        w = w.replace("ё", "е")
    return w


def is_digit(c):
    return "0" <= c <= "9"


def shape(w):
    """Runs of upper (X), lower (x), ASCII digits (d) and other chars as themselves; 6 at most."""
    out = []
    for c in w:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if is_digit(c) else c
        if not out or out[-1] != k:
            out.append(k)
            if len(out) == 6:
                break
    return "".join(out)


def word_features(w, l, lex):
    """The features of one word by itself (no context), shared by its neighbours' features."""
    f = ["w=" + l, "s1=" + l[-1:], "s2=" + l[-2:], "s3=" + l[-3:], "s4=" + l[-4:],
         "s5=" + l[-5:], "p1=" + l[:1], "p2=" + l[:2], "p3=" + l[:3], "sh=" + shape(w)]
    if any(is_digit(c) for c in w):
        f.append("num")
    if "-" in w:
        f.append("hyph")
    if w != l:
        f.append("W=" + w)
    if lex is not None:
        e = lex.get(l)
        f.append("lex=" + (e[0] if e else "?"))
        if e and e[1]:
            f.append("lexm=" + e[1])
            for k, part in enumerate(e[1].split("/")):
                f.append("lm" + str(k) + "=" + part)
    return f


def sentence_context(words, lang, lex):
    """Per word: (lower-cased key, lexicon tags or '?')."""
    lows = [norm(w, lang) for w in words]
    tags = []
    for l in lows:
        e = lex.get(l) if lex is not None else None
        tags.append(e[0] if e else "?")
    return lows, tags


def features(words, lows, ltags, i, p1, p2, lex):
    """The feature strings of word i, given the two tags before it (the same in Rust)."""
    w, l = words[i], lows[i]
    f = ["b"] + word_features(w, l, lex)
    f += ["t1=" + p1, "t2=" + p2 + " " + p1, "t1w=" + p1 + " " + l, "t1s=" + p1 + " " + l[-3:]]
    n = len(lows)
    prev = lows[i - 1] if i > 0 else "<s>"
    prev2 = lows[i - 2] if i > 1 else "<s>"
    nxt = lows[i + 1] if i + 1 < n else "</s>"
    nxt2 = lows[i + 2] if i + 2 < n else "</s>"
    f += ["w-1=" + prev, "s-1=" + prev[-3:], "w+1=" + nxt, "s+1=" + nxt[-3:], "w-2=" + prev2,
          "w+2=" + nxt2, "s+2=" + nxt2[-3:], "ww+1=" + l + " " + nxt, "ww-1=" + prev + " " + l]
    if i > 0 and w[:1].isupper():
        f.append("cap")
    if i == 0:
        f.append("first")
    if lex is not None:
        a = ltags[i]
        nl = ltags[i + 1] if i + 1 < n else "</s>"
        pl = ltags[i - 1] if i > 0 else "<s>"
        nl2 = ltags[i + 2] if i + 2 < n else "</s>"
        f += ["lex+1=" + nl, "lex-1=" + pl, "lex+2=" + nl2, "lexc=" + a + " " + nl,
              "lext=" + p1 + " " + a]
    return f


def feat_features(words, lows, ltags, tags, i, lex):
    """Features of word i for its FEATS bundle, given all the POS tags of the sentence."""
    u = tags[i]
    n = len(words)
    base = word_features(words[i], lows[i], lex)
    prev = lows[i - 1] if i > 0 else "<s>"
    nxt = lows[i + 1] if i + 1 < n else "</s>"
    pt = tags[i - 1] if i > 0 else "<s>"
    nt = tags[i + 1] if i + 1 < n else "</s>"
    pt2 = tags[i - 2] if i > 1 else "<s>"
    base += ["w-1=" + prev, "s-1=" + prev[-3:], "w+1=" + nxt, "s+1=" + nxt[-3:], "t-1=" + pt,
             "t+1=" + nt, "t-2=" + pt2, "tw-1=" + pt + " " + prev[-2:],
             "tw+1=" + nt + " " + nxt[-2:]]
    if i > 0 and words[i][:1].isupper():
        base.append("cap")
    if lex is not None:
        for k, j in (("lm-1=", i - 1), ("lm+1=", i + 1)):
            e = lex.get(lows[j]) if 0 <= j < n else None
            base.append(k + (e[1] if e else "?"))
    return ["u=" + u] + ["u|" + u + "|" + x for x in base]


def fnv(s, _cache={}):
    h = _cache.get(s)
    if h is not None:
        return h
    h = 0xcbf29ce484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    if len(_cache) < 5_000_000:
        _cache[s] = h
    return h


class Perceptron:
    def __init__(self, classes):
        self.classes = classes
        self.w = collections.defaultdict(dict)
        self.tot = collections.defaultdict(float)
        self.ts = collections.defaultdict(int)
        self.seen = collections.Counter()
        self.i = 0

    def predict(self, feats, allowed=None):
        scores = collections.defaultdict(float)
        w = self.w
        for f in feats:
            ws = w.get(f)
            if ws:
                for c, v in ws.items():
                    scores[c] += v
        cands = allowed if allowed is not None else range(len(self.classes))
        return max(cands, key=lambda c: (scores[c], -c))

    def update(self, truth, guess, feats):
        self.i += 1
        for f in feats:
            self.seen[f] += 1
        if truth == guess:
            return
        for f in feats:
            ws = self.w[f]
            for c, d in ((truth, 1.0), (guess, -1.0)):
                key = (f, c)
                v = ws.get(c, 0.0)
                self.tot[key] += (self.i - self.ts[key]) * v
                self.ts[key] = self.i
                ws[c] = v + d

    def average(self):
        for f, ws in self.w.items():
            for c, v in list(ws.items()):
                key = (f, c)
                total = self.tot[key] + (self.i - self.ts[key]) * v
                ws[c] = total / self.i
        self.tot = self.ts = None

    def compile(self, min_seen=2, scale=None):
        """Feature hash → [(class, i16 weight)] for features seen at least `min_seen` times;
        weights × `scale` (so that the largest fits), rounded, zeros dropped."""
        if scale is None:
            top = max((abs(v) for ws in self.w.values() for v in ws.values()), default=1.0)
            scale = min(256.0, 32767.0 / max(top, 1e-9))
        out = {}
        for f, ws in self.w.items():
            if self.seen[f] < min_seen:
                continue
            q = [(c, int(round(v * scale))) for c, v in ws.items()]
            q = [(c, max(-32767, min(32767, v))) for c, v in q if v != 0]
            if q:
                out[fnv(f)] = sorted(q)
        return Compiled(self.classes, out)


class Compiled:
    """The integer model as the Rust tagger holds it."""

    def __init__(self, classes, table):
        self.classes = classes
        self.table = table

    def predict(self, feats, allowed=None):
        scores = [0] * len(self.classes)
        t = self.table
        for f in feats:
            row = t.get(fnv(f))
            if row:
                for c, v in row:
                    scores[c] += v
        cands = allowed if allowed is not None else range(len(self.classes))
        best, bs = None, None
        for c in cands:
            if bs is None or scores[c] > bs:
                best, bs = c, scores[c]
        return best


def tag_sentence(model, words, lex, lang):
    lows, ltags = sentence_context(words, lang, lex)
    p1 = p2 = "<s>"
    out = []
    for i in range(len(words)):
        c = model.predict(features(words, lows, ltags, i, p1, p2, lex))
        t = model.classes[c]
        out.append(t)
        p2, p1 = p1, t
    return out


def train_tagger(sents, lex, lang, iters):
    model = Perceptron(UPOS)
    data = [([w for w, *_ in s], [UPOS.index(u) for _, u, *_ in s]) for s in sents]
    rnd = random.Random(1)
    for it in range(iters):
        rnd.shuffle(data)
        ok = n = 0
        for words, tags in data:
            lows, ltags = sentence_context(words, lang, lex)
            p1 = p2 = "<s>"
            for i in range(len(words)):
                f = features(words, lows, ltags, i, p1, p2, lex)
                g = model.predict(f)
                model.update(tags[i], g, f)
                ok += g == tags[i]
                n += 1
                p2, p1 = p1, model.classes[tags[i]]
        print(f"  tagger iteration {it + 1}: {ok / n:.4f} on training", file=sys.stderr)
    model.average()
    return model


def feat_allowed(sents, bundles):
    index = {b: k for k, b in enumerate(bundles)}
    allowed = collections.defaultdict(set)
    for s in sents:
        for _, u, _, ft in s:
            allowed[u].add(index[ft])
    return {u: sorted(v) for u, v in allowed.items()}


def predict_feats(model, allowed, words, lows, ltags, tags, i, lex):
    cands = allowed.get(tags[i])
    if not cands:
        return "_"
    if len(cands) == 1:
        return model.classes[cands[0]]
    return model.classes[model.predict(feat_features(words, lows, ltags, tags, i, lex), cands)]


def train_feats(sents, lex, lang, iters):
    bundles = sorted({ft for s in sents for _, _, _, ft in s})
    index = {b: k for k, b in enumerate(bundles)}
    allowed = feat_allowed(sents, bundles)
    model = Perceptron(bundles)
    data = [([w for w, *_ in s], [u for _, u, *_ in s], [index[ft] for *_, ft in s]) for s in sents]
    rnd = random.Random(2)
    for it in range(iters):
        rnd.shuffle(data)
        for words, ups, fts in data:
            lows, ltags = sentence_context(words, lang, lex)
            for i in range(len(words)):
                cands = allowed[ups[i]]
                if len(cands) < 2:
                    continue
                f = feat_features(words, lows, ltags, ups, i, lex)
                g = model.predict(f, cands)
                model.update(fts[i], g, f)
        print(f"  feats iteration {it + 1}", file=sys.stderr)
    model.average()
    return model, allowed


# Lemmas. An edit (strip, append, keep_case) turns a form into its lemma: drop `strip` chars
# from the end of the key (or, with keep_case, of the form as written), add `append`.

def edit(form, lemma):
    """(strip, append) turning `form` into `lemma`."""
    k = 0
    while k < min(len(form), len(lemma)) and form[k] == lemma[k]:
        k += 1
    return len(form) - k, lemma[k:]


def apply_edit(form, key, strip, app, keep_case):
    base = form if keep_case and len(form) == len(key) else key
    return base[: len(base) - strip] + app


def lemma_fold(s, lang):
    """How lemmas are compared: exactly (Russian: ё = е)."""
    return s.replace("ё", "е").replace("Ё", "Е") if lang == "ru" else s


def lemma_tables(sents, lang, extra=()):
    """(table, rules): (key, POS) → edit for the words the rules get wrong, and
    (POS, ending) → edit."""
    table = collections.defaultdict(collections.Counter)
    rules = collections.defaultdict(collections.Counter)
    for s in sents:
        for w, u, lem, _ in s:
            lw = norm(w, lang)
            lem = lemma_fold(lem, lang)
            lowl = norm(lem, lang)
            keep = lem != lowl
            if keep and len(w) == len(lw):
                e = edit(lemma_fold(w, lang), lem) + (True,)
            else:
                e = edit(lw, lowl) + (False,)
            table[(lw, u)][e] += 3
            for n in range(1, 6):
                if len(lw) > n:
                    rules[(u, lw[-n:])][e] += 3
    for lw, u, ll, n in extra:
        e = edit(lw, ll) + (u == "PROPN",)
        table[(lw, u)][e] += n
        for k in range(1, 6):
            if len(lw) > k:
                rules[(u, lw[-k:])][e] += n
    best_rules = {}
    for k, c in rules.items():
        e, n = c.most_common(1)[0]
        if n >= 6 and n / sum(c.values()) >= 0.5:
            best_rules[k] = e

    def by_rules(lw, u):
        for n in (5, 4, 3, 2, 1):
            if len(lw) > n:
                r = best_rules.get((u, lw[-n:]))
                if r is not None:
                    return r
        return (0, "", u == "PROPN")

    lemmas = {}
    for k, c in table.items():
        e = c.most_common(1)[0][0]
        if by_rules(k[0], k[1]) != e:
            lemmas[k] = e
    return lemmas, best_rules


def lemmatize(form, key, u, lemmas, rules):
    e = lemmas.get((key, u))
    if e is None:
        e = (0, "", u == "PROPN")
        for n in (5, 4, 3, 2, 1):
            if len(key) > n:
                r = rules.get((u, key[-n:]))
                if r is not None:
                    e = r
                    break
    strip, app, keep = e
    if strip > len(key):
        strip = len(key)
    return apply_edit(form, key, strip, app, keep)


# The Russian dictionary.

OC_POS = {"NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB",
          "INFN": "VERB", "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM",
          "ADVB": "ADV", "NPRO": "PRON", "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ",
          "PRCL": "PART", "INTJ": "INTJ"}
OC_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
OC_CASE = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
           "loct": "Loc", "voct": "Voc", "gen2": "Gen", "acc2": "Acc", "loc2": "Loc"}


def oc_upos(tag):
    """The UD POS tags an OpenCorpora analysis stands for."""
    pos = tag.POS
    gs = set(str(tag).replace(" ", ",").split(","))
    if pos in ("ADJF", "ADJS") and "Apro" in gs:
        return ["DET"]
    if pos == "NOUN" and gs & OC_PROPER:
        return ["PROPN"]
    if pos == "CONJ":
        return ["CCONJ", "SCONJ"]
    if pos == "COMP":
        return ["ADJ", "ADV"]
    u = OC_POS.get(pos)
    return [u] if u else []


def russian_lexicon(words):
    """Word → (POS tags the OpenCorpora dictionary allows, `|`-joined; a case, number and
    gender hint), and lemma entries (form, POS, lemma, weight) for the known forms."""
    import inspect
    if not hasattr(inspect, "getargspec"):
        def getargspec(f):
            s = inspect.getfullargspec(f)
            return s.args, s.varargs, s.varkw, s.defaults
        inspect.getargspec = getargspec
    import pymorphy2
    m = pymorphy2.MorphAnalyzer()
    lex, lemmas = {}, []
    for w in words:
        if not m.word_is_known(w):
            continue
        ps = [p for p in m.parse(w) if p.tag.POS and p.is_known]
        if not ps:
            continue
        top = ps[0].score
        tags, cases, nums, anim = set(), set(), set(), set()
        for p in ps:
            us = oc_upos(p.tag)
            if p.normal_form == "быть" and "VERB" in us:
                us = us + ["AUX"]
            if p.score >= 0.05 * top:
                tags.update(us)
                if p.tag.case:
                    cases.add(OC_CASE.get(p.tag.case, "?"))
                if p.tag.number:
                    nums.add(p.tag.number[0])
                if p.tag.animacy:
                    anim.add(p.tag.animacy[0])
        if not tags:
            continue
        t0 = ps[0].tag
        hint = "/".join([",".join(sorted(cases)), "".join(sorted(nums)), (t0.gender or "")[:1],
                         "".join(sorted(anim)), (t0.aspect or "")[:1]])
        lex[w] = ("|".join(sorted(tags)), hint)
        seen = set()
        for p in ps[:4]:
            for u in oc_upos(p.tag):
                if (u, p.normal_form) in seen:
                    continue
                seen.add((u, p.normal_form))
                lemmas.append((w, u, norm(p.normal_form, "ru"), 1))
    return lex, lemmas


# Russian treebank conventions. The three training treebanks disagree on a few closed classes
# and on the feature inventory; training follows GSD's (which are those of the UD Russian
# guidelines): `который` is a pronoun, `другой`, `самый`, `многий`, `иной`, `прочий`,
# `остальной` are adjectives, and only the feature names GSD uses are kept.

RU_PRON = {"который"}
RU_ADJ = {"другой", "самый", "многий", "иной", "прочий", "остальной"}


def harmonize_russian(gsd, others):
    keys = {kv.split("=")[0] for s in gsd for *_, ft in s if ft != "_" for kv in ft.split("|")}

    def fix(tok):
        w, u, lem, ft = tok
        low = lem.lower()
        if u == "DET" and low in RU_PRON:
            u = "PRON"
        elif u == "DET" and low in RU_ADJ:
            u = "ADJ"
        if ft != "_":
            kept = [kv for kv in ft.split("|") if kv.split("=")[0] in keys]
            ft = "|".join(kept) if kept else "_"
        return (w, u, lem, ft)

    return gsd + [[fix(t) for t in s] for s in others]


# The English lexicon: Zipf frequency and what the spelling dictionary says of a form.

def english_lexicon():
    """Lower-cased form → (tags, ""): its Zipf frequency band (`z5`), and for the forms of
    the American Hunspell dictionary, the affix flags of the entry (`=DGS`), the suffix flag
    that made an inflected form (`+D`) and `C` for entries written with a capital."""
    import re
    info = collections.defaultdict(set)
    for line in open(HERE.parent / "lm" / "en_words.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        w, z = line.rstrip("\n").split("\t")
        info[norm(w, "en")].add("z" + str(int(float(z))))
    sfx = collections.defaultdict(list)
    for line in open(HERE.parent / "dict" / "en" / "en_US.aff", encoding="utf-8"):
        p = line.split()
        if len(p) >= 5 and p[0] == "SFX":
            strip = "" if p[2] == "0" else p[2]
            add = "" if p[3] == "0" else p[3].split("/")[0]
            sfx[p[1]].append((strip, add, re.compile("(" + p[4] + ")$")))
    lines = open(HERE.parent / "dict" / "en" / "en_US.dic", encoding="utf-8").read().split("\n")[1:]
    for line in lines:
        if not line.strip():
            continue
        word, _, flags = line.strip().partition("/")
        cap = "C" if word[:1].isupper() else ""
        key = norm(word, "en")
        info[key].add(cap + "=" + "".join(sorted(set(flags))))
        for fl in set(flags):
            for strip, add, cond in sfx.get(fl, []):
                if cond.search(word) and (not strip or word.endswith(strip)):
                    form = word[: len(word) - len(strip)] + add
                    info[norm(form, "en")].add(cap + "+" + fl)
    return {w: ("|".join(sorted(v)), "") for w, v in info.items()}


# The model file.

def write_model(path, lang, tagger, feats, allowed, lemmas, rules, lex):
    buf = bytearray(MAGIC)

    def u8(x):
        buf.extend(struct.pack("<B", x))

    def u16(x):
        buf.extend(struct.pack("<H", x))

    def u32(x):
        buf.extend(struct.pack("<I", x))

    def u64(x):
        buf.extend(struct.pack("<Q", x))

    def s(x):
        b = x.encode("utf-8")
        u16(len(b))
        buf.extend(b)

    def strs(xs):
        u32(len(xs))
        for x in xs:
            s(x)

    def table(t):
        u32(len(t))
        for h in sorted(t):
            u64(h)
            u16(len(t[h]))
            for c, v in t[h]:
                u16(c)
                buf.extend(struct.pack("<h", v))

    s(lang)
    strs(tagger.classes)
    table(tagger.table)
    strs(feats.classes)
    u32(len(allowed))
    for u in sorted(allowed):
        s(u)
        u32(len(allowed[u]))
        for c in allowed[u]:
            u16(c)
    table(feats.table)
    # Lemmas: appended strings interned; table keyed by the hash of "key\tPOS".
    apps = sorted({e[1] for e in lemmas.values()} | {e[1] for e in rules.values()})
    ai = {a: k for k, a in enumerate(apps)}
    strs(apps)
    u32(len(lemmas))
    for h, (st, ap, keep) in sorted((fnv(k + "\t" + u), e) for (k, u), e in lemmas.items()):
        u64(h)
        u8(st)
        u8(int(keep))
        u32(ai[ap])
    u32(len(rules))
    for (u, suf), (st, ap, keep) in sorted(rules.items()):
        s(u)
        s(suf)
        u8(st)
        u8(int(keep))
        u32(ai[ap])
    # Lexicon: (tags, hint) pairs interned; forms keyed by their hash.
    lex = lex or {}
    vals = sorted(set(lex.values()))
    vi = {v: k for k, v in enumerate(vals)}
    u32(len(vals))
    for t, hnt in vals:
        s(t)
        s(hnt)
    u32(len(lex))
    for h, v in sorted((fnv(w), v) for w, v in lex.items()):
        u64(h)
        u32(vi[v])
    open(path, "wb").write(bytes(buf))
    print(f"{path}: {len(buf) / 1e6:.2f} MB", file=sys.stderr)


def evaluate(tagger, featm, allowed, sents, lex, lang, lemmas, rules, dump=None):
    """(UPOS, lemma, FEATS) accuracy over `sents` with gold tokens."""
    ok = n = fok = lok = 0
    conf = collections.Counter()
    out = open(dump, "w", encoding="utf-8") if dump else None
    for s in sents:
        words = [w for w, *_ in s]
        tags = tag_sentence(tagger, words, lex, lang)
        lows, ltags = sentence_context(words, lang, lex)
        for i, (w, u, lem, ft) in enumerate(s):
            n += 1
            ok += tags[i] == u
            if tags[i] != u:
                conf[(u, tags[i])] += 1
            pf = predict_feats(featm, allowed, words, lows, ltags, tags, i, lex)
            fok += pf == ft
            pl = lemmatize(w, lows[i], tags[i], lemmas, rules)
            lok += lemma_fold(pl, lang) == lemma_fold(lem, lang)
            if out:
                out.write(f"{w}\t{tags[i]}\t{pl}\t{pf}\n")
        if out:
            out.write("\n")
    print("  most frequent confusions (gold → tagged):", file=sys.stderr)
    for (g, p), c in conf.most_common(12):
        print(f"    {g} → {p}: {c}", file=sys.stderr)
    return ok / n, lok / n, fok / n, n


def main():
    lang, tb = sys.argv[1], Path(sys.argv[2])
    dump = sys.argv[3] if len(sys.argv) > 3 else None
    if lang == "en":
        train = read_conllu(tb / "en_ewt-ud-train.conllu")
        test = read_conllu(tb / "en_ewt-ud-dev.conllu")
        lex, extra = english_lexicon(), []
        print(f"en: lexicon of {len(lex)} forms", file=sys.stderr)
        iters, fiters = 8, 5
    else:
        others = []
        for f in ["ru_taiga-ud-dev.conllu", "ru_poetry-ud-dev.conllu"]:
            others += read_conllu(tb / f)
        train = harmonize_russian(read_conllu(tb / "ru_gsd-ud-dev.conllu"), others)
        test = read_conllu(tb / "ru_pud-ud-test.conllu")
        words = [line.split("\t")[0] for line in
                 open(HERE.parent / "lm" / "ru_words.tsv", encoding="utf-8")
                 if not line.startswith("#")]
        words = sorted({norm(w, "ru") for w in words} |
                       {norm(w, "ru") for s in train for w, *_ in s})
        lex, extra = russian_lexicon(words)
        print(f"ru: lexicon of {len(lex)} forms, {len(extra)} lemma entries", file=sys.stderr)
        iters, fiters = 12, 8
    print(f"{lang}: {len(train)} training sentences, {len(test)} held out", file=sys.stderr)
    tagger = train_tagger(train, lex, lang, iters).compile()
    featp, allowed = train_feats(train, lex, lang, fiters)
    featm = featp.compile()
    lemmas, rules = lemma_tables(train, lang, extra)
    write_model(HERE / f"{lang}.model", lang, tagger, featm, allowed, lemmas, rules, lex)
    upos, lem, feats, n = evaluate(tagger, featm, allowed, test, lex, lang, lemmas, rules, dump)
    print(f"{lang} held-out ({n} tokens): UPOS {upos:.4f}  lemma {lem:.4f}  FEATS {feats:.4f}")


if __name__ == "__main__":
    main()
