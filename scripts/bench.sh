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
#   6. the time from navigation to the example report on screen;
#   7. a generated region of MUNICIPAL schools (default 2 000): native `dtk municipal` on one
#      format-C table and on as many format-A files, then both in Chromium through the worker
#      until the municipal report is on screen (scripts/bench-municipal.mjs).
#   scripts/bench.sh [SCHOOLS] [RUNS]       (BENCH_NO_BUILD=1 keeps the dist/ there is;
#                                            MUNICIPAL=N sets the region's size)
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

# 7. A region's ДТК: one format-C table and N format-A files (generated, deterministic).
municipal=${MUNICIPAL:-2000}
cargo build --release --quiet --example gen_municipality
if [ ! -s "$dir/municipality-$municipal.csv" ] || [ ! -d "$dir/files-$municipal" ]; then
  target/release/examples/gen_municipality "$municipal" "$dir" --files > /dev/null
fi
for input in "$dir/municipality-$municipal.csv" "$dir/files-$municipal"; do
  best=""
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    if [ -d "$input" ]; then
      target/release/dtk municipal "$input"/*.csv --json > "$dir/municipal.json"
    else
      target/release/dtk municipal "$input" --json > "$dir/municipal.json"
    fi
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "dtk municipal $(basename "$input") ($municipal schools): best of $runs: $best ms"
done
node scripts/bench-municipal.mjs "$dir/municipality-$municipal.csv" "$dir/files-$municipal"
