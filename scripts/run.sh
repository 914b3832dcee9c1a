#!/usr/bin/env bash
# Sets up and runs Tablewright on a fresh machine: installs what the desktop app
# needs (scripts/desktop-setup.sh), builds it and the CLI, starts Amazon's DynamoDB
# Local for it on 127.0.0.1:8000, and opens the app on the flagship model (or the
# one given). The app proves the design on that DynamoDB Local (the Prove view);
# DynamoDB Local stops when the app closes. Without a display (a server, CI), the
# app runs on a virtual one (Xvfb) and a screenshot of it is saved.
#
#   scripts/run.sh [MODEL]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/acme-bank.tablewright.json}"
port="${PORT:-8000}"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  scripts/desktop-setup.sh app
else
  scripts/desktop-setup.sh headless
fi
cargo build --locked -p tablewright-cli -p tablewright-desktop
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug"

# The same checks from the command line, as a CI pipeline runs them.
"$target/tablewright" check "$model"
"$target/tablewright" verify "$model"

scripts/dynamodb-local.sh install
scripts/dynamodb-local.sh start "$port"
trap 'scripts/dynamodb-local.sh stop "$port"' EXIT
# The standard variable AWS tools read; the app takes its Prove endpoint from it.
export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  "$target/tablewright-desktop" "$model"
else
  shot="${TMPDIR:-/tmp}/tablewright-window.png"
  echo "No display: running the app on a virtual one; a screenshot goes to $shot, Ctrl+C ends it."
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    "$1" "$2" & app=$!
    # The picture once the window has drawn: a bare window is a handful of
    # colours, the app drawn thousands.
    for _ in $(seq 1 120); do
      kill -0 $app 2>/dev/null || { echo "the app ended before it drew its window" >&2; exit 1; }
      if xdotool search --onlyvisible --name "Tablewright$" >/dev/null 2>&1 &&
        import -window root "$3" 2>/dev/null &&
        [ "$(identify -format %k "$3")" -gt 1000 ]; then
        echo "screenshot: $3"
        break
      fi
      sleep 0.5
    done
    wait $app' _ "$target/tablewright-desktop" "$model" "$shot"
fi
