#!/usr/bin/env bash
# Builds the release web app into dist/ (Trunk, offline, wasm-opt -Oz), seals its
# Content-Security-Policy, writes the offline service worker, and makes the single-file version
# dist-single/dtk-calculator.html. Installs missing tools first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh "${SETUP_LEVEL:-serve}"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
start=$SECONDS
trunk build --release --offline --quiet "$@"
node scripts/csp.mjs dist/index.html
node scripts/sw.mjs dist
# The same app as one HTML file that works from disk (file://): dist-single/dtk-calculator.html.
node scripts/single.mjs dist dist-single
echo "[build] dist/ built in $((SECONDS - start)) s" >&2
