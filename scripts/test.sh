#!/usr/bin/env bash
# Sets up everything the tests need and runs all of them: formatting, lints, the UI's type
# check and build, and every Rust test (unit, property and integration against PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

scripts/setup.sh --test
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export RUST_BACKTRACE=0

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

step "UI: type check, unit tests (Vitest) and build"
(cd ui && npm run --silent check && npm test --silent && npm run --silent build)

step "the built UI in Chromium, the Tauri IPC mocked at its boundary (playwright-core)"
(cd tests/browser && npm test)

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo deny: licenses, bans and sources (deny.toml; advisories need GitHub, see there)"
cargo deny --log-level error check licenses bans sources

step "cargo test"
cargo test --workspace

step "HQ's API fuzzed from its OpenAPI document (schemathesis, 50 examples per operation, as a terminal and as an admin): no 5xx, no accepted invalid request"
tests/fuzz/run.sh 50

step "benchmark smoke runs (small sizes, debug build; figures printed, never asserted)"
cargo run --quiet -p pos-store --example bench -- 2000 20 200
cargo run --quiet -p sync-e2e --example ingest_bench -- 100 1,2
cargo run --quiet -p sync-e2e --example pull_bench -- 2000

step "the real app through tauri-driver and WebKitWebDriver, under Xvfb"
cargo build --workspace --all-targets  # the app and pos, with the features the tests built
(cd tests/ui && xvfb-run -a -s "-screen 0 1280x800x24" npm test)

step "the app's cold start, smoke size (20,000 items, one launch each; figures printed, never asserted)"
cargo build --quiet -p pos-terminal --example big_store
(cd tests/ui && BIG_STORE=../../target/debug/examples/big_store \
  xvfb-run -a -s "-screen 0 1280x800x24" node cold-start.mjs 20000 1)

step "all tests passed in $(( $(date +%s) - started ))s"
