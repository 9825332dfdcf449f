// Prints the split bundle's preload manifest (`split-manifest.json`, in the format of
// cargo-leptos' `__wasm_split_manifest.json`): for each lazy function, the WASM files its code
// needs, chunks first. The server names them in `<link rel="preload">` on the page of a lazy
// route (app::lazy), so the browser fetches them beside the main module, not after it.
// wasm-split-cli keeps this map to itself; its loader states the same: each chunk's loader
// follows a comment listing the lazy functions that need it, and each function's loader
// fetches `split_<function>.wasm` (or nothing, when its own code is empty).
// Usage: node scripts/split-manifest.mjs LOADER_JS > split-manifest.json
import { readFileSync } from "node:fs";

const loader = readFileSync(process.argv[2], "utf8");
const manifest = {};
const need = (fn, file) => (manifest[fn] ??= []).push(file);

const chunks = /\/\* ([\w, ]+) \*\/\nconst __chunk_\d+ = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+)\.wasm"/g;
for (const [, functions, file] of loader.matchAll(chunks)) {
  for (const fn of functions.split(", ")) need(fn, file);
}
const splits = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\((.*)/g;
for (const [, fn, fetcher] of loader.matchAll(splits)) {
  manifest[fn] ??= [];
  const own = /^\(\) => \{$/.test(fetcher) && loader.includes(`new URL("./split_${fn}.wasm"`);
  if (own) need(fn, `split_${fn}`);
}
if (Object.keys(manifest).length === 0 || !Object.values(manifest).some((files) => files.length > 0)) {
  console.error(`split-manifest: no lazy function found in ${process.argv[2]}`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(manifest, null, 1)}\n`);
