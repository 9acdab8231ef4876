#!/usr/bin/env bash
# Installs what Tally needs to build, run and test on Debian/Ubuntu, and starts PostgreSQL.
# Idempotent and quick when everything is already there. Usage: scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo is not installed; install Rust 1.95 or newer with rustup first." >&2
  exit 1
fi

# --- system packages -------------------------------------------------------------------------
packages=(build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev
          libayatana-appindicator3-dev librsvg2-dev libxdo-dev libdbus-1-dev nodejs npm
          postgresql-client)
# The token-store test runs a real Secret Service (gnome-keyring) on a private D-Bus bus.
$for_tests && packages+=(xvfb webkit2gtk-driver chromium python3-venv dbus gnome-keyring)
command -v pg_ctlcluster >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || packages+=(postgresql)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (nodesource, nvm): a working npm is enough.
if command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- front-end packages ----------------------------------------------------------------------
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- the WebDriver side of the UI tests ------------------------------------------------------
if $for_tests; then
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "installing tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
  if ! command -v cargo-deny >/dev/null 2>&1; then
    say "installing cargo-deny (licenses, bans and sources of the dependencies)"
    cargo install cargo-deny --version 0.20.2 --locked --quiet
  fi
  if [ ! -d tests/ui/node_modules ] || [ tests/ui/package-lock.json -nt tests/ui/node_modules/.package-lock.json ]; then
    say "installing the UI tests' npm packages"
    (cd tests/ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    say "installing the browser tests' npm packages"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

# --- PostgreSQL (tests, and HQ development) --------------------------------------------------
if $for_tests; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    fresh_install=false
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
      fresh_install=true
    fi
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    if $fresh_install; then
      # A server this script installed is a throwaway development server: let the tests in
      # over loopback without a password, as on the CI machines.
      echo "host all all 127.0.0.1/32 trust" | as_root tee -a "/etc/postgresql/$version/main/pg_hba.conf" >/dev/null
    fi
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "error: PostgreSQL is not accepting connections on 127.0.0.1:5432." >&2
    exit 1
  fi
fi
say "setup complete"
