#!/usr/bin/env bash
# Reproduces every figure in BENCHMARKS.md: release builds, full sizes, PostgreSQL from
# TEST_DATABASE_URL (default: the local server); run scripts/setup.sh --test first (Xvfb and
# tauri-driver for the app's cold start). About 10 minutes of compiling the first time and 12
# of running on a 2-core machine. Figures are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

step "terminal store: lookup, search, sale commit, memory, cold start (1,000,000 items)"
cargo run --release --quiet -p pos-store --example bench -- 1000000 2000 20000
step "the manager's stock screen (1,000,000 items)"
cargo run --release --quiet -p pos-store --example bench -- 1000000 0 0 stock
step "a fresh terminal pulling a 100,000-item catalog"
cargo run --release --quiet -p sync-e2e --example pull_bench -- 100000
step "HQ applying pushed sales from 1, 10 and 50 terminals, against COPY"
cargo run --release --quiet -p sync-e2e --example ingest_bench -- 2000 1,10,50
step "a week offline: 10,000 queued sales drained by one terminal"
cargo run --release --quiet -p sync-e2e --example ingest_bench -- 10000 1
step "the cost curve: 1, 2, 4 and 5 at 1x to 1,000x their data (docs/bench/growth.csv and .svg)"
python3 scripts/growth.py
step "the app's cold start under Xvfb: demo store against the demo store + 1,000,000 items"
(cd ui && npm run --silent build)
cargo build --quiet -p pos-app -p pos-cli
cargo build --release --quiet -p pos-terminal --example big_store
(cd tests/ui && xvfb-run -a -s "-screen 0 1280x800x24" node cold-start.mjs 1000000 5)
