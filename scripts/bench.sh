#!/usr/bin/env bash
# Benchmarks (figures printed, nothing asserted), end to end from one command. Generates a
# deterministic national-scale results file (40 000 schools × 9 procedures × 3 years, format B,
# ~1.1 M rows) and prints:
#   1. native `dtk schools` on it: time and MiB/s;
#   2. the same file in headless Chromium through the page's worker (wasm): time, MiB/s, the
#      ratio to native;
#   3. PapaParse (parse only) on the same text in the same Chromium, against our parse +
#      identification;
#   4. the tab's peak memory (renderer RSS), the worker's wasm memory, the page's JS heap;
#   5. gzip sizes of the first-load bundle and of everything in dist/;
#   6. the time from navigation to the example report on screen.
#   scripts/bench.sh [SCHOOLS] [RUNS]       (BENCH_NO_BUILD=1 keeps the dist/ there is)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
schools=${1:-40000}
runs=${2:-3}
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
dir=target/bench
mkdir -p "$dir"
file="$dir/national-$schools.csv"
cargo build --release --quiet --bin dtk --example gen_national
if [ ! -s "$file" ]; then
  target/release/examples/gen_national "$schools" > "$file"
fi
if [ "${BENCH_NO_BUILD:-}" != 1 ] || [ ! -f dist/index.html ]; then
  bash scripts/build.sh
fi
rows=$(($(wc -l < "$file") - 1))
bytes=$(stat -c %s "$file")
best=""
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  target/release/dtk schools "$file" --json > "$dir/schools.json"
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
python3 - "$rows" "$bytes" "$best" "$schools" "$runs" <<'PY'
import sys
rows, size, ms, schools, runs = map(int, sys.argv[1:])
s = max(ms, 1) / 1000
print(f"dtk schools: {schools} schools, {rows} rows, {size/2**20:.1f} MiB")
print(f"  best of {runs}: {ms} ms  →  {rows/s:,.0f} rows/s, {size/2**20/s:.1f} MiB/s".replace(",", " "))
PY
node scripts/bench-browser.mjs "$file" "$best" "$runs"
