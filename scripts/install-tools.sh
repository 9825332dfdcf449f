#!/usr/bin/env bash
# Installs the build and test toolchain on a fresh Debian machine with Rust and Node.
# Idempotent: every step is skipped when the right version is already there, so CI
# (which reuses the machine) pays for it once.
set -euo pipefail

TRUNK_VERSION=0.22.1
# Must equal the wasm-bindgen crate resolved in Cargo.lock (pinned in Cargo.toml).
WASM_BINDGEN_VERSION=0.2.130
# The hydration bundles are built on this nightly, whose standard library is rebuilt to abort
# on panic without formatting anything (the Makefile's `wasm`); the server stays on stable.
WASM_TOOLCHAIN=nightly-2026-05-20
# The splitter of leptos' lazy routes: must read what the wasm_split_helpers in Cargo.lock write.
WASM_SPLIT_VERSION=0.2.4

cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! rustup toolchain list | grep -q "^${WASM_TOOLCHAIN}"; then
  rustup toolchain install "${WASM_TOOLCHAIN}" --profile minimal \
    --component rust-src --target wasm32-unknown-unknown
fi
# Trunk builds offline: fetch the crates the standard library's own build needs.
cargo "+${WASM_TOOLCHAIN}" fetch --quiet \
  --manifest-path "$(rustc "+${WASM_TOOLCHAIN}" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

if ! trunk --version 2>/dev/null | grep -q "trunk ${TRUNK_VERSION}"; then
  cargo install trunk --version "${TRUNK_VERSION}" --locked --ignore-rust-version
fi

# wasm-bindgen-cli's own lock pins a crate the registry lacks: install without --locked.
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen ${WASM_BINDGEN_VERSION}"; then
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

# Splits the public bundle into a chunk per page (scripts/split-wasm.sh).
if ! cargo install --list | grep -q "^wasm_split_cli_support v${WASM_SPLIT_VERSION}:"; then
  cargo install wasm_split_cli_support --version "${WASM_SPLIT_VERSION}" --locked --features build-binary
fi

# npm packages: DSFR (served), binaryen's wasm-opt (Debian's is broken for this), Playwright, axe.
if [ ! -d node_modules/@gouvfr/dsfr ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

# Debian's chromium for the browser tests (Playwright never downloads its own).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
