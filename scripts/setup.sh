#!/usr/bin/env bash
# Installs whatever the build (and, with `test`, the tests) need and is missing. Idempotent:
# every tool is checked first and a warm run takes well under a second. Versions are pinned
# here and nowhere else; they were measured to work together on this project's machines.
#
#   scripts/setup.sh serve   # Rust wasm target, wasm-bindgen-cli, trunk, wasm-opt (npm binaryen)
#   scripts/setup.sh test    # the above + Debian chromium/chromedriver + playwright-core
#
# Nothing is downloaded outside the package registries (crates.io, npm, Debian): Trunk runs
# offline and finds these tools on PATH.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen version in Cargo.lock
TRUNK_VERSION=0.21.14        # 0.22 needs a newer rustc than the 1.95 here
# binaryen and playwright-core are pinned in package.json / package-lock.json.

level=${1:-serve}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*" >&2; }
timed() { # timed "what" command...
  local what=$1 start=$SECONDS
  shift
  say "installing $what…"
  "$@"
  say "installed $what in $((SECONDS - start)) s"
}

# The lockfile is the source of truth for the wasm-bindgen version; fail loudly if they drift.
locked=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$locked" != "$WASM_BINDGEN_VERSION" ]; then
  say "Cargo.lock has wasm-bindgen $locked but setup.sh pins $WASM_BINDGEN_VERSION: update one of them"
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  timed "Rust target wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: its lockfile wants a crate version this registry lacks.
  timed "wasm-bindgen-cli $WASM_BINDGEN_VERSION" \
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --quiet
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # Trunk only orchestrates; a fast, unoptimised build of it halves the cold set-up time.
  timed "trunk $TRUNK_VERSION" env CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "=$TRUNK_VERSION" --locked --no-default-features --quiet
fi

# npm packages: wasm-opt (Debian's binaryen is too old to read wasm-bindgen 0.2.130 output) and
# playwright-core (it drives Debian's Chromium; its own browser download cannot work here).
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  timed "npm packages (binaryen, playwright-core)" npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$level" = test ]; then
  # Debian: the browser and its driver; poppler-utils reads the printed PDF back in tests.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null ||
    ! command -v pdftotext >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    timed "Debian chromium, chromium-driver, poppler-utils" bash -c \
      "$sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver poppler-utils >/dev/null"
  fi
fi

# Trunk runs offline (it must not download tools), and offline applies to cargo too, so the
# crates are fetched here, once.
if ! cargo fetch --locked --quiet --offline 2>/dev/null; then
  timed "crates (cargo fetch)" cargo fetch --locked --quiet
fi
