#!/usr/bin/env bash
# Runs the desktop end-to-end suite (tests/desktop) N times and prints how often
# each test passed: a test that is not N of N is not done. With --load, every
# core is kept busy meanwhile (stress-ng), as on a CI machine that builds.
#
#   scripts/e2e-soak.sh N [--load]
#
# Failures leave their evidence (window, page, console log) under
# target/tmp/desktop-failures/, and each failed run's output in
# target/e2e-soak/TEST-RUN.log.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:?usage: scripts/e2e-soak.sh N [--load]}"
load="${2:-}"

scripts/desktop-setup.sh test >/dev/null
if [ "$load" = --load ] && ! command -v stress-ng >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null
fi

# The test binary, built once; its path from cargo's own report.
binary="$(cargo test --locked -p tablewright-e2e --test desktop --no-run --message-format json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "desktop" and m.get("executable"):
        print(m["executable"])')"
# The binaries the tests drive, built now rather than inside the first run.
cargo build --locked -p tablewright-cli -p tablewright-desktop --quiet
mapfile -t tests < <("$binary" --list --format terse | sed -n 's/: test$//p')
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
logs="$target/e2e-soak"
mkdir -p "$logs"

stress=""
if [ "$load" = --load ]; then
  stress-ng --cpu "$(nproc)" --quiet &
  stress=$!
  trap 'kill "$stress" 2>/dev/null || true' EXIT
fi

declare -A passed
started=$SECONDS
for run in $(seq 1 "$runs"); do
  for t in "${tests[@]}"; do
    if "$binary" --exact "$t" >"$logs/$t-$run.log" 2>&1; then
      passed[$t]=$(( ${passed[$t]:-0} + 1 ))
      rm -f "$logs/$t-$run.log"
    else
      echo "run $run: $t FAILED (see $logs/$t-$run.log)" >&2
    fi
  done
done

printf '\n%-80s %s\n' "test (${runs} runs${load:+, under load})" "passed"
for t in "${tests[@]}"; do
  printf '%-80s %s/%s\n' "$t" "${passed[$t]:-0}" "$runs"
done
printf 'in %d s\n' $(( SECONDS - started ))
for t in "${tests[@]}"; do
  [ "${passed[$t]:-0}" = "$runs" ] || exit 1
done
