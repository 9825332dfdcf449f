#!/usr/bin/env bash
# The open-data part of `make bench` (scripts/bench.sh runs it; it also runs alone once the
# release server is built): seeds EXPORT_SQLITE_OFFERS offers on SQLite (default 1,000,000)
# and EXPORT_PG_OFFERS on PostgreSQL (default 100,000), then
# - four concurrent downloads of /api/v1/exports/offers.csv, then four of offers.jsonl: the
#   slowest time to first byte, the slowest whole download, the bytes per second of the four
#   together, and the server's resident memory before and at its peak during them (sampled
#   every 50 ms; issue 23's goal: under 50 MB growth) — VmRSS, which counts the SQLite file's
#   pages the process maps (page cache, given back under pressure), and RssAnon, the heap
#   alone, which is what a streamed export must keep flat;
# - wrk on /api/v1/offers/changes: a page of 500 changes from the start of the log, and the
#   poll of a re-user who is up to date (an empty page).
# BENCH_DURATION=10s, BENCH_CONNECTIONS=32.
set -euo pipefail
cd "$(dirname "$0")/.."
SQLITE_OFFERS="${EXPORT_SQLITE_OFFERS:-1000000}"
PG_OFFERS="${EXPORT_PG_OFFERS:-100000}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
PG_ADMIN="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET_DIR/release/server"
PORT="${BENCH_PORT:-3970}"
WORK="$TARGET_DIR/bench-exports"
CONCURRENT=4
mkdir -p "$WORK"
[ -x "$BIN" ] || { echo "$BIN missing: cargo build --release -p server" >&2; exit 1; }

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

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
anon_kb() { awk '/RssAnon/ {print $2}' "/proc/$1/status"; }

# The highest VmRSS and RssAnon of process $1 until the file $2 exists, written to $3.
sample_peak() {
  local peak=0 anon=0 now
  while [ ! -e "$2" ]; do
    now=$(rss_kb "$1") && [ "$now" -gt "$peak" ] && peak=$now
    now=$(anon_kb "$1") && [ "$now" -gt "$anon" ] && anon=$now
    sleep 0.05
  done
  echo "$peak $anon" >"$3"
}

# Four concurrent downloads of $2 (a path) from $1: one line of figures.
downloads() {
  local base=$1 path=$2 label=$3 before anon_before
  before=$(rss_kb "$SERVER")
  anon_before=$(anon_kb "$SERVER")
  rm -f "$WORK/done" "$WORK/peak"
  sample_peak "$SERVER" "$WORK/done" "$WORK/peak" &
  local sampler=$! started pids=()
  started=$(date +%s.%N)
  for i in $(seq 1 $CONCURRENT); do
    curl -fsS -o /dev/null -w '%{time_starttransfer} %{time_total} %{size_download}\n' \
      "$base$path" >"$WORK/curl-$i" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  local elapsed
  elapsed=$(python3 -c "import time; print(time.time() - $started)")
  touch "$WORK/done"
  wait "$sampler"
  cat "$WORK"/curl-* | python3 -c "
import sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
ttfb = max(r[0] for r in rows) * 1000
total = max(r[1] for r in rows)
size = sum(r[2] for r in rows)
before, anon_before = $before, $anon_before
peak, anon = map(int, '$(cat "$WORK/peak")'.split())
print(f'%-8s %8s %-6s %9.0f %9.1f %9.1f %10.1f %9.1f %9.1f %8.1f %9.1f %8.1f' % ('$name', '$offers', '$label',
      ttfb, total, size / 2**20 / $CONCURRENT, size / 2**20 / $elapsed, before / 1024, max(peak, before) / 1024,
      (max(peak, before) - before) / 1024, anon_before / 1024, (max(anon, anon_before) - anon_before) / 1024))
"
}

# "req/s p99" of one wrk run.
measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")"
}

CHANGES=()
run_backend() {
  name=$1 offers=$3
  local url=$2 started seeded
  started=$(date +%s)
  "$BIN" --database-url "$url" seed --offers "$offers" >"$WORK/$name-$offers-seed.log" 2>&1
  seeded=$(($(date +%s) - started))
  "$BIN" --database-url "$url" serve --port "$PORT" --api-rate-limit 100000000 \
    >"$WORK/$name-$offers-server.log" 2>&1 &
  SERVER=$!
  local base="http://127.0.0.1:$PORT"
  wait_ready "$base/readyz"
  echo "# $name: $offers offers seeded in ${seeded}s" >&2
  downloads "$base" /api/v1/exports/offers.csv csv
  downloads "$base" /api/v1/exports/offers.jsonl jsonl
  local latest
  latest=$(curl -fsS "$base/api/v1/offers/changes" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"])')
  read -r first_rps first_p99 <<<"$(measure "$base/api/v1/offers/changes?since=0&limit=500")"
  read -r poll_rps poll_p99 <<<"$(measure "$base/api/v1/offers/changes?since=$latest")"
  CHANGES+=("$(printf '%-8s %8s %-28s %9s %8s' "$name" "$offers" "500 changes from the start" "$first_rps" "$first_p99")")
  CHANGES+=("$(printf '%-8s %8s %-28s %9s %8s' "$name" "$offers" "up to date (empty page)" "$poll_rps" "$poll_p99")")
  stop_server
}

printf '\n%-8s %8s %-6s %9s %9s %9s %10s %9s %9s %8s %9s %8s\n' backend offers format "ttfb ms" "total s" "MB each" \
  "MB/s (4)" "RSS MB" "peak MB" "growth" "anon MB" "growth"
rm -f "$WORK/bench.sqlite3"*
run_backend sqlite "sqlite://$WORK/bench.sqlite3" "$SQLITE_OFFERS"
rm -f "$WORK/bench.sqlite3"*
DB=talents_bench_exports
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" && psql "$PG_ADMIN" -qc "CREATE DATABASE $DB"
run_backend postgres "${PG_ADMIN%/*}/$DB" "$PG_OFFERS"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"

printf '\n%-8s %8s %-28s %9s %8s\n' backend offers "/api/v1/offers/changes" "req/s" p99
printf '%s\n' "${CHANGES[@]}"
