#!/usr/bin/env bash
# Seeding benchmark: 100,000 ACME items into DynamoDB Local at one endpoint, once with
# `tablewright seed` (release build) and once with boto3's batch_writer, the same
# items (exported by `tablewright sample`) into a table of the same design.
# Prints items per second for both and the ratio (goal: at least 3).
#
#   scripts/bench-seed.sh [ITEMS_PER_ENTITY]   # 16667: ACME's 6 item kinds make 100,002
set -euo pipefail
cd "$(dirname "$0")/.."

per_entity="${1:-16667}"
port="${BENCH_PORT:-8765}"
endpoint="http://127.0.0.1:$port"
model="models/acme-bank.tablewright.json"
as_of="2026-01-01"
work="$(mktemp -d)"

python3 -m pip install --quiet --disable-pip-version-check "boto3>=1.34,<2"
cargo build --release --locked -p tablewright-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/tablewright"

# Each seeder gets a freshly started DynamoDB Local on the same endpoint: the ACME
# table has a stream, and DynamoDB Local looks its stream shard up once per item in a
# table of stream records that only grows, so whoever ran second on a shared server
# would be measured against a slower server.
fresh_server() {
  scripts/dynamodb-local.sh stop "$port" >/dev/null
  scripts/dynamodb-local.sh start "$port" >/dev/null
  "$bin" deploy "$model" --endpoint "$endpoint" --table "$1" --yes >/dev/null
}
trap 'scripts/dynamodb-local.sh stop "$port" >/dev/null; rm -rf "$work"' EXIT

"$bin" sample "$model" --items "$per_entity" --as-of "$as_of" --format dynamodb-json -o "$work/items.jsonl"
items="$(wc -l <"$work/items.jsonl")"

echo "== tablewright seed: $items items"
fresh_server bench-tablewright
start="$(date +%s.%N)"
"$bin" seed "$model" --endpoint "$endpoint" --table bench-tablewright --items "$per_entity" --as-of "$as_of" \
  --checkpoint "$work/checkpoint.json" --restart | tee "$work/tablewright.txt"
end="$(date +%s.%N)"

echo "== boto3 batch_writer: $items items"
fresh_server bench-boto3
python3 scripts/bench/boto3_seed.py --endpoint "$endpoint" --table bench-boto3 --file "$work/items.jsonl" | tee "$work/boto3.json"

python3 - "$items" "$start" "$end" "$work" <<'PY'
import json, re, sys
items, start, end, work = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
text = open(f"{work}/tablewright.txt").read()
write_rate = float(re.search(r"\(([0-9.]+) items/s", text).group(1))
whole = items / (end - start)
boto3 = json.load(open(f"{work}/boto3.json"))["items_per_second"]
print()
print(f"{'seeder':<44} {'items/s':>10} {'vs boto3':>9}")
print(f"{'tablewright seed, whole command':<44} {whole:>10.0f} {whole / boto3:>8.2f}x")
print(f"{'  (write phase alone)':<44} {write_rate:>10.0f} {write_rate / boto3:>8.2f}x")
print(f"{'boto3 batch_writer (writes only)':<44} {boto3:>10.0f} {1:>8.2f}x")
print()
print(f"{items} items into DynamoDB Local; the whole command includes generating the items and counting the table.")
PY
