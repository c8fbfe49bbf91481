#!/usr/bin/env bash
# Benchmarks (figures printed, nothing asserted), end to end from one command. Generates
# deterministic national-scale results files (N schools × 9 procedures × 3 years, format B,
# 27 rows a school) and prints, for the goals of docs/performance.md:
#   native: `dtk schools FILE --json` against the split-only ceiling of the same file (the csv
#     crate's reader, and the calculator's own splitter) — time, MiB/s and the ratios, at every
#     size of the scale curve (1 000, 10 000, 40 000 and 100 000 schools by default);
#   browser (scripts/bench-browser.mjs, on the 40 000-school file): the same file through the
#     page's worker (wasm) against native and against PapaParse, the tab's memory growth against
#     the file size, the first load's gzip size and the time to the example report.
#
#   scripts/bench.sh [RUNS] [SCHOOLS…]     (defaults: 3 runs; 1000 10000 40000 100000)
#   BENCH_NO_BUILD=1 keeps the dist/ there is; BENCH_NO_BROWSER=1 skips the browser part;
#   BENCH_BROWSER=N runs the browser part on the N-school file (default 40000).
#
# Every figure of a goal is a ratio measured in this run (the machine may be shared: absolute
# times drift with its load, ratios of runs taken side by side much less).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 40000 100000)
browser_size=${BENCH_BROWSER:-40000}
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
dir=target/bench
mkdir -p "$dir"
cargo build --release --quiet --bin dtk --example gen_national --example split_only

# The best (lowest) wall time of RUNS runs of a command, in ms; its output goes to /dev/null.
best_ms() {
  local best="" start end ms
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

# The speed of `dtk schools` before this work (issue 16), on the 40 000-school file.
baseline_mibs=72
echo "Native (best of $runs; MiB/s = file size / wall time, reading the file included)"
printf '%-8s %9s %9s | %9s %9s | %11s %11s %11s | %s\n' schools rows MiB \
  "dtk ms" "dtk MiB/s" "table MiB/s" "csv MiB/s" "dtk/csv" "ns per row"
summary=$dir/scale.tsv
: > "$summary"
for n in "${sizes[@]}"; do
  file="$dir/national-$n.csv"
  [ -s "$file" ] || target/release/examples/gen_national "$n" > "$file"
  dtk_ms=$(best_ms target/release/dtk schools "$file" --json)
  table_ms=$(best_ms target/release/examples/split_only "$file" table)
  csv_ms=$(best_ms target/release/examples/split_only "$file" csv)
  rows=$(($(wc -l < "$file") - 1))
  bytes=$(stat -c %s "$file")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$rows" "$bytes" "$dtk_ms" "$table_ms" "$csv_ms" >> "$summary"
  python3 - "$n" "$rows" "$bytes" "$dtk_ms" "$table_ms" "$csv_ms" <<'PY'
import sys
n, rows, size, dtk, table, csv = map(int, sys.argv[1:])
mib = size / 2**20
speed = lambda ms: mib / (max(ms, 1) / 1000)
print(f"{n:<8} {rows:>9} {mib:>9.1f} | {dtk:>9} {speed(dtk):>9.1f} | {speed(table):>11.1f} "
      f"{speed(csv):>11.1f} {speed(dtk) / speed(csv):>10.2f}× | {dtk * 1e6 / rows:.0f}")
PY
done
python3 - "$summary" "$baseline_mibs" <<'PY'
import sys
rows = [list(map(int, l.split("\t"))) for l in open(sys.argv[1]) if l.strip()]
base = float(sys.argv[2])
by = {r[0]: r for r in rows}
if 40000 in by:
    n, r, size, dtk, table, csv = by[40000]
    s = size / 2**20 / (max(dtk, 1) / 1000)
    c = size / 2**20 / (max(csv, 1) / 1000)
    print(f"\nGoal 2, native ≥ 4× the {base:.0f} MiB/s of issue 16 (≥ {4 * base:.0f} MiB/s): "
          f"{s:.1f} MiB/s = {s / base:.2f}× — split-only ceiling (csv crate) {c:.1f} MiB/s, "
          f"dtk at {s / c:.2f}× of it")
if len(rows) >= 2:
    lo, hi = rows[0], rows[-1]
    per = lambda r: r[3] / r[1]
    print(f"Goal 5, linear scale: time per row at {hi[0]} schools is {per(hi) / per(lo):.2f}× "
          f"that at {lo[0]} (1,00× = linear; startup weighs on the smallest file)")
PY

[ "${BENCH_NO_BROWSER:-}" = 1 ] && exit 0
bash scripts/setup.sh test
if [ "${BENCH_NO_BUILD:-}" != 1 ] || [ ! -f dist/index.html ]; then
  bash scripts/build.sh
fi
file="$dir/national-$browser_size.csv"
[ -s "$file" ] || target/release/examples/gen_national "$browser_size" > "$file"
native=$(awk -F'\t' -v n="$browser_size" '$1 == n { print $4 }' "$summary")
[ -n "$native" ] || native=$(best_ms target/release/dtk schools "$file" --json)
node scripts/bench-browser.mjs "$file" "$native" "$runs"
