#!/usr/bin/env bash
# The carrier of the largest page ↔ worker message (`FromWorker::Overview` of the national
# file), both ways, in headless Chromium (issue 10, item 3; docs/performance.md, src/core/wire.rs):
# (a) JSON bytes in a transferred ArrayBuffer — what the app does — against (b) a JS value made
# by serde-wasm-bindgen and structured-cloned by postMessage. Prints the median of each step and
# the ratio, then the wasm size each carrier costs (benches/wire_size_*.rs). Figures only.
#
#   scripts/bench-wire.sh [REPS] [SCHOOLS]      (defaults: 7 repetitions; 40000 schools)
#
# Built like the app: profile `web` (opt-level "z"), wasm-bindgen --target no-modules, then
# wasm-opt -Oz for the page's copy and -O3 for the worker's (as index.html asks of Trunk).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
reps=${1:-7}
schools=${2:-40000}
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
dir=target/bench
out=$dir/wire
mkdir -p "$out"
file=$dir/national-$schools.csv
if [ ! -s "$file" ]; then
  cargo build --release --quiet --example gen_national
  target/release/examples/gen_national "$schools" > "$file"
fi
cargo build --profile web --target wasm32-unknown-unknown --quiet \
  --example wire_carrier --example wire_size_json --example wire_size_js
built=target/wasm32-unknown-unknown/web/examples
for name in wire_carrier wire_size_json wire_size_js; do
  wasm-bindgen --target no-modules --no-typescript --out-dir "$out" "$built/$name.wasm"
done
wasm-opt -Oz "$out/wire_carrier_bg.wasm" -o "$out/page.wasm"
wasm-opt -O3 "$out/wire_carrier_bg.wasm" -o "$out/worker.wasm"
node scripts/bench-wire.mjs "$out" "$file" "$reps"

echo
echo "wasm each carrier costs: core::wire's page half + worker half alone (wasm-opt -Oz):"
for name in wire_size_json wire_size_js; do
  wasm-opt -Oz "$out/${name}_bg.wasm" -o "$out/$name.opt.wasm"
  bytes=$(stat -c %s "$out/$name.opt.wasm")
  gz=$(gzip -9 -c "$out/$name.opt.wasm" | wc -c)
  printf '  %-15s %8d B  %7d B gzip\n' "$name" "$bytes" "$gz"
done
