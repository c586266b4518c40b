#!/usr/bin/env node
// ReDoS gate (DESIGN.md §1.4, STYLE.md "Regular expressions"): finds every regular expression in src/ and asks
// recheck (https://makenowjust-labs.github.io/recheck/) whether it can backtrack catastrophically.
//
//   node scripts/redos-check.mjs [--json] [dir-or-file …]      (default: src)
//
// What counts as a regular expression:
//   - regex literals            /…/flags
//   - RegExp(…) / new RegExp(…) with a literal pattern (string, or template without ${})
//   - String#match / matchAll / search with a string literal argument (JavaScript turns it into a RegExp)
// A RegExp built from a non-literal pattern cannot be checked statically and fails the gate ("dynamic").
//
// How: TypeScript 7's package exposes no JS parser (it is the native Go port), so each file goes through
// esbuild (a dependency already) to plain JavaScript with a source map, acorn parses that, and the source
// map brings each node back to its line in the .ts/.tsx file. A regex literal is a token acorn knows, so
// division, comments, strings, templates and JSX text cannot be mistaken for one.
//
// Exit status: 0 all safe; 1 any vulnerable, unknown (e.g. timeout) or dynamic pattern not in ALLOWLIST;
// 2 the checker itself is broken (the canary below was not reported vulnerable, or no regexes were found).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { decodeMappings } from './sourcemap.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/**
 * Patterns that may be `unknown` or `dynamic` and still pass. Every entry needs a reason a reviewer can check.
 * Match by file (relative to the repository root) and exact pattern source; `pattern: null` for dynamic ones.
 * @type {Array<{ file: string; pattern: string | null; flags?: string; reason: string }>}
 */
const ALLOWLIST = [
  {
    file: 'src/core/flags/rules/identity.ts',
    pattern: null,
    reason:
      'ANY_HIDDEN: one character class of single \\uXXXX escapes, built from the hidden-character tables; a class matches one character and cannot backtrack',
  },
];

/** Known-bad pattern: if recheck does not call it vulnerable, the gate is not working and must not pass. */
const CANARY = { pattern: '^(a+)+$', flags: '' };

/** Per-pattern limit; a linear pattern of the size we write takes milliseconds. */
const TIMEOUT_MS = 10_000;

// --- Finding the regexes ---------------------------------------------------------------------------------

function listSources(paths) {
  const out = [];
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(p, name));
      }
    } else if (/\.(?:ts|tsx|mts|cts)$/.test(p) && !p.endsWith('.d.ts')) out.push(p);
  };
  for (const p of paths) visit(p);
  return out;
}

/** 1-based source line for a 1-based generated line and 0-based column. */
function sourceLine(decoded, line, column) {
  const segs = decoded[line - 1] ?? [];
  let best;
  for (const [col, src] of segs) {
    if (col <= column) best = src;
    else break;
  }
  // A node at a column before the first mapping of its line: take the line's first mapping.
  if (best === undefined) best = segs[0]?.[1];
  return best === undefined ? undefined : best + 1;
}

function stringValue(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

function isRegExpCallee(callee) {
  if (callee.type === 'Identifier') return callee.name === 'RegExp';
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.name === 'RegExp' &&
    callee.object.type === 'Identifier' &&
    (callee.object.name === 'globalThis' || callee.object.name === 'window' || callee.object.name === 'self')
  );
}

/** Every regex in one file: { file, line, pattern, flags, kind } with pattern null for a dynamic one. */
export function findRegexes(file, code) {
  const { parse } = require('acorn');
  const loader = extname(file)
    .slice(1)
    .replace(/^[mc]ts$/, 'ts');
  const js = transformSync(code, {
    loader,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'esnext',
    sourcemap: 'external',
    sourcefile: file,
    // Keep every regex where it is: no minification, no constant folding of unused code.
    minify: false,
    treeShaking: false,
  });
  // Per generated line, [generatedColumn, sourceLine] of each segment that maps to a source.
  const decoded = decodeMappings(JSON.parse(js.map).mappings).map((segs) =>
    segs.filter((seg) => seg.length === 4).map(([col, , line]) => [col, line]),
  );
  const ast = parse(js.code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  const found = [];
  const at = (node) => sourceLine(decoded, node.loc.start.line, node.loc.start.column) ?? 0;
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Literal' && node.regex) {
      found.push({ line: at(node), pattern: node.regex.pattern, flags: node.regex.flags, kind: 'literal' });
    } else if ((node.type === 'NewExpression' || node.type === 'CallExpression') && isRegExpCallee(node.callee)) {
      const [p, f] = node.arguments;
      const pattern = p?.type === 'Literal' && p.regex ? p.regex.pattern : stringValue(p);
      const flags = f === undefined ? (p?.regex?.flags ?? '') : stringValue(f);
      // A regex literal argument is reported by its own visit; report the constructor only when it adds something.
      if (!(p?.type === 'Literal' && p.regex && f === undefined)) {
        found.push({
          line: at(node),
          pattern: pattern ?? null,
          flags: flags ?? '?',
          kind: pattern === undefined || flags === undefined ? 'dynamic' : 'RegExp()',
        });
      }
    } else if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      !node.callee.computed &&
      ['match', 'matchAll', 'search'].includes(node.callee.property.name) &&
      stringValue(node.arguments[0]) !== undefined
    ) {
      const kind = `.${node.callee.property.name}(string)`;
      found.push({ line: at(node), pattern: stringValue(node.arguments[0]), flags: '', kind });
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'regex') continue;
      const child = node[key];
      if (Array.isArray(child)) for (const c of child) visit(c);
      else if (child && typeof child === 'object') visit(child);
    }
  };
  visit(ast);
  return found.map((r) => ({ file, ...r }));
}

