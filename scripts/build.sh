#!/usr/bin/env bash
# Builds the release web app into dist/ (Trunk, offline, wasm-opt -Oz), versions the worker's
# file names, seals its Content-Security-Policy, prerenders the example report, writes the offline service worker, and makes the single-file version
# dist-single/dtk-calculator.html. Installs missing tools first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh "${SETUP_LEVEL:-serve}"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
start=$SECONDS
trunk build --release --offline --quiet "$@"
# The worker's files by a content-hashed name, started from a blob: URL (scripts/worker.mjs).
node scripts/worker.mjs dist
node scripts/csp.mjs dist/index.html
# The example report as HTML in index.html: a first visit sees it before the wasm has loaded.
node scripts/prerender.mjs dist
node scripts/sw.mjs dist
# The same app as one HTML file that works from disk (file://): dist-single/dtk-calculator.html.
node scripts/single.mjs dist dist-single
echo "[build] dist/ built in $((SECONDS - start)) s" >&2
