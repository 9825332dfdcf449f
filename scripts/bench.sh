#!/usr/bin/env bash
# `make bench`: prints, in one run,
# 1. the Vis mon job matcher beside SciPy on the same national-size instance;
# 2. req/s and p99 (wrk) of the offers search, an offer and an entity — as JSON from the API
#    and as server-rendered pages — at 10,000 and 100,000 offers on SQLite and PostgreSQL,
#    each beside a bare axum server answering the same bytes from memory (the ceiling of this
#    machine), as a ratio;
# 3. the search engine (scripts/bench_search.sh): index build time, size and memory, and
#    req/s, p50 and p99 of search queries and suggestions beside an offer's, same run;
# 4. open data (scripts/bench_exports.sh): four concurrent CSV and JSON Lines exports at
#    1,000,000 offers on SQLite and 100,000 on PostgreSQL (time to first byte, throughput,
#    the server's memory before and during), and req/s of the changes feed;
# 5. what the WASM's code is made of (crates and methods, from its name section), then the
#    first-load size of a signed-in space and of each public page — WASM + JS + CSS, raw and
#    brotli as served — against the 250 KB brotli budget.
# BENCH_OFFERS="10000" and BENCH_DURATION=5s shorten it.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFER_COUNTS="${BENCH_OFFERS:-10000 100000}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BUDGET_BYTES=$((250 * 1024))
PG_ADMIN="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PORT=3950
CEILING_PORT=3951
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

cargo build --release -p server --bin server --example ceiling --example search_cost
BIN=target/release/server
CEILING=target/release/examples/ceiling

SERVER=""
CEILING_PID=""
stop_all() {
  for pid in $SERVER $CEILING_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  SERVER=""; CEILING_PID=""
}
trap stop_all EXIT

wait_ready() {
  for _ in $(seq 1 150); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "not ready: $1" >&2; return 1
}

# "req/s p99" of one wrk run; a request slower than 10 s counts as a timeout, shown as
# "timeouts:N" in place of p99 (wrk leaves such requests out of its latency figures), and a
# run where no request finished says "none-answered".
measure() {
  local out timeouts
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  timeouts=$(awk '/Socket errors/ {gsub(",", ""); print $NF}' <<<"$out")
  if grep -q "^ *0 requests in" <<<"$out"; then
    echo "0 none-answered"
  elif [ -n "$timeouts" ] && [ "$timeouts" != 0 ]; then
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") timeouts:$timeouts"
  else
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")"
  fi
}

printf '\n%-8s %7s %-14s %10s %9s %12s %9s %7s\n' backend offers target "req/s" p99 "ceiling/s" "ceil p99" ratio
run_backend() {
  local name=$1 url=$2 offers=$3
  "$BIN" --database-url "$url" seed --offers "$offers" >"$WORK/$name-$offers-seed.log" 2>&1
  "$BIN" --database-url "$url" serve --port "$PORT" --api-rate-limit 100000000 \
    >"$WORK/$name-$offers-server.log" 2>&1 &
  SERVER=$!
  local base="http://127.0.0.1:$PORT"
  wait_ready "$base/readyz"
  local offer
  offer=$(curl -fsS "$base/api/v1/offers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  # target name, real URL path, content type of the capture
  local targets=(
    "search-api|/api/v1/offers?q=developpeur|application/json"
    "offer-api|/api/v1/offers/$offer|application/json"
    "entity-api|/api/v1/entities/dinum|application/json"
    "offer-page|/offres/$offer|text/html; charset=utf-8"
    "entity-page|/entites/dinum|text/html; charset=utf-8"
  )
  local routes=()
  for t in "${targets[@]}"; do
    IFS='|' read -r target path type <<<"$t"
    curl -fsS "$base$path" -o "$WORK/$target.body"
    routes+=("${path%%\?*}=$WORK/$target.body:$type")
  done
  "$CEILING" "$CEILING_PORT" "${routes[@]}" &
  CEILING_PID=$!
  wait_ready "http://127.0.0.1:$CEILING_PORT/api/v1/entities/dinum"
  for t in "${targets[@]}"; do
    IFS='|' read -r target path type <<<"$t"
    read -r rps p99 <<<"$(measure "$base$path")"
    read -r crps cp99 <<<"$(measure "http://127.0.0.1:$CEILING_PORT$path")"
    printf '%-8s %7s %-14s %10s %9s %12s %9s %6.1f%%\n' "$name" "$offers" "$target" "$rps" "$p99" \
      "$crps" "$cp99" "$(python3 -c "print(100 * $rps / $crps)")"
  done
  stop_all
}

for offers in $OFFER_COUNTS; do
  rm -f "$WORK/bench.sqlite3"*
  run_backend sqlite "sqlite://$WORK/bench.sqlite3" "$offers"
  DB=talents_bench
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" && psql "$PG_ADMIN" -qc "CREATE DATABASE $DB"
  run_backend postgres "${PG_ADMIN%/*}/$DB" "$offers"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
done

echo
echo "== Search: index build, queries and suggestions"
CARGO_TARGET_DIR=target BENCH_PORT=$PORT ./scripts/bench_search.sh

echo
echo "== Open data: concurrent exports and the changes feed"
CARGO_TARGET_DIR=target BENCH_PORT=$PORT ./scripts/bench_exports.sh

echo
echo "== What the WASM holds (function bytes before wasm-opt, by crate and by method)"
python3 scripts/wasm_crates.py target/wasm32-unknown-unknown/wasm-release/frontend.wasm 12

[ -f dist/pkg/frontend_bg.wasm ] || { echo "dist/ not built: run make build" >&2; exit 1; }
rm -f "$WORK/size.sqlite3"*
"$BIN" --database-url "sqlite://$WORK/size.sqlite3" serve --port "$PORT" --seed-if-empty \
  >"$WORK/size-server.log" 2>&1 &
SERVER=$!
wait_ready "http://127.0.0.1:$PORT/readyz"
# A link of the page at $1 whose path matches the regular expression $2 (a page to weigh).
first_link() {
  local html link
  html=$(curl -fsS "http://127.0.0.1:$PORT$1")
  link=$(grep -oE "href=\"$2\"" <<<"$html" | sed -n 1p | cut -d'"' -f2)
  [ -n "$link" ] || { echo "no link to $2 on $1" >&2; exit 1; }
  echo "$link"
}
echo
echo "== First load of a signed-in space (the recruiter's), whose pages come with the spaces bundle"
python3 scripts/first_load.py "$BUDGET_BYTES" "http://127.0.0.1:$PORT/espace-recruteur" || true
echo
echo "== First load of each public page: the public bundle's main module, the page's chunks"
echo "   (named in its head), JS and CSS as served (brotli when the browser asks), against the budget"
offer=$(first_link /offres '/offres/[0-9]+')
metier=$(first_link /metiers '/metiers/[a-z0-9-]+')
edition=$(first_link /vis-mon-job '/vis-mon-job/[a-z0-9-]+')
session=$(first_link /forum '/forum/sessions/[0-9]+')
pages=(/ /offres "$offer" "$offer/postuler" /entites /entites/dinum /metiers "$metier" /vis-mon-job
  "$edition" /forum "$session" /connexion /inscription)
python3 scripts/first_load.py "$BUDGET_BYTES" "${pages[@]/#/http://127.0.0.1:$PORT}" || true
# Held to the budget: the home page, where most visits begin (the others are reported above).
python3 scripts/first_load.py "$BUDGET_BYTES" "http://127.0.0.1:$PORT/" >/dev/null ||
  { echo "the home page's first load is over the budget" >&2; exit 1; }
