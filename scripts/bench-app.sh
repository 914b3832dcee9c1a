#!/usr/bin/env bash
# The release desktop app's start-up and memory on a virtual display, printed as
# one table: the time from launch to the window painted with the model
# (median of RUNS launches), and the memory of the app and its WebKit processes
# together after it idled 30 s: resident (RSS, which counts the libraries they
# share once per process) and proportional (PSS, shared pages split between
# the processes that map them: what the app costs the machine). For ACME and for a generated model of
# about 300 entities (crates/modelgen), so the ratio shows how it scales.
# Run on demand (it builds the release app: slow on 2 cores), never in CI.
#
#   scripts/bench-app.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"

# The table alone on standard output.
exec 3>&1 1>&2
scripts/desktop-setup.sh headless
cargo build --locked --release -p tablewright-desktop
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
app="$target/release/tablewright-desktop"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo run -q --locked -p tablewright-modelgen --example generate -- 300 3 >"$work/generated-300.tablewright.json"

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

printf '%-28s %9s %14s %22s\n' "model" "entities" "painted (ms)" "idle RSS/PSS (MiB)" >&3
for model in models/acme-bank.tablewright.json "$work/generated-300.tablewright.json"; do
  entities=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entities"]))' "$model")
  times=()
  for run in $(seq 1 "$runs"); do
    read -r t _ < <(launch "$model" $((90 + run)))
    times+=("$t")
  done
  read -r _ memory < <(launch "$model" 99 idle)
  printf '%-28s %9s %14s %22s\n' "$(basename "$model" .tablewright.json)" "$entities" "$(median "${times[@]}")" "$memory" >&3
done
