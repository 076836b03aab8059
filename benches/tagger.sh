#!/usr/bin/env bash
# Accuracy and speed of the POS tagger (`tm tag`) on the held-out treebanks, with their words
# (gold tokens): English on EWT dev, Russian on PUD. The figures must match those printed by
# `data/tagger/train.py` (same features, same integer weights).
#
#   bash benches/tagger.sh [TREEBANKS_DIR]      (default: ../shared/data/treebanks)
#
# The words/s figure is the tagging alone (POS, lemma, FEATS) on one core, release build.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/data/treebanks}
if [ ! -f "$dir/en_ewt-ud-dev.conllu" ] || [ ! -f "$dir/ru_pud-ud-test.conllu" ]; then
  echo "benches/tagger.sh: skipped: the treebanks are not in $dir (see data/tagger/SOURCES.md)"
  exit 0
fi
cargo build --release --quiet
tm=${CARGO_TARGET_DIR:-target}/release/tm
"$tm" tag --lang en --conllu "$dir/en_ewt-ud-dev.conllu"
"$tm" tag --lang ru --conllu "$dir/ru_pud-ud-test.conllu"
