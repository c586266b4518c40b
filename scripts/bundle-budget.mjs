#!/usr/bin/env node
// Bundle budgets (DESIGN.md §10): raw and gzip bytes per entrypoint of the production Chrome build, counting
// every file an entrypoint loads to show its first report, against bundle-budgets.json. Exit 1 when any is over.
//
//   node scripts/bundle-budget.mjs                 # builds the shipped variant into a temp dir (~5 s) and measures
//   node scripts/bundle-budget.mjs --dir .output/chrome-mv3    # measures an existing build instead
//   node scripts/bundle-budget.mjs --files         # also lists the files counted for each entrypoint
//   node scripts/bundle-budget.mjs --bytes         # sizes in bytes, not kB (what a change costs near a budget)
//
// By default the script makes its own build, in a temporary directory with source maps, so it is right whatever
// ran before it: `npm run check` runs before `npm run build` in .ci/run, and a stale .output/ (or a test
// variant in it) would otherwise be measured. The source maps tell which chunk holds which source, so the lazy
// chunks that count (bundle-budgets.json `lazy`, e.g. the core the popup loads for its report) are found by
// what they contain, not by their hashed names; the `//# sourceMappingURL` comment is not counted.
//
// What counts for an entrypoint: its HTML page (or script file), every stylesheet and script it loads, their
// static imports, recursively, and the dynamic imports of the sources named in `lazy` with their static
// imports. Other dynamic imports (postal-mime for attached messages, the report's folded sections, the
// exporters) load after the first report and are shown in the "later" column, not counted.
// Gzip is zlib level 9 (as `gzip -9`), summed file by file, which is how the files are stored and served.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const listFiles = args.includes('--files');
const dirIndex = args.indexOf('--dir');
const budgetsPath = join(root, 'bundle-budgets.json');
const budgets = JSON.parse(readFileSync(budgetsPath, 'utf8'));

let outDir;
let tmp;
if (dirIndex >= 0) {
  outDir = resolve(args[dirIndex + 1] ?? '');
  if (!existsSync(join(outDir, 'manifest.json'))) {
    console.error(`bundle-budget: ${outDir} has no build (no manifest.json): run \`npm run build\` first,`);
    console.error('or run this script without --dir to let it build into a temporary directory.');
    process.exit(1);
  }
} else {
  tmp = mkdtempSync(join(tmpdir(), 'hopscope-budget-'));
  const t0 = Date.now();
  const built = spawnSync(join(root, 'node_modules/.bin/wxt'), ['build'], {
    cwd: root,
    encoding: 'utf8',
    // The shipped variant (never HOPSCOPE_VARIANT=test), with source maps, into the temp dir.
    env: { ...process.env, HOPSCOPE_VARIANT: '', HOPSCOPE_OUT_DIR: tmp, HOPSCOPE_SOURCEMAP: '1' },
  });
  if (built.status !== 0) {
    console.error(built.stdout, built.stderr);
    console.error('bundle-budget: `wxt build` failed');
    rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  }
  outDir = join(tmp, budgets.target ?? 'chrome-mv3');
  console.log(`bundle-budget: built ${budgets.target ?? 'chrome-mv3'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const SOURCE_MAP_COMMENT = /\n?\/\/# sourceMappingURL=[^\n]*\s*$/;
const sizes = new Map();
/** Raw and gzip size of one built file (path relative to outDir, posix). */
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    let bytes = readFileSync(join(outDir, file));
    if (file.endsWith('.js')) bytes = Buffer.from(bytes.toString('utf8').replace(SOURCE_MAP_COMMENT, ''));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, size);
  }
  return size;
}

/** The sources a chunk was built from (empty without a source map). */
function sourcesOf(file) {
  const map = join(outDir, `${file}.map`);
  if (!existsSync(map)) return [];
  const { sources = [] } = JSON.parse(readFileSync(map, 'utf8'));
  return sources.map((s) => relative(root, resolve(dirname(map), s)).replace(/\\/g, '/'));
}

/** Static and dynamic imports of a built script, as paths relative to outDir. */
function importsOf(file) {
  const code = readFileSync(join(outDir, file), 'utf8');
  const here = posix.dirname(file);
  const resolveSpec = (spec) => posix.normalize(posix.join(here, spec));
  const staticImports = new Set();
  const dynamicImports = new Set();
  // Minified ESM: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`.
  for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g))
    staticImports.add(resolveSpec(m[1]));
  for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g))
    dynamicImports.add(resolveSpec(m[1]));
  return { staticImports, dynamicImports };
}

/** Files an HTML page loads by itself: its module script, modulepreloads and stylesheets. */
function filesOfHtml(file) {
  const html = readFileSync(join(outDir, file), 'utf8');
  const out = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
    const ref = m[1];
    if (/^[a-z]+:/i.test(ref)) continue;
    out.push(ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(file), ref)));
  }
  return out;
}

