#!/usr/bin/env bash
# Sets up and starts the Tally desktop app on this machine, with no HQ needed: the first run
# creates a demo terminal (catalog, a cashier and a manager, whose PINs it prints once).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export POS_DATA_DIR="${POS_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/tally}"
target="${CARGO_TARGET_DIR:-target}"
(cd ui && npm run --silent build)
cargo build --quiet -p pos-app -p pos-cli
if [ ! -e "$POS_DATA_DIR/terminal.db" ]; then
  "$target/debug/pos" init --demo
fi
exec "$target/debug/tally"
