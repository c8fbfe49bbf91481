#!/usr/bin/env bash
# Output snapshot: what `dtk report --json` and `dtk schools --json` print (and their exit codes)
# on every fixture, the real Altai file and the generated national file (40 000 schools, ~1.1 M
# rows), held against tests/snapshots/cli.sha256 — so a refactor or a speed-up that changes a
# single byte of a result is caught.
#
#   scripts/snapshot.sh            check everything (builds the release CLI, generates the
#                                  national file once into target/bench/)
#   scripts/snapshot.sh --quick    check the fixtures only, with the debug CLI (scripts/test.sh)
#   scripts/snapshot.sh --update   write the snapshot anew — only after an intended change of
#                                  output, named in the commit that updates it
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mode=${1:-check}
snap=tests/snapshots/cli.sha256
national=target/bench/national-40000.csv

if [ "$mode" = --quick ]; then
  cargo build --locked --quiet --bin dtk
  dtk=target/debug/dtk
else
  cargo build --locked --quiet --release --bin dtk --example gen_national
  dtk=target/release/dtk
  mkdir -p target/bench
  [ -s "$national" ] || target/release/examples/gen_national 40000 > "$national"
fi

cases() { # every input file, sorted, as paths relative to the root
  find tests/fixtures tests/e2e/fixtures -type f \
    ! -name README.md ! -name '*.py' ! -name '*.mjs' | LC_ALL=C sort
  [ "$mode" = --quick ] || echo "$national"
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
while read -r file; do
  for command in report schools; do
    rc=0
    sum=$("$dtk" "$command" "$file" --json 2>/dev/null | sha256sum | cut -c1-64) || rc=$?
    # The exit code of dtk itself (sha256sum never fails); pipefail gives dtk's.
    printf '%s rc=%s %s %s\n' "$sum" "$rc" "$command" "$file" >> "$out"
  done
done < <(cases)

if [ "$mode" = --update ]; then
  mkdir -p "$(dirname "$snap")"
  cp "$out" "$snap"
  echo "snapshot: $(wc -l < "$snap") outputs written to $snap"
  exit 0
fi
expected=$(mktemp)
trap 'rm -f "$out" "$expected"' EXIT
if [ "$mode" = --quick ]; then grep -v " $national\$" "$snap" > "$expected"; else cp "$snap" "$expected"; fi
if diff -u "$expected" "$out" > /dev/null; then
  echo "snapshot: $(wc -l < "$out") outputs identical to $snap"
else
  echo "snapshot: outputs differ from $snap (- expected, + now):" >&2
  diff -u "$expected" "$out" | grep '^[-+][0-9a-f]' >&2 || true
  exit 1
fi
