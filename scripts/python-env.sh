#!/usr/bin/env bash
# Creates .venv with the pinned Python tools (benches/requirements.txt); idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ benches/requirements.txt -nt .venv/.installed ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r benches/requirements.txt
  touch .venv/.installed
fi
