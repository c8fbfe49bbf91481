#!/usr/bin/env bash
# Benchmarks (figures printed, nothing asserted), end to end from one command. Generates
# deterministic national-scale results files (N schools × 9 procedures × 3 years, format B,
# 27 rows a school) and prints, for the goals of docs/performance.md:
#   native: `dtk schools FILE --json` against the split-only ceiling of the same file (the csv
#     crate's reader, and the calculator's own splitter) — time, MiB/s and the ratios, at every
#     size of the scale curve (1 000, 10 000, 40 000 and 100 000 schools by default; 100 000
#     schools are 338 MB, over the default 200 MiB file limit: dtk is run with `--max-mib`); and
#     goal 2 in one run: the engine of issue 16 (commit 5a4d25e, built from git history into
#     target/bench/original) against today's on the 40 000-school file;
#   browser (scripts/bench-browser.mjs, on the 40 000-school file): the same file through the
#     page's worker (wasm) against native and against PapaParse, the tab's memory growth against
#     the file size, the first load's gzip size and the time to the example report; then
#     (scripts/bench-wire.sh) the carrier of its table from the worker to the page, JSON bytes
#     against serde-wasm-bindgen (WIRE_REPS repetitions, default 7; medians);
#
#   scripts/bench.sh [RUNS] [SCHOOLS…]     (defaults: 3 runs; 1000 10000 40000 100000)
#   BENCH_NO_BUILD=1 keeps the dist/ there is; BENCH_NO_BROWSER=1 skips the browser part;
#   BENCH_BROWSER=N runs the browser part on the N-school file (default 40000).
#
# Every figure of a goal is a ratio measured in this run (the machine may be shared: absolute
# times drift with its load, ratios of runs taken side by side much less).
#   region (section 7): a generated region of MUNICIPAL schools (default 2 000): native
#     `dtk municipal` on one format-C table and on as many format-A files, then both in Chromium
#     through the worker until the municipal report is on screen (scripts/bench-municipal.mjs).
#     MUNICIPAL=N sets the region's size.
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

# The best (lowest) wall time and the best CPU time (user + sys) of RUNS runs of a command, in
# ms, as "WALL CPU"; its output goes to /dev/null. On a shared machine the wall time waits for
# other processes, the CPU time much less: both are printed.
best_ms() {
  local wall="" cpu="" w c
  for _ in $(seq "$runs"); do
    read -r w c < <(/usr/bin/time -f '%e %U %S' "$@" 2>&1 > /dev/null | tail -1 |
      awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }')
    if [ -z "$wall" ] || [ "$w" -lt "$wall" ]; then wall=$w; fi
    if [ -z "$cpu" ] || [ "$c" -lt "$cpu" ]; then cpu=$c; fi
  done
  echo "$wall $cpu"
}

# The speed of `dtk schools` before this work (issue 16), on the 40 000-school file.
baseline_mibs=72
# `load`'s default file limit (MAX_FILE_BYTES): a larger file needs `--max-mib`.
limit=$((200 * 1024 * 1024))
echo "Native (best of $runs; MiB/s = file size / time, reading the file included; wall and CPU)"
printf '%-8s %9s %7s | %15s %15s | %15s %15s | %9s %9s\n' schools rows MiB \
  "dtk ms wall/cpu" "dtk MiB/s w/c" "table MiB/s w/c" "csv MiB/s w/c" "dtk/csv" "ns/row"
summary=$dir/scale.tsv
: > "$summary"
for n in "${sizes[@]}"; do
  file="$dir/national-$n.csv"
  [ -s "$file" ] || target/release/examples/gen_national "$n" > "$file"
  rows=$(($(wc -l < "$file") - 1))
  bytes=$(stat -c %s "$file")
  # Over the default file limit (100 000 schools are 338 MB), dtk is told a larger one.
  flags=()
  if [ "$bytes" -gt "$limit" ]; then
    flags=(--max-mib $((bytes / 1048576 + 1)))
  fi
  read -r dtk_w dtk_c < <(best_ms target/release/dtk schools "$file" --json "${flags[@]}")
  read -r table_w table_c < <(best_ms target/release/examples/split_only "$file" table)
  read -r csv_w csv_c < <(best_ms target/release/examples/split_only "$file" csv)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$rows" "$bytes" "$dtk_w" "$table_w" \
    "$csv_w" "$dtk_c" "$table_c" "$csv_c" >> "$summary"
  python3 - "$n" "$rows" "$bytes" "$dtk_w" "$table_w" "$csv_w" "$dtk_c" "$table_c" "$csv_c" <<'PY'
