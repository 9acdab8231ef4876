#!/usr/bin/env bash
# Property-based fuzzing of HQ's API from its own OpenAPI document (schemathesis from PyPI):
# a throwaway database, `hq serve`, then a bounded number of generated requests per
# operation, twice: as a paired terminal (every operation), and as a signed-in admin (the
# admin API, but signing in and out). It fails on any 5xx answer and on any request that
# breaks the document but is accepted (`negative_data_rejection`, tests/fuzz/schemathesis.toml).
#
#   tests/fuzz/run.sh [MAX_EXAMPLES]      (default 50; needs target/debug/hq: cargo build -p hq)
set -euo pipefail
cd "$(dirname "$0")/../.."
examples="${1:-50}"
base_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
db="tally_fuzz_$$"
db_url="${base_url%/*}/$db"
venv=target/fuzz-venv
hq=target/debug/hq

if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5
fi

psql "$base_url" -qc "CREATE DATABASE $db"
log=$(mktemp)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  psql "$base_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -f "$log"
}
trap cleanup EXIT

"$hq" --database-url "$db_url" db migrate >/dev/null
"$hq" --database-url "$db_url" serve --listen 127.0.0.1:0 >"$log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "hq listening on" "$log" && break; sleep 0.1; done
url=$(sed -n 's/^hq listening on //p' "$log" | head -n 1)
[ -n "$url" ] || { echo "hq serve did not start:"; cat "$log"; exit 1; }

code=$("$hq" --database-url "$db_url" terminal add --name "Fuzz till" --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
token=$(curl -fsS -X POST -H "tally-protocol: 1" -H "content-type: application/json" \
  -d "{\"code\": \"$code\"}" "$url/api/v1/pair" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

# An admin's session, opened before the first pass fuzzes the sign-in (whose wrong passwords
# soon get this address refused for a while).
printf '%s\n' "fuzz admin password" |
  "$hq" --database-url "$db_url" init --email fuzz-admin@example.com >/dev/null
session=$(curl -fsS -X POST -H "content-type: application/json" \
  -d '{"email": "fuzz-admin@example.com", "password": "fuzz admin password"}' \
  "$url/api/v1/admin/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

checks=not_a_server_error,negative_data_rejection
fuzz() {
  "$venv/bin/schemathesis" --config-file tests/fuzz/schemathesis.toml run \
    "$url/api/v1/openapi.json" --max-examples "$examples" --checks "$checks" \
    --seed 20261127 --no-color "$@"
}

# The terminal's token is fixed so that generated requests get past authentication and reach
# the handlers; the protocol header is generated from the document (exactly one version is
# valid), so requests without it or with another version are tried too.
fuzz --header "Authorization: Bearer $token"

# As the admin: the session is fixed, and signing in and out (which would end it) is left out.
fuzz --header "Authorization: Bearer $session" --include-path-regex '^/api/v1/admin/' \
  --exclude-path /api/v1/admin/logout --exclude-path /api/v1/admin/login
