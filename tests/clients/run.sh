#!/usr/bin/env bash
# Real clients, both ways: translate-toolkit (from PyPI, in a virtualenv made here under
# target/) and OmegaT (Debian's omegat, console mode) read what tm writes, and tm reads what
# they write. Outside CI a missing client is skipped with a message; under CI=true it fails.
# Prints `clients: N passed, N failed`; exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tm="${TM:-$root/target/debug/tm}"
[ -x "$tm" ] || cargo build --quiet || exit 1
data="$root/tests/data/cat"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; [ -f "$work/log" ] && sed 's/^/  /' "$work/log" | tail -20; }
missing() {
  if [ "${CI:-}" = true ]; then fail "$1 (needed under CI)"; else echo "skipped: $1"; fi
}
# check NAME COMMAND…: one test, its output in $work/log.
check() {
  local name=$1
  shift
  if "$@" >"$work/log" 2>&1; then ok "$name"; else fail "$name"; fi
}
# A fresh memory for each check.
mem() { rm -f "$work/m.db"*; echo "$work/m.db"; }
# Pairs of a file as tm reads them, sorted (`source TAB target`, language row left out).
tm_pairs() { local db; db=$(mem); "$tm" --db "$db" import "$@" >/dev/null 2>&1 && "$tm" --db "$db" export --format tsv | tail -n +2 | sort; }

# ---- translate-toolkit ----
venv="$root/target/clients-venv"
if [ ! -x "$venv/bin/po2tmx" ]; then
  python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install -q translate-toolkit >/dev/null 2>&1
fi
if [ -x "$venv/bin/po2tmx" ]; then
  po="$data/xliff/app.po"
  t_po2tmx() {
    "$venv/bin/po2tmx" -l ru "$po" "$work/app.tmx" &&
      tm_pairs "$work/app.tmx" >"$work/got" &&
      printf '%s\n' "%d file was deleted	%d файл удалён" "%d files were deleted	%d файла удалены" \
        "%d files were deleted	%d файлов удалены" "Open the file	Откройте файл" | sort >"$work/want" &&
      diff "$work/want" "$work/got"
  }
  check "tm reads po2tmx's TMX" t_po2tmx
  t_po2xliff() {
    "$venv/bin/po2xliff" "$po" "$work/app.xlf" &&
      [ "$(tm_pairs "$work/app.xlf" | wc -l)" = 5 ] &&
      [ "$(tm_pairs "$work/app.xlf" --only-confirmed | wc -l)" = 4 ] &&
      ! tm_pairs "$work/app.xlf" | grep -q Project-Id-Version
  }
  check "tm reads po2xliff's XLIFF (header skipped, plurals, fuzzy not confirmed)" t_po2xliff
  t_csv2tbx() {
    printf '"source","target"\n"valve","клапан"\n"pressure gauge","манометр"\n' >"$work/g.csv" &&
      "$venv/bin/csv2tbx" "$work/g.csv" "$work/g.tbx" &&
      "$tm" terms gauges --glossary "$work/g.tbx" | grep -q "манометр"
  }
  check "tm terms reads csv2tbx's TBX" t_csv2tbx
  t_read_tmx() {
    local db
    db=$(mem)
    "$tm" --db "$db" import "$data/tmx/four_languages_utf16le_bom.tmx" &&
      "$tm" --db "$db" import "$data/pretranslate/memory.tmx" &&
      "$tm" --db "$db" export --src-lang en --tgt-lang ru -o "$work/out.tmx" &&
      # translate-toolkit shows an inline code as the native code it holds (memory.tmx: `g`).
      "$tm" --db "$db" export --format tsv --src-lang en --tgt-lang ru | tail -n +2 |
      sed 's|{1}|<g id="1">|g; s|{/1}|</g>|g' | sort >"$work/want" &&
      "$venv/bin/python" tests/clients/ttk_pairs.py "$work/out.tmx" | sort >"$work/got" &&
      diff "$work/want" "$work/got"
  }
  check "translate-toolkit reads tm's TMX with the same pairs" t_read_tmx
  t_read_xliff() {
    local db
    db=$(mem)
    "$tm" --db "$db" import "$data/pretranslate/memory.tmx" &&
      "$tm" --db "$db" pretranslate "$data/pretranslate/v12.xlf" -o "$work/out.xlf" &&
      "$venv/bin/python" tests/clients/ttk_pairs.py "$work/out.xlf" | sort >"$work/got" &&
      sort tests/clients/pretranslated_v12.tsv >"$work/want" &&
      diff "$work/want" "$work/got"
  }
  check "translate-toolkit reads tm's pretranslated XLIFF" t_read_xliff
else
  missing "translate-toolkit (python3 -m venv and pip install translate-toolkit failed)"
fi

# ---- OmegaT ----
if command -v omegat >/dev/null 2>&1; then
  t_omegat() {
    local db project="$work/omegat"
    db=$(mem)
    cp -r tests/clients/omegat "$project" &&
      mkdir -p "$project/tm/auto" "$project/target" "$project/glossary" "$project/dictionary" "$project/omegat" &&
      "$tm" --db "$db" import "$data/pretranslate/memory.tmx" &&
      "$tm" --db "$db" export -o "$project/tm/auto/tm.tmx" &&
      timeout 300 omegat --mode=console-translate "$project" &&
      diff tests/clients/omegat_manual.ru.txt "$project/target/manual.txt" &&
      for f in "$project"/omegat-omegat.tmx "$project"/omegat-level1.tmx "$project"/omegat-level2.tmx; do
        tm_pairs "$f" >"$work/got" && [ "$(wc -l <"$work/got")" = 3 ] &&
          grep -q "The valve is closed.	Клапан закрыт." "$work/got" || return 1
        db=$(mem)
        "$tm" --db "$db" import "$f" 2>/dev/null &&
          "$tm" --db "$db" export --format tsv | head -1 | grep -qx "en-US	ru" || return 1
      done
  }
  check "OmegaT translates with tm's TMX in tm/auto, tm imports the TMX files OmegaT writes" t_omegat
else
  missing "OmegaT (apt-get install omegat)"
fi

echo "clients: $passed passed, $failed failed"
[ "$failed" = 0 ]
