#!/usr/bin/env bash
# The search part of `make bench` (scripts/bench.sh runs it; it also runs alone once the
# release server is built): for each offer count and each database, builds the index with
# `server reindex` (time, size on disk, memory), then measures with wrk the search queries —
# one word, two words, a typo, with filters, with facets, filter-only, a page of /offres (as
# is and brotli-compressed, as browsers ask),
# 8,064 distinct searches that the server's cache cannot answer (benches/distinct_searches.lua)
# — and /api/v1/suggest, beside /api/v1/offers/{id} in the same run (the issue asks search
# req/s to be at least half of it, p99 ≤ 25 ms, suggest p99 ≤ 10 ms); then the engine's own
# cost of 416 distinct searches, without HTTP (server/examples/search_cost.rs).
# BENCH_OFFERS="10000 100000", BENCH_DURATION=10s, BENCH_CONNECTIONS=32.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFER_COUNTS="${BENCH_OFFERS:-10000 100000}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
PG_ADMIN="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET_DIR/release/server"
COST="$TARGET_DIR/release/examples/search_cost"
PORT="${BENCH_PORT:-3960}"
WORK="$TARGET_DIR/bench-search"
mkdir -p "$WORK"
[ -x "$BIN" ] || { echo "$BIN missing: cargo build --release -p server" >&2; exit 1; }
[ -x "$COST" ] || { echo "$COST missing: cargo build --release -p server --example search_cost" >&2; exit 1; }

SERVER=""
stop_server() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=""
}
trap stop_server EXIT

wait_ready() {
  for _ in $(seq 1 600); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "not ready: $1" >&2; return 1
}

# "req/s p50 p99" of one wrk run (a second argument: the wrk script that makes the requests;
# a third: a request header).
measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency ${2:+-s "$2"} ${3:+-H "$3"} "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1=="50%" {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")"
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

run_backend() {
  local name=$1 url=$2 offers=$3
  local started seeded
  started=$(date +%s)
  "$BIN" --database-url "$url" seed --offers "$offers" >"$WORK/$name-$offers-seed.log" 2>&1
  seeded=$(( $(date +%s) - started ))
  local built
  built=$("$BIN" --database-url "$url" reindex --search-index "$WORK/index-$name-$offers" 2>/dev/null | tail -1)
  "$BIN" --database-url "$url" serve --port "$PORT" --api-rate-limit 100000000 \
    >"$WORK/$name-$offers-server.log" 2>&1 &
  SERVER=$!
  local base="http://127.0.0.1:$PORT"
  sleep 0.3
  local rss_start
  rss_start=$(rss_kb "$SERVER")
  wait_ready "$base/readyz"
  local rss_ready
  rss_ready=$(rss_kb "$SERVER")
  echo "$name $offers offers: seeded in ${seeded}s; index (on disk) $built; server memory ${rss_start} kB at start, ${rss_ready} kB with the index in memory"
  # Let the machine settle before measuring: the seeding's writes flushed to disk (their
  # writeback made the first rows' p99 of a run two to six times the same rows' a minute
  # later), then a short run whose figures are dropped.
  sync
  wrk -t2 -c"$CONNECTIONS" -d3s "$base/api/v1/offers?q=data" >/dev/null
  local offer
  offer=$(curl -fsS "$base/api/v1/offers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  read -r base_rps base_p50 base_p99 <<<"$(measure "$base/api/v1/offers/$offer")"
  printf '%-8s %7s %-22s %9s %8s %8s %7s\n' "$name" "$offers" "offer-api (reference)" "$base_rps" "$base_p50" "$base_p99" "100%"
  local targets=(
    "one word|/api/v1/offers?q=data"
    "two words|/api/v1/offers?q=chef%20de%20projet"
    "typo|/api/v1/offers?q=developeur"
    "with filters|/api/v1/offers?q=developpeur&region=11&contract=contractuel"
    "with facets|/api/v1/offers?q=data&facets=region,departement,contract,remote,experience,family,metier,entity"
    "filter-only|/api/v1/offers?contract=titulaire_ou_contractuel&remote=partial"
    "page /offres?q=data|/offres?q=data"
    "same, brotli|/offres?q=data||Accept-Encoding: gzip, deflate, br"
    "suggest|/api/v1/suggest?q=d%C3%A9v"
    "distinct searches|/|benches/distinct_searches.lua"
  )
  for t in "${targets[@]}"; do
    IFS='|' read -r target path script header <<<"$t"
    read -r rps p50 p99 <<<"$(measure "$base$path" "$script" "$header")"
    printf '%-8s %7s %-22s %9s %8s %8s %6.0f%%\n' "$name" "$offers" "$target" "$rps" "$p50" "$p99" \
      "$(python3 -c "print(100 * $rps / $base_rps)")"
  done
  stop_server
  echo "$name $offers offers, engine alone: $("$COST" "$url" 3 | tail -1)"
}

printf '\n%-8s %7s %-22s %9s %8s %8s %7s\n' backend offers query "req/s" p50 p99 "vs {id}"
for offers in $OFFER_COUNTS; do
  rm -f "$WORK/bench.sqlite3"*
  run_backend sqlite "sqlite://$WORK/bench.sqlite3" "$offers"
  DB=talents_bench_search
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" && psql "$PG_ADMIN" -qc "CREATE DATABASE $DB"
  run_backend postgres "${PG_ADMIN%/*}/$DB" "$offers"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
done
