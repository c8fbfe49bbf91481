#!/usr/bin/env bash
# Benchmarks (figures printed, nothing asserted). Generates a deterministic national-scale
# results file (40 000 schools × 9 procedures × 3 years, format B) and times `dtk schools` on it.
#   scripts/bench.sh [SCHOOLS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
schools=${1:-40000}
dir=target/bench
mkdir -p "$dir"
file="$dir/national-$schools.csv"
cargo build --release --quiet --bin dtk --example gen_national
if [ ! -s "$file" ]; then
  target/release/examples/gen_national "$schools" > "$file"
fi
rows=$(($(wc -l < "$file") - 1))
bytes=$(stat -c %s "$file")
best=""
for _ in 1 2 3; do
  start=$(date +%s%N)
  target/release/dtk schools "$file" --json > "$dir/schools.json"
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
python3 - "$rows" "$bytes" "$best" "$schools" <<'PY'
import sys
rows, size, ms, schools = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = max(ms, 1) / 1000
print(f"dtk schools: {schools} schools, {rows} rows, {size/2**20:.1f} MiB")
print(f"  best of 3: {ms} ms  →  {rows/s:,.0f} rows/s, {size/2**20/s:.1f} MiB/s".replace(",", " "))
PY