function measure(name, spec) {
  const counted = new Set();
  const later = new Set();
  const pending = [];
  const add = (file) => {
    if (counted.has(file) || !existsSync(join(outDir, file))) return;
    counted.add(file);
    pending.push(file);
  };
  if (spec.html) {
    add(spec.html);
    for (const f of filesOfHtml(spec.html)) add(f);
  } else add(spec.file);
  const lazySources = new Set(spec.lazy ?? []);
  while (pending.length > 0) {
    const file = pending.pop();
    if (!file.endsWith('.js')) continue;
    const { staticImports, dynamicImports } = importsOf(file);
    for (const f of staticImports) add(f);
    for (const f of dynamicImports) {
      if (counted.has(f)) continue;
      const sources = sourcesOf(f);
      const wanted =
        sources.length > 0
          ? sources.some((s) => lazySources.has(s))
          : // Without source maps (--dir on a plain build): the chunk is named after the module it starts from.
            [...lazySources].some((s) =>
              posix.basename(f).startsWith(`${posix.basename(s).replace(/\.[jt]sx?$/, '')}-`),
            );
      if (wanted) add(f);
      else later.add(f);
    }
  }
  for (const f of counted) later.delete(f);
  // What loads later also brings its own static imports that are not counted yet.
  const laterAll = new Set();
  const queue = [...later];
  while (queue.length > 0) {
    const f = queue.pop();
    if (counted.has(f) || laterAll.has(f) || !existsSync(join(outDir, f))) continue;
    laterAll.add(f);
    if (f.endsWith('.js')) {
      const { staticImports, dynamicImports } = importsOf(f);
      queue.push(...staticImports, ...dynamicImports);
    }
  }
  const total = { raw: 0, gzip: 0 };
  for (const f of counted) {
    const s = sizeOf(f);
    total.raw += s.raw;
    total.gzip += s.gzip;
  }
  let laterGzip = 0;
  for (const f of laterAll) laterGzip += sizeOf(f).gzip;
  return { name, spec, counted: [...counted].sort(), later: [...laterAll].sort(), total, laterGzip };
}

const kB = args.includes('--bytes') ? (n) => `${n} B` : (n) => `${(n / 1000).toFixed(1)} kB`;
const rows = Object.entries(budgets.entrypoints).map(([name, spec]) => measure(name, spec));
const over = [];
const header = ['entrypoint', 'raw', 'budget', 'gzip', 'budget', 'files', 'later (gzip)', ''];
const table = [header];
for (const r of rows) {
  const rawOver = r.spec.raw !== undefined && r.total.raw > r.spec.raw;
  const gzipOver = r.spec.gzip !== undefined && r.total.gzip > r.spec.gzip;
  if (rawOver) over.push(`${r.name}: ${kB(r.total.raw)} raw > ${kB(r.spec.raw)}`);
  if (gzipOver) over.push(`${r.name}: ${kB(r.total.gzip)} gzip > ${kB(r.spec.gzip)}`);
  if (r.counted.length <= 1 && r.spec.html)
    over.push(`${r.name}: ${r.spec.html} loads no files (build layout changed?)`);
  table.push([
    r.name,
    kB(r.total.raw),
    r.spec.raw === undefined ? '-' : kB(r.spec.raw),
    kB(r.total.gzip),
    r.spec.gzip === undefined ? '-' : kB(r.spec.gzip),
    String(r.counted.length),
    r.later.length ? `+${kB(r.laterGzip)} (${r.later.length})` : '-',
    rawOver || gzipOver ? 'OVER' : 'ok',
  ]);
}
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
console.log(`\nBundle sizes, ${budgets.target ?? 'chrome-mv3'} (1 kB = 1000 B; gzip -9 per file, summed):`);
for (const [i, row] of table.entries()) {
  console.log(
    row.map((cell, j) => (j === 0 || j === 7 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
if (listFiles)
  for (const r of rows) {
    console.log(`\n${r.name}:`);
    for (const f of r.counted)
      console.log(`  ${kB(sizeOf(f).gzip).padStart(9)}  ${kB(sizeOf(f).raw).padStart(9)}  ${f}`);
    for (const f of r.later)
      console.log(`  ${kB(sizeOf(f).gzip).padStart(9)}  ${kB(sizeOf(f).raw).padStart(9)}  ${f} (later)`);
  }
if (tmp) rmSync(tmp, { recursive: true, force: true });
if (over.length > 0) {
  console.error(`\nbundle-budget: over budget (bundle-budgets.json):\n  ${over.join('\n  ')}`);
  console.error('See which sources the bytes come from: node scripts/bundle-attribution.mjs');
  process.exit(1);
}
console.log('\nbundle-budget: all entrypoints within budget.');
