// Writes `<file>.br` beside each JS, WASM, CSS and SVG file under the given folders, at
// brotli's best quality. The server sends these to browsers that accept brotli instead of
// compressing on every request (its on-the-fly level favours speed over size).
// Usage: node scripts/precompress.mjs DIR...
import { readdirSync, readFileSync, writeFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const COMPRESSIBLE = /\.(js|wasm|css|svg)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

let before = 0;
let after = 0;
for (const dir of process.argv.slice(2)) {
  for (const path of files(dir)) {
    const raw = readFileSync(path);
    const compressed = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    // A stale .br would be served in place of a newer file: always rewrite or remove it.
    if (compressed.length < raw.length) writeFileSync(`${path}.br`, compressed);
    else rmSync(`${path}.br`, { force: true });
    before += raw.length;
    after += Math.min(raw.length, compressed.length);
  }
}
console.log(`precompressed: ${before.toLocaleString("en")} bytes -> ${after.toLocaleString("en")} brotli`);