import sys
n, rows, size, dw, tw, cw, dc, tc, cc = map(int, sys.argv[1:])
mib = size / 2**20
sp = lambda ms: mib / (max(ms, 1) / 1000)
pair = lambda w, c: f"{sp(w):.0f} / {sp(c):.0f}"
print(f"{n:<8} {rows:>9} {mib:>7.1f} | {f'{dw} / {dc}':>15} {pair(dw, dc):>15} | "
      f"{pair(tw, tc):>15} {pair(cw, cc):>15} | {sp(dc) / sp(cc):>8.2f}× {dc * 1e6 / rows:>9.0f}")
PY
done
python3 - "$summary" "$baseline_mibs" <<'PY'
import sys
rows = [list(map(int, l.split("\t"))) for l in open(sys.argv[1]) if l.strip()]
base = float(sys.argv[2])
by = {r[0]: r for r in rows}
if 40000 in by:
    n, r, size, dw, tw, cw, dc, tc, cc = by[40000]
    sp = lambda ms: size / 2**20 / (max(ms, 1) / 1000)
    print(f"\nGoal 2, native ≥ 4× the {base:.0f} MiB/s of issue 16 (≥ {4 * base:.0f} MiB/s): "
          f"{sp(dw):.0f} MiB/s by wall time = {sp(dw) / base:.2f}×, {sp(dc):.0f} MiB/s by CPU "
          f"time = {sp(dc) / base:.2f}×; the split-only ceiling (csv crate) {sp(cw):.0f} / "
          f"{sp(cc):.0f} MiB/s, dtk at {sp(dc) / sp(cc):.2f}× of it (CPU)")
if len(rows) >= 2:
    lo, hi = rows[0], rows[-1]
    per = lambda r: r[6] / r[1]
    print(f"Goal 5, linear scale: CPU time per row at {hi[0]} schools is {per(hi) / per(lo):.2f}× "
          f"that at {lo[0]} (1,00× = linear; start-up weighs on the smallest file)")
PY

# Goal 2 against the engine as it was when issue 16 was filed (commit 5a4d25e: 72 MiB/s was
# measured then, on another day's load), built from this repository's history and timed now,
# beside today's on the same file: a ratio of one run.
original=5a4d25e
odir=$root/$dir/original
if [ ! -x "$odir/target/release/dtk" ] && git cat-file -e "$original^{commit}" 2>/dev/null; then
  rm -rf "$odir/src" && mkdir -p "$odir/src"
  git archive "$original" | tar -x -C "$odir/src"
  (cd "$odir/src" && CARGO_TARGET_DIR="$odir/target" cargo build --release --quiet --bin dtk)
fi
f=$dir/national-40000.csv
if [ -x "$odir/target/release/dtk" ] && [ -s "$f" ]; then
  read -r ow oc < <(best_ms "$odir/target/release/dtk" schools "$f" --json)
  read -r nw nc < <(best_ms target/release/dtk schools "$f" --json)
  python3 - "$ow" "$oc" "$nw" "$nc" "$(stat -c %s "$f")" <<'PY'
import sys
ow, oc, nw, nc, size = map(int, sys.argv[1:])
sp = lambda ms: size / 2**20 / (max(ms, 1) / 1000)
print(f"Goal 2, same run, 40 000 schools: the engine of issue 16 (5a4d25e) {ow} / {oc} ms "
      f"({sp(ow):.0f} / {sp(oc):.0f} MiB/s), today's {nw} / {nc} ms ({sp(nw):.0f} / {sp(nc):.0f} "
      f"MiB/s) wall / CPU: {ow / max(nw, 1):.2f}× / {oc / max(nc, 1):.2f}× faster (aim ≥ 4×)")
PY
else
  echo "Goal 2, same run: the engine of issue 16 ($original) cannot be built here (no git history)"
fi

[ "${BENCH_NO_BROWSER:-}" = 1 ] && exit 0
bash scripts/setup.sh test
if [ "${BENCH_NO_BUILD:-}" != 1 ] || [ ! -f dist/index.html ]; then
  bash scripts/build.sh
fi
file="$dir/national-$browser_size.csv"
[ -s "$file" ] || target/release/examples/gen_national "$browser_size" > "$file"
native=$(awk -F'\t' -v n="$browser_size" '$1 == n { print $4 }' "$summary")
[ -n "$native" ] || native=$(best_ms target/release/dtk schools "$file" --json | cut -d' ' -f1)
node scripts/bench-browser.mjs "$file" "$native" "$runs"
# The page ↔ worker carrier of the same file's table: JSON bytes against serde-wasm-bindgen.
bash scripts/bench-wire.sh "${WIRE_REPS:-7}" "$browser_size"

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
