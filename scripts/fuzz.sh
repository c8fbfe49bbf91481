#!/usr/bin/env bash
# Coverage-guided fuzzing of the reading path (fuzz/fuzz_targets/load.rs) with cargo-fuzz and
# libFuzzer on the stable toolchain (RUSTC_BOOTSTRAP=1 lets it pass libFuzzer's -Z flags), on
# ONE core at the lowest priority. The messy fixtures are the seed corpus; crashes land in
# fuzz/artifacts/TARGET/ (turn each into a fixture under tests/fixtures/fuzz/ and a test).
#   scripts/fuzz.sh [TARGET] [RUNS]   TARGET: load (default), text, sheet or split; RUNS default 10 000 000
#   MAX_LEN=4096 scripts/fuzz.sh text 3000000   (shorter inputs: more executions a second)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
target=load
case "${1:-}" in load|text|sheet|split) target=$1; shift ;; esac
runs=${1:-10000000}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
corpus=fuzz/corpus/$target
mkdir -p "$corpus"
cp -n tests/fixtures/messy/* tests/fixtures/*.csv tests/fixtures/fuzz/* "$corpus"/ 2>/dev/null || true
export RUSTC_BOOTSTRAP=1
CARGO_BUILD_JOBS=1 nice -n 19 cargo fuzz build -s none -O "$target"
# One process (stops at the first crash, saved in fuzz/artifacts/$target/); -rss_limit_mb: far
# below what the inputs' budgets allow, so a budget that leaks shows as an OOM.
exec nice -n 19 cargo fuzz run -s none -O "$target" "$corpus" -- \
  -runs="$runs" -max_len="${MAX_LEN:-16384}" -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=1024 \
  -print_final_stats=1
