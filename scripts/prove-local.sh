#!/usr/bin/env bash
# Tablewright against a live DynamoDB Local, end to end, on a fresh machine: installs
# and starts DynamoDB Local, deploys the model's table, seeds it with sample data,
# re-plans (no changes), proves every access pattern, and stops the server again.
#
#   scripts/prove-local.sh [MODEL] [ITEMS_PER_ENTITY]
set -euo pipefail
cd "$(dirname "$0")/.."

model="${1:-models/acme-bank.tablewright.json}"
items="${2:-200}"
port="${PORT:-8000}"
endpoint="http://127.0.0.1:$port"

cargo build --locked -p tablewright-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/tablewright"

started_here=false
if [ ! -f ".tools/dynamodb-local/run/$port.pid" ] || ! kill -0 "$(cat ".tools/dynamodb-local/run/$port.pid")" 2>/dev/null; then
  started_here=true
fi
scripts/dynamodb-local.sh start "$port"
if $started_here; then
  trap 'scripts/dynamodb-local.sh stop "$port"' EXIT
fi

"$bin" deploy "$model" --endpoint "$endpoint" --yes
"$bin" seed "$model" --endpoint "$endpoint" --items "$items" --restart
"$bin" deploy "$model" --endpoint "$endpoint" --plan
"$bin" prove "$model" --endpoint "$endpoint" --items "$items"
