#!/usr/bin/env bash
# Builds Tablewright and opens it on the flagship model. Until the desktop shell
# lands, "the app" is the CLI: it checks the model, prints the derived design, and
# verifies that every access pattern is served.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/acme-bank.tablewright.json}"
cargo build --release --locked -p tablewright-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/tablewright"
"$bin" check "$model"
"$bin" derive "$model"
"$bin" verify "$model"
echo
echo "Binary: $bin  (try: $bin --help)"
