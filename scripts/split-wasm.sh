#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): splits the public bundle into the app's frame and one
# chunk per page (app::lazy), which Trunk cannot do itself (trunk-rs/trunk#1022). Reads the
# module cargo linked with relocations (the Makefile's `wasm`) and replaces the JS and WASM
# Trunk staged with wasm-split-cli's main module through wasm-bindgen, its chunks and loader,
# each through wasm-opt -Oz.
set -euo pipefail
[[ "${TRUNK_HTML_FILE:-}" == */frontend/index.html ]] || exit 0
cd "$(dirname "$0")/.."
input=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
work=target/wasm-split
pkg="${TRUNK_STAGING_DIR}/pkg"
rm -rf "$work"
mkdir -p "$work/bindgen"
wasm-split-cli "$input" "$work" --out-name frontend
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-dir "$work/bindgen" --out-name frontend "$work/frontend.wasm"
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
wasm-opt -Oz "${features[@]}" "$work/bindgen/frontend_bg.wasm" -o "$pkg/frontend_bg.wasm"
cp "$work/bindgen/frontend.js" "$pkg/frontend.js"
for chunk in "$work"/*.wasm; do
  [ "$(basename "$chunk")" = frontend.wasm ] && continue
  wasm-opt -Oz "${features[@]}" "$chunk" -o "$pkg/$(basename "$chunk")"
done
cp "$work"/*.js "$pkg/"
echo "split: main module $(stat -c %s "$pkg/frontend_bg.wasm") bytes, $(ls "$pkg"/chunk_*.wasm "$pkg"/split_*.wasm | wc -l) chunks"