// --- Checking them ---------------------------------------------------------------------------------------

async function loadRecheck() {
  // The native agent (recheck-linux-x64 and friends) checks ~100 patterns a second; "auto" would fall back to
  // Java or the slow pure-JS build without saying so. Respect an explicit choice.
  process.env.RECHECK_BACKEND ??= 'native';
  try {
    return await import('recheck');
  } catch (error) {
    console.error(`redos-check: cannot load recheck: ${error.message}`);
    process.exit(2);
  }
}

function allowed(r) {
  return ALLOWLIST.find(
    (a) => a.file === r.file && a.pattern === r.pattern && (a.flags === undefined || a.flags === r.flags),
  );
}

function describe(d) {
  if (!d) return '';
  if (d.status === 'safe') return d.complexity?.summary ?? '';
  if (d.status === 'vulnerable') {
    const p = d.attack?.pumps?.[0];
    return `${d.complexity?.summary ?? ''}; attack: ${JSON.stringify(p?.prefix ?? '')} + ${JSON.stringify(p?.pump ?? '')}×n`;
  }
  return d.error?.kind ? `error: ${d.error.kind}${d.error.message ? ` (${d.error.message})` : ''}` : '';
}

async function main(argv) {
  const json = argv.includes('--json');
  const targets = argv.filter((a) => !a.startsWith('--'));
  const files = listSources((targets.length ? targets : ['src']).map((t) => resolve(ROOT, t)));
  const started = performance.now();

  const regexes = [];
  for (const abs of files) {
    const file = relative(ROOT, abs);
    let code;
    try {
      code = readFileSync(abs, 'utf8');
    } catch (error) {
      // A file another process (a test's temporary probe) removed between listing and reading.
      if (error.code === 'ENOENT') continue;
      throw error;
    }
    try {
      regexes.push(...findRegexes(file, code));
    } catch (error) {
      console.error(`redos-check: cannot parse ${file}: ${error.message}`);
      process.exit(2);
    }
  }
  if (regexes.length === 0) {
    console.error('redos-check: no regular expressions found; the scanner is probably broken.');
    process.exit(2);
  }

  const { check } = await loadRecheck();
  const cache = new Map();
  const checkOnce = (pattern, flags) => {
    const key = `${flags}/${pattern}`;
    if (!cache.has(key)) cache.set(key, check(pattern, flags, { timeout: TIMEOUT_MS }));
    return cache.get(key);
  };
  const canary = await checkOnce(CANARY.pattern, CANARY.flags);
  if (canary.status !== 'vulnerable') {
    console.error(`redos-check: the canary /${CANARY.pattern}/ came back ${canary.status}; the checker is broken.`);
    process.exit(2);
  }

  const rows = await Promise.all(
    regexes.map(async (r) => {
      if (r.pattern === null) return { ...r, status: 'dynamic', detail: 'pattern is not a literal' };
      const d = await checkOnce(r.pattern, r.flags);
      return { ...r, status: d.status, detail: describe(d) };
    }),
  );
  const failures = rows.filter((r) => r.status !== 'safe' && !allowed(r));
  const elapsed = ((performance.now() - started) / 1000).toFixed(2);

  if (json) {
    console.log(JSON.stringify({ elapsedSeconds: Number(elapsed), rows, failures: failures.length }, null, 2));
  } else {
    const width = Math.max(...rows.map((r) => `${r.file}:${r.line}`.length));
    for (const r of rows) {
      const where = `${r.file}:${r.line}`.padEnd(width);
      const mark = r.status === 'safe' ? 'safe' : allowed(r) ? `${r.status} (allowed)` : r.status.toUpperCase();
      const shown = r.pattern === null ? '<dynamic>' : `/${r.pattern}/${r.flags}`;
      const pattern = shown.length > 90 ? `${shown.slice(0, 87)}...` : shown;
      console.log(`${where}  ${mark.padEnd(10)}  ${pattern}${r.status === 'safe' ? '' : `  — ${r.detail}`}`);
    }
    const counts = {};
    for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    console.log(
      `\n${rows.length} regexes (${cache.size - 1} distinct) in ${files.length} files, ${elapsed} s: ` +
        Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', '),
    );
    if (failures.length) console.log(`redos-check: ${failures.length} failing (see the rows in capitals above).`);
  }
  // recheck's native agent is a child process; do not wait for it to notice we are done.
  process.exit(failures.length ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
