#!/usr/bin/env bash
# QA accuracy on the development sets and QA throughput.
#
#   bash benches/qa.sh [score|speed|all|clean] [SEGMENTS]   (defaults: all, 100000)
#
# clean: false findings on clean real translations (the MLQE-PE ru-en post-edits), by check
#        (not part of `all`; skipped with a message when ../shared is absent).
# score: runs `tm qa --format jsonl` on every set in ../shared/data/qa/dev and on the
#        project's own pairs in benches/data/qa (and the hold-out pairs in its holdout/), and prints the scorer's summary lines (skipped
#        with a message when ../shared is absent: the scorer lives there), then the
#        time per spelling suggestion for the words those reports flag (benches/suggest.rs).
# speed: checks SEGMENTS English→Russian units (the TM benchmark generator's TMX when
#        ../shared/bench is there, else a TSV of benches/data samples with a running number in
#        every row), 3 times, and prints the median segments/s after loading (the load time is
#        that of a one-pair run with --scores), the load time and the peak memory; then the
#        same with --scores (the quality score and its spans, the fluency ranking).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
n=${2:-100000}
cargo build --release --quiet
tm=target/release/tm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shared=../shared

if [ "$what" = score ] || [ "$what" = all ]; then
  if [ ! -d "$shared/data/qa/dev" ]; then
    echo "skip: $shared/data/qa/dev is absent (the scoring sets are not part of the repository)"
  else
    for set in spell_en spell_ru mqm_enru mqm_zhen handmade_ruen handmade_enru tags own_ruen own_enru hold_ruen hold_enru; do
      d=$shared/data/qa/dev
      # The project's own pairs live in the repository (the hold-out pairs in a folder of
      # their own: see benches/data/qa/holdout/SOURCES.md).
      [ -f "$d/$set.tsv" ] || d=benches/data/qa
      [ -f "$d/$set.tsv" ] || d=benches/data/qa/holdout
      langs=$(head -1 "$d/$set.segments.jsonl" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(r["src_lang"], r["tgt_lang"])')
      set -- $langs
      # Findings as a QA run reports them (without --scores: its `awkward` spans are a
      # ranking aid, scored with the quality score below).
      "$tm" qa "$d/$set.tsv" --src-lang "$1" --tgt-lang "$2" --format jsonl > "$tmp/$set.jsonl" || true
      echo "== $set"
      python3 "$shared/bench/qa/score.py" "$d/$set.gold.jsonl" "$tmp/$set.jsonl" | grep -E "^(spelling|punctuation|MICRO|ANY|clean|untranslated|number|accuracy|whitespace|grammar|awkward|capitalization|duplication|tags|other|unmapped)"
      if [ "$set" = mqm_zhen ]; then
        "$tm" qa "$d/$set.tsv" --src-lang "$1" --tgt-lang "$2" --format jsonl --scores > "$tmp/$set.scores.jsonl" || true
        python3 "$shared/bench/qa/auc.py" "$d/$set.segments.jsonl" "$d/$set.tsv" "$tmp/$set.scores.jsonl"
      fi
    done
    # The quality score against people (MLQE-PE ru-en dev): Spearman, word-level MCC.
    m=$shared/data/qa/dev/mlqe_ruen
    if [ -f "$m/dev.tsv" ]; then
      "$tm" qa "$m/dev.tsv" --src-lang ru --tgt-lang en --format jsonl --scores > "$tmp/mlqe.jsonl" || true
      echo "== mlqe_ruen (quality score)"
      python3 "$shared/bench/qa/qe_score.py" "$m/dev.jsonl" "$tmp/mlqe.jsonl"
    fi
    # Time per suggestion, for the words these reports flag.
    cargo bench --quiet --bench suggest -- "$tmp"/spell_en.jsonl "$tmp"/spell_ru.jsonl "$tmp"/mqm_enru.jsonl 2>/dev/null | grep '^suggest:'
  fi
fi

if [ "$what" = speed ] || [ "$what" = all ]; then
  # Input: N real and synthetic EN→RU units from the TM benchmark generator when ../shared is
  # there (software messages, 1/3 real pairs), else rows built from benches/data samples.
  if [ -f "$shared/bench/tm/make_tm.py" ]; then
    python3 -c "import rapidfuzz" 2>/dev/null || pip install -q rapidfuzz >/dev/null 2>&1
    python3 "$shared/bench/tm/make_tm.py" --n "$n" --out "$tmp" >/dev/null
    input=$tmp/tm_$n.tmx
  else
    echo "note: $shared/bench/tm/make_tm.py is absent; using rows built from benches/data"
    python3 - "$n" "$tmp/big.tsv" <<'PY2'
import sys, re
n, out = int(sys.argv[1]), sys.argv[2]
def sents(p):
    t = open(p, encoding="utf-8").read()
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", t) if 20 < len(s.strip()) < 400]
en, ru = sents("benches/data/en_sample.txt"), sents("benches/data/ru_sample.txt")
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(f"{en[i % len(en)]} ({i})\t{ru[(i * 7) % len(ru)]} ({i})\n")
PY2
    input=$tmp/big.tsv
  fi
  # Load time: one pair with misspellings in both languages and a British spelling, so that
  # every dictionary, frequency list and suggestion index is loaded.
  printf 'The colour of teh sky is realy blue.\tЦвет нееба очень синий.\n' > "$tmp/one.tsv"
  one=$tmp/one.tsv
  times=(); stimes=(); loads=(); rss=()
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$tmp/t1" "$tm" qa "$one" --src-lang en --tgt-lang ru --format jsonl --scores > /dev/null || true
    loads+=("$(cut -d' ' -f1 "$tmp/t1")")
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$tm" qa "$input" --src-lang en --tgt-lang ru --format jsonl > "$tmp/out.jsonl" || true
    times+=("$(cut -d' ' -f1 "$tmp/t")"); rss+=("$(cut -d' ' -f2 "$tmp/t")")
    /usr/bin/time -f "%e %M" -o "$tmp/ts" "$tm" qa "$input" --src-lang en --tgt-lang ru --format jsonl --scores > /dev/null || true
    stimes+=("$(cut -d' ' -f1 "$tmp/ts")"); rss+=("$(cut -d' ' -f2 "$tmp/ts")")
  done
  python3 - "$n" "${times[*]}" "${loads[*]}" "${rss[*]}" "$(wc -l < "$tmp/out.jsonl")" "${stimes[*]}" <<'PY2'
import sys, statistics as st
n = int(sys.argv[1]); t = st.median(map(float, sys.argv[2].split())); l = st.median(map(float, sys.argv[3].split()))
m = max(map(int, sys.argv[4].split())) / 1024
s = st.median(map(float, sys.argv[6].split()))
print(f"qa speed: {n} segments, total {t:.2f} s, load {l:.2f} s (all dictionaries, indexes, tagger and quality models), {n / max(t - l, 1e-9):,.0f} segments/s after loading, {n / t:,.0f} segments/s overall, peak {m:.0f} MB, {sys.argv[5]} findings")
print(f"qa speed with --scores (quality score, spans, fluency): total {s:.2f} s, {n / max(s - l, 1e-9):,.0f} segments/s after loading")
PY2
fi

if [ "$what" = clean ]; then
  # False findings on clean real translations: the post-edited translations of MLQE-PE ru–en
  # (dev and train, with their Russian sources; the tokenizer's spaces before punctuation and
  # in `don 't` undone), checked as a QA run checks them. Prints, per split, how many pairs
  # have a target finding and the target findings by check: each is a false finding or an
  # error the post-editor left.
  m=$shared/data/qa/dev/mlqe_ruen
  if [ ! -f "$m/train.jsonl" ]; then
    echo "skip: $m is absent (the post-edits are not part of the repository)"
  else
    for split in dev train; do
      python3 - "$m/$split.jsonl" "$tmp/pe_$split.tsv" <<'PY2'
import json, re, sys
def detok(s):
    s = re.sub(r" ([.,!?:;%)\]])", r"\1", s)
    s = re.sub(r"([(\[]) ", r"\1", s)
    s = re.sub(r"n 't\b", "n't", s)
    s = re.sub(r" '(s|re|ve|ll|d|m|t)\b", r"'\1", s)
    return s.replace(" @-@ ", "-").replace("&apos;", "'").replace("&quot;", '"').replace("&amp;", "&")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        src = " ".join(r["src"].replace("\t", " ").split())
        f.write(f"{src}\t{detok(' '.join(r['tok_pe'].split()))}\n")
PY2
      "$tm" qa "$tmp/pe_$split.tsv" --src-lang ru --tgt-lang en --format jsonl > "$tmp/pe_$split.jsonl" || true
      python3 - "$split" "$tmp/pe_$split.tsv" "$tmp/pe_$split.jsonl" <<'PY2'
import collections, json, sys
split, tsv, out = sys.argv[1:4]
pairs = sum(1 for _ in open(tsv, encoding="utf-8"))
by_check, flagged = collections.Counter(), set()
for line in open(out, encoding="utf-8"):
    p = json.loads(line)
    if p.get("side", "tgt") == "tgt" and p["check"] not in ("quality_score", "fluency_score", "awkward"):
        by_check[p["check"]] += 1
        flagged.add(p["segment"])
print(f"clean {split}: {len(flagged)} of {pairs} pairs with a target finding; " + ", ".join(f"{c} {n}" for c, n in by_check.most_common()))
PY2
    done
  fi
fi
