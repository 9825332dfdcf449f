#!/usr/bin/env bash
# Starts the debug server on a fresh, seeded SQLite database and runs the Playwright tests
# against it in Debian's chromium; the server is stopped whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-3901}"
shift || true
WORK=target/e2e
rm -rf "$WORK" && mkdir -p "$WORK"
DB="sqlite://$WORK/e2e.sqlite3"

./target/debug/server --database-url "$DB" seed >"$WORK/seed.log" 2>&1
# The first admin, as an operator creates it; the test opens the printed link.
# `localhost` (not 127.0.0.1): browsers keep Secure cookies on http://localhost only.
BASE="http://localhost:$PORT"
E2E_ADMIN_LINK=$(./target/debug/server --database-url "$DB" create-admin \
  --email talents@numerique.gouv.fr --public-url "$BASE" 2>>"$WORK/seed.log" | tail -n 1)
export E2E_ADMIN_LINK
# A second admin for the every-route test (e2e/routes.spec.ts), which opens its own accounts.
E2E_ROUTES_ADMIN_LINK=$(./target/debug/server --database-url "$DB" create-admin \
  --email talents-routes@numerique.gouv.fr --public-url "$BASE" 2>>"$WORK/seed.log" | tail -n 1)
export E2E_ROUTES_ADMIN_LINK
# A third admin reads the links the tests' people are mailed (e2e/helpers.ts `mailedLink`):
# signed in below, once the server is up, its session given to the tests.
MAIL_ADMIN_LINK=$(./target/debug/server --database-url "$DB" create-admin \
  --email talents-courriels@numerique.gouv.fr --public-url "$BASE" 2>>"$WORK/seed.log" | tail -n 1)
# All the browser tests come from one address and sign the same accounts in again and again:
# lift the API quota, the attempt limits and the daily caps (their own tests are in server/tests).
./target/debug/server --database-url "$DB" serve --port "$PORT" --public-url "$BASE" --api-rate-limit 100000 \
  --attempt-limit-per-address 10000 --attempt-limit-per-account 10000 --cv-storage "$WORK/cvs" \
  --daily-applications-per-address 10000 --daily-cv-mb-per-address 10000 \
  --outbox-shows-links true >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server.log"; exit 1; }

E2E_MAIL_READER_COOKIE=$(curl -fsS -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"token\": \"${MAIL_ADMIN_LINK##*jeton=}\", \"password\": \"une phrase de passe solide\"}" \
  "http://127.0.0.1:$PORT/api/v1/auth/password-reset/confirm" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \(talents_session=[^;]*\).*/\1/p')
[ -n "$E2E_MAIL_READER_COOKIE" ] || { echo "the mail-reading admin could not sign in"; exit 1; }
export E2E_MAIL_READER_COOKIE

E2E_BASE_URL="$BASE" npx playwright test --config e2e/playwright.config.ts "$@"
