// Writes the DSFR style sheets we serve: the core and only the components the app uses
// (with the components they depend on), and only the icons its pages name.
//
// The full `dsfr.min.css` is 62 KB brotli and `icons.min.css` 17 KB, both render-blocking,
// for 44 components and 1,044 icons we mostly do not show. DSFR ships each component's
// CSS on its own for exactly this use. The legacy (IE11) variants are left out: the app
// needs WebAssembly anyway. So is the dark theme (`scheme`): the pages fix the light one.
//
// They are our files (the list changes with the app), so they are served with our CSS and
// revalidated, not under DSFR's versioned path that browsers keep for a year; their urls
// point at the fonts and icons there.
//
// Usage: node scripts/dsfr-subset.mjs DSFR_DIST OUT_DIR DSFR_URL APP_SOURCES...
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join, posix } from "node:path";

// DSFR components whose classes the app writes (`fr-<component>…`). A browser test
// checks that every `fr-` class on our pages has a rule, so a component missing here fails it.
const COMPONENTS = [
  "alert", "badge", "breadcrumb", "button", "callout", "card", "checkbox", "footer", "form",
  "header", "input", "link", "logo", "navigation", "pagination", "quote", "search", "select",
  "skiplink", "table", "tag", "tile", "upload",
];

const [dist, out, base, ...sources] = process.argv.slice(2);
if (!dist || !out || !base || sources.length === 0) {
  console.error("usage: node scripts/dsfr-subset.mjs DSFR_DIST OUT_DIR DSFR_URL APP_SOURCES...");
  process.exit(2);
}

// The server serves DSFR files under a path naming their version (app::DSFR_BASE): after an
// upgrade of the package, the sheets would point at fonts and icons the server does not have.
const installed = JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")).version;
if (!base.endsWith(`/${installed}`)) {
  console.error(`DSFR ${installed} installed, but served under ${base}: update app::DSFR_BASE`);
  process.exit(1);
}

// Each DSFR file opens with an optional `@charset` then its licence comment; our sheets
// carry both once, at the top.
const HEAD = /^(@charset "UTF-8";\s*)?\/\*![\s\S]*?\*\//;
const CHARSET = '@charset "UTF-8";\n';

/** The components `name` needs, from the « Dépendances » tree of its README. */
function dependencies(name) {
  const readme = readFileSync(join(dist, "component", name, "README.md"), "utf8");
  const tree = readme.split("## Dépendances")[1]?.split("```")[1] ?? "";
  return [...tree.matchAll(/└─ ([a-z-]+)/g)].map((m) => m[1]);
}

/** The CSS of `file` (under `dist`), its relative urls made absolute under `prefix`. */
function rebased(file, prefix = `${base}/`) {
  const from = posix.dirname(file);
  return readFileSync(join(dist, file), "utf8")
    .replace(HEAD, "")
    .replace(/url\(([^)"':]+)\)/g, (_, url) => `url(${prefix}${posix.join(from, url)})`);
}

// The closure of the listed components; DSFR's own bundle order (its README lists
// dependencies before dependents only loosely), so the cascade matches the full sheet.
const wanted = new Set();
const visit = (name) => {
  if (name === "core" || name === "scheme" || wanted.has(name)) return;
  wanted.add(name);
  dependencies(name).forEach(visit);
};
COMPONENTS.forEach(visit);
const bundle = readFileSync(join(dist, "dsfr.main.min.css"), "utf8");
const position = (name) => {
  // The full sheet's urls are relative to the dist root.
  const css = rebased(`component/${name}/${name}.main.min.css`, "").trim();
  const at = bundle.indexOf(css.slice(0, 120));
  if (at < 0) throw new Error(`component ${name} not found in dsfr.main.min.css`);
  return at;
};
const positions = new Map([...wanted].map((name) => [name, position(name)]));
const ordered = [...wanted].sort((a, b) => positions.get(a) - positions.get(b));

const license = readFileSync(join(dist, "core", "core.main.min.css"), "utf8")
  .match(HEAD)[0]
  .replace(/^@charset[^;]*;\s*/, "");
const sheet = [
  CHARSET + license,
  rebased("core/core.main.min.css"),
  ...ordered.map((name) => rebased(`component/${name}/${name}.main.min.css`)),
  // Print rules of every component, one `@media print` block (1.4 KB brotli): offers get printed.
  rebased("dsfr.print.min.css"),
].join("\n");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "dsfr.min.css"), sheet);

// Icons: the `fr-icon-…` classes written in the app's sources (always literals, so that
// this scan and a reader's grep find them).
function* files(path) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) yield* files(join(path, entry));
  } else if (/\.(rs|css)$/.test(path)) {
    yield path;
  }
}
const icons = new Set();
for (const source of sources) {
  for (const file of files(source)) {
    for (const m of readFileSync(file, "utf8").matchAll(/fr-icon-[a-z0-9-]+/g)) icons.add(m[0]);
  }
}
const iconFile = "utility/icons/icons.main.min.css";
const iconRules = rebased(iconFile)
  .split("}")
  .filter((rule) => [...icons].some((icon) => rule.startsWith(`.${icon}:`)))
  .map((rule) => `${rule}}`);
const missing = [...icons].filter((icon) => !iconRules.some((r) => r.startsWith(`.${icon}:`)));
if (missing.length > 0) throw new Error(`unknown DSFR icons: ${missing.join(", ")}`);
const iconSheet = iconRules.join("");
writeFileSync(join(out, "dsfr-icons.min.css"), `${CHARSET}${license}${iconSheet}`);

console.log(
  `DSFR subset: ${ordered.length} components (${ordered.join(", ")}), ` +
    `${icons.size} icons; ${sheet.length.toLocaleString("en")} + ` +
    `${iconSheet.length.toLocaleString("en")} bytes`,
);
