#!/usr/bin/env bash
# Builds the release web app into dist/ (Trunk, offline, wasm-opt -Oz) and seals its
# Content-Security-Policy. Installs missing tools first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh "${SETUP_LEVEL:-serve}"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
start=$SECONDS
trunk build --release --offline --quiet "$@"
node scripts/csp.mjs dist/index.html
node scripts/sw.mjs dist
echo "[build] dist/ built in $((SECONDS - start)) s" >&2
