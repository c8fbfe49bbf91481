#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, then runs every check and test layer:
#   1. cargo fmt --check, cargo clippy -D warnings (host and wasm32)
#   2. cargo test on the host (the pure core: the bulk of the tests; the `dtk` CLI), and the
#      output snapshot of the CLI on every fixture (scripts/snapshot.sh --quick)
#   3. wasm-bindgen-test in headless Chromium (browser glue)
#   4. the release build (dist/) and Playwright end-to-end tests in headless Chromium
# Screenshots and PDFs land in test-output/. Exit code is non-zero if anything fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
total=$SECONDS
step() { printf '\n[test] ── %s\n' "$*" >&2; }

bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

step "format and lints"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "host tests (core, CLI)"
cargo test --locked

step "output snapshot (dtk report/schools --json on every fixture)"
bash scripts/snapshot.sh --quick

step "wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=$(command -v chromedriver) \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test web

step "release build"
bash scripts/build.sh

step "end-to-end (Playwright, headless Chromium)"
node --test --test-concurrency=1 tests/e2e/

printf '\n[test] all layers passed in %d s\n' "$((SECONDS - total))" >&2
