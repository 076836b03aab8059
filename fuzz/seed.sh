#!/usr/bin/env bash
# Builds the starting corpora of the fuzz targets (fuzz/corpus/<target>/) from the test files,
# the seeds and the sample texts. Each input starts with the selector byte its target reads
# (see src/fuzzing.rs). Run once; `cargo fuzz cmin` then keeps the inputs that add coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
C=fuzz/corpus
n=0
put() { # target selector-byte file...
  local t=$1 sel=$2; shift 2
  mkdir -p "$C/$t"
  for f in "$@"; do
    n=$((n + 1))
    { printf "\\x$sel"; cat "$f"; } > "$C/$t/seed_$(printf %03d $n)"
  done
}
putstr() { # target selector-byte string
  mkdir -p "$C/$1"
  n=$((n + 1))
  { printf "\\x$2"; printf '%s' "$3"; } > "$C/$1/seed_$(printf %03d $n)"
}
cat_dir=tests/data/cat
put xml_formats 00 "$cat_dir"/tmx/*.tmx "$cat_dir"/pretranslate/memory.tmx
put xml_formats 01 "$cat_dir"/xliff/*.xlf "$cat_dir"/xliff/*.sdlxliff "$cat_dir"/xliff/*.mqxliff \
  "$cat_dir"/pretranslate/*.xlf
put xml_formats 81 "$cat_dir"/pretranslate/v12.xlf
put xml_formats 02 "$cat_dir"/tbx/*.tbx
srx=$(mktemp)
sed -n '/^    const SRX: &str = r#"/,/^<\/maprules>/p' src/segment/srx.rs | sed '1s/.*r#"//' > "$srx"
echo '</body></srx>' >> "$srx"
put xml_formats 03 "$srx"
rm -f "$srx"
tsvs=$(mktemp -d)
head -40 benches/data/qa/own_enru.tsv > "$tsvs/enru.tsv"
head -40 benches/data/qa/own_ruen.tsv > "$tsvs/ruen.tsv"
put text_formats 00 "$cat_dir"/tbx/glossary.tsv "$tsvs"/*.tsv
put text_formats 01 "$cat_dir"/tbx/glossary.csv
put text_formats 02 "$cat_dir"/xliff/app.po
putstr text_formats 03 $'[checks.length]\nenabled = true\nseverity = "error"\nmax_ratio = 2.5\n[checks.spelling]\nenabled = false\n[ignore]\nwords = ["Foo"]\n[glossary]\n"file" = "файл"\n'
put text_formats 04 benches/data/en_sample.txt benches/data/ru_sample.txt seeds/*.txt
put split 00 benches/data/en_sample.txt seeds/000_99e74025346bd8b7.txt
put split 01 benches/data/ru_sample.txt seeds/003_5fd2c5d08da8b058.txt
put split 02 seeds/*.txt
pair=$(mktemp)
{ cat benches/data/en_sample.txt; printf '\0'; cat benches/data/ru_sample.txt; } > "$pair"
mkdir -p "$C/align"; cp "$pair" "$C/align/seed_pair"
rm -f "$pair"
put qa 00 "$tsvs/enru.tsv"
put qa 41 "$tsvs/ruen.tsv"
put qa 82 "$tsvs/enru.tsv"
putstr lookup 32 'The file was saved'
putstr lookup 00 $'Open the file in 5 seconds.\nThe file was saved.'
putstr lookup 46 'Файл не сохранён'
put import 00 "$cat_dir"/tmx/omegat_alternatives.tmx "$cat_dir"/tmx/trados_statuses.tmx
put import 81 "$cat_dir"/tmx/tmx11_lang.tmx
put import 01 "$tsvs/enru.tsv"
put import 03 "$cat_dir"/tbx/glossary.tsv
rm -rf "$tsvs"
putstr server 00 '/api/lookup?q=The+file+was+saved&min=50'
putstr server 00 '/api/concordance?q=file'
putstr server 00 '/api/stats'
putstr server 00 '/api/export?format=tmx'
putstr server 00 '/?q=file'
putstr server 00 '/qa'
putstr server 00 '/memory'
putstr server 01 $'/api/qa\napplication/json\0{"units":[{"src":"The file","tgt":"Файл"}],"src_lang":"en","tgt_lang":"ru"}'
putstr server 01 $'/api/qa\nmultipart/form-data; boundary=X\0--X\r\nContent-Disposition: form-data; name="file"; filename="a.tsv"\r\n\r\nThe file\tФайл\r\n--X--\r\n'
putstr server 01 $'/api/import\nmultipart/form-data; boundary=X\0--X\r\nContent-Disposition: form-data; name="file"; filename="a.tsv"\r\n\r\nen\tru\nThe file\tФайл\r\n--X--\r\n'
echo "$n seed inputs in $C"
