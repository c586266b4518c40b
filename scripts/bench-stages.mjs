// Runs scripts/bench-stages.ts over a corpus, optionally beside the same harness for another source tree
// (a copy of bench-stages.ts importing that tree), passes interleaved in one process so that load hits
// both alike:
//   node scripts/bench-stages.mjs DIR [--passes N] [--base OTHER-bench-stages.ts]
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { loadCorpus } from './bench-corpus.mjs';

const [dir, ...rest] = process.argv.slice(2);
const opt = (n, d) => (rest.includes(n) ? rest[rest.indexOf(n) + 1] : d);
const passes = Number(opt('--passes', 5));
const load = async (entry, tag) => {
  const out = join('node_modules', '.cache', `hopscope-stages-${tag}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    nodePaths: [resolve('node_modules')],
  });
  const mod = await import(pathToFileURL(resolve(out)).href);
  rmSync(out, { force: true });
  return mod.createStages;
};
const { heads } = loadCorpus(dir);
const current = (await load('scripts/bench-stages.ts', 'current'))(heads);
const base = opt('--base') ? (await load(opt('--base'), 'base'))(heads) : undefined;
for (let p = 0; p < passes; p++) {
  if (base && p % 2 === 0) base.pass();
  current.pass();
  if (base && p % 2 === 1) base.pass();
}
console.log(`${dir}: ${heads.length} header blocks, ${passes} passes${base ? ', interleaved with the base tree' : ''}`);
if (!base) console.log(current.report());
else {
  const a = base.report().split('\n');
  const b = current.report().split('\n');
  console.log(`${'base'.padEnd(50)}current`);
  for (let i = 0; i < a.length; i++) console.log(`${a[i].padEnd(50)}${b[i].slice(30)}`);
}
