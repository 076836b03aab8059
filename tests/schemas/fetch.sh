#!/usr/bin/env bash
# Fetches the OASIS XLIFF 1.2 (strict) and 2.0 core schemas, with the W3C xml.xsd they import,
# from Debian's php-symfony-translation package (which ships them), into DEST (default
# target/xliff-schemas), their imports pointed at the local xml.xsd. The package is only
# unpacked, never installed. tests/cat_pretranslate.rs validates pretranslated files against
# them with `xmllint --schema` when TM_XLIFF_SCHEMAS names this folder (.ci/run sets it).
#
#   bash tests/schemas/fetch.sh [DEST]
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=${1:-target/xliff-schemas}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
if [ -f "$dest/xliff-core-1.2-strict.xsd" ] && [ -f "$dest/xliff-core-2.0.xsd" ]; then
  echo "$dest"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -qq php-symfony-translation >/dev/null 2>&1) \
  || { apt-get update -qq && (cd "$tmp" && apt-get download -qq php-symfony-translation >/dev/null); }
dpkg-deb -x "$tmp"/php-symfony-translation_*.deb "$tmp/x"
src=$(dirname "$(find "$tmp/x" -name xliff-core-1.2-strict.xsd | head -1)")
cp "$src/xml.xsd" "$dest/xml.xsd"
sed 's#schemaLocation="http://www.w3.org/2001/xml.xsd"#schemaLocation="xml.xsd"#' \
  "$src/xliff-core-1.2-strict.xsd" > "$dest/xliff-core-1.2-strict.xsd"
sed 's#schemaLocation="informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"#schemaLocation="xml.xsd"#' \
  "$src/xliff-core-2.0.xsd" > "$dest/xliff-core-2.0.xsd"
grep -q 'schemaLocation="xml.xsd"' "$dest/xliff-core-1.2-strict.xsd"
grep -q 'schemaLocation="xml.xsd"' "$dest/xliff-core-2.0.xsd"
echo "$dest"
