#!/usr/bin/env bash
# Sets up and runs Tablewright on a fresh machine, on the flagship model (or the one
# given): checks it, prints the derived design and its verification, then starts
# Amazon's DynamoDB Local, deploys the table, seeds sample data and proves every
# access pattern against it (scripts/prove-local.sh). The desktop app is not built
# yet; until it is, "the app" is the CLI.
#
#   scripts/run.sh [MODEL] [ITEMS_PER_ENTITY]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/acme-bank.tablewright.json}"
cargo build --locked -p tablewright-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/tablewright"
"$bin" check "$model"
"$bin" derive "$model"
"$bin" verify "$model"
scripts/dynamodb-local.sh install
scripts/prove-local.sh "$model" "${2:-200}"
echo
echo "Binary: $bin  (try: $bin --help)"
