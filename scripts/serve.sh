#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds the app and serves it at
# http://127.0.0.1:8080 (the page opens with a built-in example school). Ctrl+C stops it.
# PORT=9000 scripts/serve.sh serves elsewhere.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/build.sh
port=${PORT:-8080}
echo "[serve] ДТК-калькулятор: http://127.0.0.1:$port/ (Ctrl+C — остановить)" >&2
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
