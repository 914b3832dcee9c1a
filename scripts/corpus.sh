#!/usr/bin/env bash
# The expert corpus against Tablewright: every case in corpus/ (a model written from
# a published problem statement, beside the expert's own design numbers) is derived,
# verified and proven on DynamoDB Local, and one table compares ours with the
# expert's: reads served, GSIs+LSIs, requests per pattern, proven.
#
#   scripts/corpus.sh            # everything, DynamoDB Local on $PORT (8011)
#   scripts/corpus.sh --no-prove # without DynamoDB Local
set -euo pipefail
cd "$(dirname "$0")/.."
prove=true
[ "${1:-}" = "--no-prove" ] && prove=false
port="${PORT:-8011}"

cargo build --locked -q -p tablewright-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/tablewright"
if $prove; then
  scripts/dynamodb-local.sh install >/dev/null
  scripts/dynamodb-local.sh start "$port" >/dev/null
  trap 'scripts/dynamodb-local.sh stop "$port" >/dev/null' EXIT
fi

out="$(mktemp -d)"
for model in corpus/*.tablewright.json; do
  case="$(basename "$model" .tablewright.json)"
  "$bin" derive "$model" --json >"$out/$case.design.json"
  "$bin" verify "$model" --json >"$out/$case.verify.json" || true
  if $prove; then
    "$bin" prove "$model" --endpoint "http://127.0.0.1:$port" --scratch --json \
      --items 200 --trials 3 >"$out/$case.prove.json" 2>"$out/$case.prove.err" || true
  fi
done

python3 - "$out" <<'PY'
import glob, json, os, sys

out = sys.argv[1]
rows = []
for model_path in sorted(glob.glob("corpus/*.tablewright.json")):
    case = os.path.basename(model_path)[: -len(".tablewright.json")]
    model = json.load(open(model_path))
    expert = json.load(open(f"corpus/{case}.expert.json"))["expert"]
    design = json.load(open(f"{out}/{case}.design.json"))
    verdicts = {v["pattern"]: v["ok"] for v in json.load(open(f"{out}/{case}.verify.json"))["patterns"]}
    reads = [p["id"] for p in model["access_patterns"] if p["kind"] in ("read_one", "read_many")]
    served = sum(verdicts.get(r, False) for r in reads)
    ours = {p["pattern"]: p["requests"] for p in design["plans"]}
    theirs = expert["requests"]
    ids = [p["id"] for p in model["access_patterns"] if p["id"] in theirs and p["id"] in ours]
    more = [i for i in ids if ours[i] > theirs[i]]
    fewer = [i for i in ids if ours[i] < theirs[i]]
    proof = f"{out}/{case}.prove.json"
    if os.path.exists(proof) and os.path.getsize(proof) > 0:
        patterns = json.load(open(proof))["proof"]["patterns"]
        passed = sum(p["pass"] for p in patterns)
        proven = f"{passed}/{len(patterns)}"
    elif os.path.exists(proof):
        proven = "error: " + open(f"{out}/{case}.prove.err").read().strip().splitlines()[-1][:40]
    else:
        proven = "-"
    ours_idx = f'{len(design["gsis"])}+{len(design["lsis"])}'
    their_idx = f'{expert["gsis"]}+{expert.get("lsis", 0)}'
    rows.append([
        case,
        f"{served}/{len(reads)}",
        f"{ours_idx} vs {their_idx}",
        f"{sum(ours[i] for i in ids)} vs {sum(theirs[i] for i in ids)}",
        ", ".join(more) or "-",
        ", ".join(fewer) or "-",
        proven,
    ])

head = ["case", "reads served", "GSIs+LSIs ours vs expert", "requests ours vs expert",
        "more requests than expert", "fewer", "proven on Local"]
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
for r in [head, ["-" * w for w in widths]] + rows:
    print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
PY
