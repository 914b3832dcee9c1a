#!/usr/bin/env bash
# `npm ci` in each folder given, skipped where node_modules was installed from
# the same package-lock.json already (npm ci itself always starts over).
#
#   scripts/npm-ci.sh ui tests/cdk
set -euo pipefail
cd "$(dirname "$0")/.."

for dir in "$@"; do
  stamp="$dir/node_modules/.tablewright-lock.sha256"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    continue
  fi
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
done
