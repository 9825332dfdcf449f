#!/usr/bin/env bash
# Times the Vis mon job matcher beside SciPy on the same instance, then load-tests
# GET /api/v1/offers on SQLite and PostgreSQL with 10,000 seeded offers, using wrk
# (installed from Debian if missing). Prints requests/s and latency percentiles per query.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFERS="${BENCH_OFFERS:-10000}"
PG_ADMIN="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PORT=3950
WORK=target/bench
mkdir -p "$WORK"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi
echo "== Vis mon job matcher: 5,000 students x 2,000 ambassadors (capacity 1-3), seed 42, against SciPy"
./scripts/python-env.sh
cargo build --release -p matching --example export
target/release/examples/export national 42 "$WORK/national.json"
.venv/bin/python benches/scipy_compare.py "$WORK/national.json"

cargo build --release -p server
BIN=target/release/server

QUERIES=(
  "/api/v1/offers"
  "/api/v1/offers?q=donnees"
  "/api/v1/offers?q=developpeur%20python&region=11"
  "/api/v1/offers?contract=titulaire_ou_contractuel&remote=partial&limit=50"
  "/api/v1/offers?family=securite&sort=recent"
)

run_backend() {
  local name=$1 url=$2
  echo "== $name: seeding $OFFERS offers"
  "$BIN" --database-url "$url" seed --offers "$OFFERS" >"$WORK/$name-seed.log" 2>&1
  "$BIN" --database-url "$url" serve --port "$PORT" >"$WORK/$name-server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  for q in "${QUERIES[@]}"; do
    local out
    out=$(wrk -t2 -c16 -d10s --latency "http://127.0.0.1:$PORT$q")
    printf '%-8s %-75s %10s req/s  p50 %8s  p99 %8s\n' "$name" "$q" \
      "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
      "$(awk '$1=="50%" {print $2}' <<<"$out")" \
      "$(awk '$1=="99%" {print $2}' <<<"$out")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

rm -f "$WORK/bench.sqlite3"*
run_backend sqlite "sqlite://$WORK/bench.sqlite3"

DB=talents_bench
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" && psql "$PG_ADMIN" -qc "CREATE DATABASE $DB"
run_backend postgres "${PG_ADMIN%/*}/$DB"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
