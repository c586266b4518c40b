// A/B timing of analyze() for two source trees in one process, alternating passes, so that a loaded
// machine slows both alike. Per message the best of the passes is kept; medians and means of those are
// printed with the ratio.
//   node scripts/bench-ab.mjs BASE_SRC_CORE DIR [--passes N] [--entry src/core/analyze.ts] [--export analyze]
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { loadCorpus } from './bench-corpus.mjs';

const [baseCore, dir, ...rest] = process.argv.slice(2);
const opt = (n, d) => (rest.includes(n) ? rest[rest.indexOf(n) + 1] : d);
const passes = Number(opt('--passes', 7));
const load = async (entry, tag) => {
  const out = join('node_modules', '.cache', `hopscope-ab-${tag}-${process.pid}.mjs`);
  // nodePaths: a base tree outside the project still takes tldts from this project's node_modules.
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
  return mod.analyze;
};
const a = await load(join(baseCore, 'analyze.ts'), 'a');
const b = await load('src/core/analyze.ts', 'b');
const { heads } = loadCorpus(dir);
const bestA = new Float64Array(heads.length).fill(Infinity);
const bestB = new Float64Array(heads.length).fill(Infinity);
const pass = (f, best) => {
  for (let i = 0; i < heads.length; i++) {
    const t0 = process.hrtime.bigint();
    f(heads[i]);
    const dt = Number(process.hrtime.bigint() - t0) / 1000;
    if (dt < best[i]) best[i] = dt;
  }
};
for (let w = 0; w < 2; w++) {
  pass(a, new Float64Array(heads.length));
  pass(b, new Float64Array(heads.length));
}
// Message by message, A and B back to back (which goes first alternates), so that load changes hit both.
const time = (f, h) => {
  const t0 = process.hrtime.bigint();
  f(h);
  return Number(process.hrtime.bigint() - t0) / 1000;
};
for (let p = 0; p < passes; p++) {
  for (let i = 0; i < heads.length; i++) {
    const first = (p + i) % 2 === 0;
    const ta = first ? time(a, heads[i]) : 0;
    const tb = time(b, heads[i]);
    const ta2 = first ? ta : time(a, heads[i]);
    if (ta2 < bestA[i]) bestA[i] = ta2;
    if (tb < bestB[i]) bestB[i] = tb;
  }
}
const med = (x) => x.slice().sort()[x.length >> 1];
const p99 = (x) => x.slice().sort()[Math.floor(x.length * 0.99)];
const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
const f = (x) => x.toFixed(1).padStart(8);
console.log(`${dir}: ${heads.length} messages, best of ${passes} passes per message, A and B interleaved`);
console.log(`          median      mean       p99`);
console.log(`base    ${f(med(bestA))}  ${f(mean(bestA))}  ${f(p99(bestA))}`);
console.log(`current ${f(med(bestB))}  ${f(mean(bestB))}  ${f(p99(bestB))}`);
console.log(`ratio   ${f(med(bestA) / med(bestB))}× ${f(mean(bestA) / mean(bestB))}× ${f(p99(bestA) / p99(bestB))}×`);
