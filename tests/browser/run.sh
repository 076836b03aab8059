#!/usr/bin/env bash
# Browser checks: the QA report of the seeds in headless Chromium (and, when built, the web
# page of `tm serve`). Needs Debian's chromium and Node.js; installs playwright-core locally.
# Screenshots go to target/browser/.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }
(cd tests/browser && npm ci --no-audit --no-fund --silent)
cargo build --quiet
out=target/browser
mkdir -p "$out"
# The report of the README's first command: every seed document ingested and checked.
rm -f "$out/seeds.db"
target/debug/tm --db "$out/seeds.db" ingest seeds/ --report "$out/seeds.html" >/dev/null
node tests/browser/report.mjs "$out/seeds.html" "$out/report.png"
if [ -f tests/browser/serve.mjs ]; then
  node tests/browser/serve.mjs target/debug/tm "$out"
fi
