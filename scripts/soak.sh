#!/usr/bin/env bash
# Bounded load, fault and multi-process tests (issue 8), about 2 minutes, on loopback:
# wrk on the public reads, kill -9 during 1,000 applications (SQLite and PostgreSQL), a
# PostgreSQL stopped under the server, three server processes on one database. Runs the
# debug build as it is (target/debug/server: this script builds nothing). PostgreSQL comes
# from TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and, for the
# outage, a private instance made with initdb; without them the checks say SKIP, or fail
# when CI=true. Logs and the wrk report in target/soak/.
#
# Usage: scripts/soak.sh [load|kill|pg-restart|processes|hashing|all]…
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x target/debug/server ]; then
  echo "soak: target/debug/server is missing: build it first (cargo build -p server)" >&2
  exit 1
fi
./scripts/python-env.sh
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi
# 256 load connections, and the server's own descriptors, need more than a 1024 default.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 4096 ]; then
  ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# soak.py imports soak_support.py: no __pycache__ left in scripts/.
export PYTHONDONTWRITEBYTECODE=1
exec .venv/bin/python scripts/soak.py "${@:-all}"
