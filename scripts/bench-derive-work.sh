#!/usr/bin/env bash
# How the work of `derive` and `verify` grows with the model, counted in
# instructions under callgrind rather than timed: the count does not depend on
# the machine's caches, so it tells linear work from superlinear where the wall
# times of the criterion bench (crates/engine/benches/derive.rs) also carry the
# memory system's growth. Generated models of 1,000 / 5,000 / 10,000 entities with
# five access patterns each; the goal for derive is 10x the entities in at most
# ~12x the instructions.
#
#   scripts/bench-derive-work.sh            # needs valgrind (apt-get install valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }
# Symbols, so that callgrind can count inside the one function asked for.
export CARGO_PROFILE_RELEASE_STRIP=none CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
cargo build --release --locked -q -p tablewright-modelgen --example derive_once
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/derive_once"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Instructions executed inside FUNCTION for a model of ENTITIES entities.
instructions() {
  local entities="$1" function="$2" mode="$3"
  valgrind --tool=callgrind --callgrind-out-file="$work/out" --toggle-collect="$function" \
    "$bin" "$entities" "$mode" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

printf '%-8s %10s %16s %12s\n' step entities instructions "vs 1,000"
for step in derive verify; do
  base=""
  for entities in 1000 5000 10000; do
    count="$(instructions "$entities" "tablewright_engine::${step/derive/design::derive}::$step" "$step")"
    base="${base:-$count}"
    printf '%-8s %10s %16s %11.1fx\n' "$step" "$entities" "$count" "$(awk "BEGIN { print $count / $base }")"
  done
done
