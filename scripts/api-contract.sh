#!/usr/bin/env bash
# Validates the OpenAPI document the server serves (openapi-spec-validator) and the open-data
# exports against their Data Package (frictionless), then fuzzes the JSON API with
# schemathesis against the document, on a freshly seeded SQLite database and on
# PostgreSQL: no 5xx, and every status code, content type, header and body as documented.
# Every operation is tried anonymously, then each space with a session of its role
# (candidate, recruiter, admin). PostgreSQL needs
# TEST_POSTGRES_URL (an admin URL); without it the run says so and fails when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-3902}"
EXAMPLES="${CONTRACT_EXAMPLES:-25}"
WORK=target/contract
BIN=./target/debug/server
rm -rf "$WORK" && mkdir -p "$WORK"
./scripts/python-env.sh

SERVER=""
stop_server() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; fi; }
PG_DB=""
cleanup() {
  stop_server
  if [ -n "$PG_DB" ]; then psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true; fi
}
trap cleanup EXIT

# st ROLE SESSION [FILTERS…]: one schemathesis run, with that session cookie if any.
st() {
  local role=$1 session=$2
  shift 2
  local cookie=()
  if [ -n "$session" ]; then cookie=(-H "Cookie: talents_session=$session"); fi
  echo "-- as $role"
  .venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/openapi.json" "${cookie[@]}" "$@" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" --seed 20261201 --workers 1 \
    --suppress-health-check all --request-timeout 30 \
    --report junit --report-junit-path "$WORK/$CURRENT-$role-junit.xml"
}

fuzz() {
  local name=$1 url=$2
  CURRENT=$name
  echo "== schemathesis on $name ($EXAMPLES examples per operation)"
  "$BIN" --database-url "$url" seed >"$WORK/$name-seed.log" 2>&1
  local admin_link
  admin_link=$("$BIN" --database-url "$url" create-admin --email talents@numerique.gouv.fr \
    --public-url "http://127.0.0.1:$PORT" 2>>"$WORK/$name-seed.log" | tail -n 1)
  # One client does everything here: lift the quota per address (429s are checked in the
  # server's own tests).
  "$BIN" --database-url "$url" serve --port "$PORT" --api-rate-limit 1000000 \
    --cv-storage "$WORK/$name-cvs" --outbox-shows-links true >"$WORK/$name-server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/$name-server.log"; exit 1; }
  local admin recruiter candidate
  # The document itself first, by a validator we did not write: a client generator refuses
  # a document with two operations of one id, or parameters in the wrong place.
  curl -fsS "http://127.0.0.1:$PORT/api/v1/openapi.json" >"$WORK/openapi.json"
  .venv/bin/openapi-spec-validator "$WORK/openapi.json"
  # The open-data exports, read by a table client against the types they publish.
  .venv/bin/frictionless validate "http://127.0.0.1:$PORT/api/v1/exports/datapackage.json"
  read -r admin recruiter candidate < <(.venv/bin/python scripts/contract-accounts.py "http://127.0.0.1:$PORT" "$admin_link")
  [ -n "$candidate" ] || { echo "could not sign the three accounts in" >&2; exit 1; }
  st anonymous ""
  # Signing out or erasing the account would end the session the rest of the run uses.
  st candidate "$candidate" --exclude-path-regex '^/api/v1/(admin|recruiter)/' \
    --exclude-path /api/v1/auth/logout --exclude-operation-id erase_account
  st recruiter "$recruiter" --include-path-regex '^/api/v1/recruiter/'
  st admin "$admin" --include-path-regex '^/api/v1/admin/'
  stop_server
}

fuzz sqlite "sqlite://$WORK/contract.sqlite3"

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  PG_DB="talents_contract_$$"
  psql "$TEST_POSTGRES_URL" -qc "CREATE DATABASE $PG_DB"
  fuzz postgresql "${TEST_POSTGRES_URL%/*}/$PG_DB"
elif [ "${CI:-}" = "true" ]; then
  echo "TEST_POSTGRES_URL is not set: the PostgreSQL contract run cannot be skipped in CI" >&2
  exit 1
else
  echo "== PostgreSQL skipped (set TEST_POSTGRES_URL to run it)"
fi
