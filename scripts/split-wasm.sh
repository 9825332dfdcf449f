#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): splits the public bundle into the app's frame and one
# chunk per page (app::lazy), which Trunk cannot do itself (trunk-rs/trunk#1022). Reads the
# module cargo linked with relocations (the Makefile's `wasm`) and replaces the JS and WASM
# Trunk staged with wasm-split-cli's main module through wasm-bindgen, its chunks and loader,
# each through wasm-opt -Oz (WASM) or esbuild (JS), and the preload manifest
# (scripts/split-manifest.mjs) by which the server names a page's chunks in its <head>
# (app::lazy).
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
for chunk in "$work"/*.wasm; do
  [ "$(basename "$chunk")" = frontend.wasm ] && continue
  wasm-opt -Oz "${features[@]}" "$chunk" -o "$pkg/$(basename "$chunk")"
done
# Trunk minifies the JS it stages; these replace it. esbuild leaves the imports and the
# `new URL("./chunk_N.wasm", import.meta.url)` the loader fetches by. (wasm-bindgen names the
# loader once per import in one object literal: the same module each time.)
esbuild --minify --log-level=warning --log-override:duplicate-object-key=silent "$work/bindgen/frontend.js" --outfile="$pkg/frontend.js"
esbuild --minify --log-level=warning --log-override:duplicate-object-key=silent "$work/__wasm_split.js" --outfile="$pkg/__wasm_split.js"
rm -rf "$pkg/snippets"
cp -r "$work/bindgen/snippets" "$pkg/"
node scripts/split-manifest.mjs "$work/__wasm_split.js" > "$pkg/split-manifest.json"
echo "split: main module $(stat -c %s "$pkg/frontend_bg.wasm") bytes, $(ls "$pkg"/chunk_*.wasm "$pkg"/split_*.wasm | wc -l) chunks"
