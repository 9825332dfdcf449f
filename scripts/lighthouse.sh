#!/usr/bin/env bash
# Lighthouse 12 (mobile preset, Debian's chromium) on five public pages of the release server
# over the demo catalogue: prints the four category scores of each, and what keeps a
# category under 100. Not part of `make test` (a score is a measurement, not a check).
#   scripts/lighthouse.sh            # builds the release server if needed
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${LIGHTHOUSE_PORT:-3960}"
WORK=target/lighthouse
rm -rf "$WORK" && mkdir -p "$WORK"
cargo build --release -p server --bin server
BIN=target/release/server
DB="sqlite://$WORK/lighthouse.sqlite3"
"$BIN" --database-url "$DB" seed >"$WORK/seed.log" 2>&1
BASE="http://localhost:$PORT"
"$BIN" --database-url "$DB" serve --port "$PORT" --public-url "$BASE" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

offer=$(curl -fsS "$BASE/api/v1/offers?limit=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')
edition=$(curl -fsS "$BASE/api/v1/vis-mon-job/editions" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const e=JSON.parse(s);console.log((e.items||e)[0].slug)})')
for path in / /offres "/offres/$offer" /entites/dinum "/vis-mon-job/$edition"; do
  name=$(echo "$path" | tr '/' '_')
  CHROME_PATH=/usr/bin/chromium npx --yes lighthouse@12.2.3 "$BASE$path" --quiet \
    --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$WORK/report$name.json" >/dev/null
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories;
    const pct = (k) => Math.round(c[k].score * 100);
    const misses = Object.values(r.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map((a) => a.id);
    console.log(`${process.argv[2].padEnd(34)} performance ${pct("performance")}  accessibility ${pct("accessibility")}  best practices ${pct("best-practices")}  SEO ${pct("seo")}`
      + (misses.length ? `\n    under 0.9: ${misses.join(", ")}` : ""));
  ' "$PWD/$WORK/report$name.json" "$path"
done
