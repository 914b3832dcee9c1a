#!/usr/bin/env bash
# The release desktop app on a virtual display, printed as one table, for ACME and
# for generated models of 30 and 300 entities (crates/modelgen), so that the
# ratio shows how it scales:
# - painted: launch to the window painted with the model (median of RUNS launches);
# - idle memory: the app and its WebKit processes together after 30 s idle, as
#   resident (RSS, which counts the libraries they share once per process) and
#   proportional (PSS, shared pages split between the processes that map them:
#   what the app costs the machine);
# - measured inside the page (tests/desktop/bench.rs, the app driven through
#   WebDriver): one edit's round trip (a click on "+ Entity" to the new entity
#   drawn and measured and its lines routed, through the engine's derivation
#   and checks; median of 5; "of which core": the analysis in the app's core,
#   validation to cost, as the status bar shows it), the time between frames
#   while an entity is dragged for 3 s (median and 95th percentile), then Auto
#   Layout until the entities stand still (the session's first, so it includes
#   loading ELK, on the model and the five entities added).
# Run on demand (it builds the release app: slow on 2 cores), never in CI.
#
#   scripts/bench-app.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"

# The table alone on standard output.
exec 3>&1 1>&2
scripts/desktop-setup.sh test
cargo build --locked --release -p tablewright-desktop
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
app="$target/release/tablewright-desktop"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for entities in 30 300; do
  cargo run -q --locked -p tablewright-modelgen --example generate -- "$entities" 3 >"$work/generated-$entities.tablewright.json"
done
models=("$PWD/models/acme-bank.tablewright.json" "$work/generated-30.tablewright.json" "$work/generated-300.tablewright.json")
# The in-page measures first, one JSON line per model (the driver is a debug build
# and runs in tests/, hence the absolute paths).
TABLEWRIGHT_DESKTOP_APP="$app" cargo test -q --locked -p tablewright-e2e --bench app -- "${models[@]}" >"$work/page.jsonl"

ms() { date +%s%3N; }

# The memory of `pid` and every process under it, in MiB: "RSS/PSS".
tree_memory() {
  local pids=("$1") all=() next
  while [ ${#pids[@]} -gt 0 ]; do
    all+=("${pids[@]}")
    next=()
    for p in "${pids[@]}"; do
      while read -r child; do next+=("$child"); done < <(pgrep -P "$p" || true)
    done
    pids=("${next[@]}")
  done
  local rss=0 pss=0
  for p in "${all[@]}"; do
    rss=$((rss + $(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
    pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$((rss / 1024))/$((pss / 1024))"
}

# Launches the app on `model` on display :$2; prints the milliseconds until its
# window is painted (a bare window is a handful of colours, the app thousands),
# and, when $3 is "idle", the memory after 30 s.
launch() {
  local model="$1" display="$2" idle="${3:-}"
  Xvfb ":$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
  local xvfb=$!
  sleep 1
  local home="$work/home-$display"
  mkdir -p "$home"
  local start
  start=$(ms)
  DISPLAY=":$display" HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" NO_AT_BRIDGE=1 \
    dbus-run-session -- "$app" "$model" >/dev/null 2>&1 &
  local pid=$! painted=""
  for _ in $(seq 1 600); do
    if DISPLAY=":$display" xdotool search --onlyvisible --name "Tablewright$" >/dev/null 2>&1 &&
      DISPLAY=":$display" import -window root "$work/shot.png" 2>/dev/null &&
      [ "$(identify -format %k "$work/shot.png")" -gt 1000 ]; then
      painted=$(($(ms) - start))
      break
    fi
    sleep 0.05
  done
  local memory="-"
  if [ "$idle" = idle ] && [ -n "$painted" ]; then
    sleep 30
    memory=$(tree_memory "$pid")
  fi
  kill -- "$pid" 2>/dev/null || true
  pkill -P "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  echo "${painted:-never} $memory"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One column of the in-page measures of `model`.
page() {
  python3 - "$work/page.jsonl" "$1" "$2" <<'PY'
import json, sys
rows = {r["model"]: r for r in map(json.loads, open(sys.argv[1]))}
r = rows[sys.argv[2]]
print({
    "layout": f'{r["auto_layout_ms"]:.0f}',
    "edit": f'{r["edit_round_trip_ms"]:.0f}',
    "analysis": f'{r["edit_analysis_ms"]:.0f}',
    "drag": f'{r["drag_frame_ms"]:.1f}/{r["drag_frame_p95_ms"]:.1f}',
}[sys.argv[3]])
PY
}

printf '%-16s %8s %11s %17s %14s %8s %12s %20s\n' "model" "entities" "painted ms" "idle RSS/PSS MiB" "Auto Layout ms" "edit ms" "of which core" "drag frame ms/p95" >&3
for model in "${models[@]}"; do
  entities=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entities"]))' "$model")
  times=()
  for run in $(seq 1 "$runs"); do
    read -r t _ < <(launch "$model" $((90 + run)))
    times+=("$t")
  done
  read -r _ memory < <(launch "$model" 99 idle)
  printf '%-16s %8s %11s %17s %14s %8s %12s %20s\n' "$(basename "$model" .tablewright.json)" "$entities" \
    "$(median "${times[@]}")" "$memory" "$(page "$model" layout)" "$(page "$model" edit)" "$(page "$model" analysis)" \
    "$(page "$model" drag)" >&3
done
