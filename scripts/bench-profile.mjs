// Where analyze() spends its time: runs it over a corpus under the V8 CPU profiler and prints the
// functions with the most self and inclusive time (each sample counted once per function on its stack).
//   node scripts/bench-profile.mjs DIR [--passes N] [--top N]
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { loadCorpus } from './bench-lib.mjs';

const args = process.argv.slice(2);
const dir = args[0];
const opt = (name, d) => {
  const i = args.indexOf(name);
  return i < 0 ? d : Number(args[i + 1]);
};
const passes = opt('--passes', 5);
const top = opt('--top', 40);
const out = join('node_modules', '.cache', `hopscope-profile-${process.pid}.mjs`);
await build({
  entryPoints: ['src/core/analyze.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const { analyze } = await import(pathToFileURL(out).href);
if (args.includes('--lines')) writeFileSync(out.replace(/\.mjs$/, '.lines.mjs'), readFileSync(out));
rmSync(out, { force: true });

const { heads } = loadCorpus(dir);
for (let w = 0; w < 3; w++) for (const h of heads) analyze(h);
if (args.includes('--time')) {
  // CPU time is less disturbed than wall time by other processes on a loaded machine: best of 5 rounds.
  let best = Number.POSITIVE_INFINITY;
  const samples = new Float64Array(heads.length * passes);
  let bestMedian = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const c0 = process.cpuUsage();
    let k = 0;
    for (let p = 0; p < passes; p++)
      for (const h of heads) {
        const t0 = process.hrtime.bigint();
        analyze(h);
        samples[k++] = Number(process.hrtime.bigint() - t0) / 1000;
      }
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / (heads.length * passes));
    bestMedian = Math.min(bestMedian, samples.slice().sort()[samples.length >> 1]);
  }
  console.log(
    `${dir}: CPU ${best.toFixed(1)} µs/message mean, wall median ${bestMedian.toFixed(1)} µs (best of 5 rounds of ${passes} passes)`,
  );
  process.exit(0);
}
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const t0 = process.hrtime.bigint();
for (let p = 0; p < passes; p++) for (const h of heads) analyze(h);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const { profile } = await session.post('Profiler.stop');

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) =>
  `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
const incl = new Map();
let total = 0;
const counts = new Map();
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
for (const [id, c] of counts) {
  const n = byId.get(id);
  total += c;
  const k = name(n);
  self.set(k, (self.get(k) ?? 0) + c);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const key = name(byId.get(x));
    if (seen.has(key)) continue;
    seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + c);
  }
}
const lineTicks = new Map();
let allTicks = 0;
for (const n of profile.nodes)
  for (const pt of n.positionTicks ?? []) {
    const k = `${n.callFrame.functionName || '(anon)'}:${pt.line}`;
    lineTicks.set(k, (lineTicks.get(k) ?? 0) + pt.ticks);
    allTicks += pt.ticks;
  }
const pct = (c) => `${((100 * c) / total).toFixed(1).padStart(5)}%`;
console.log(
  `${heads.length} messages x ${passes} passes: ${((ms * 1000) / (heads.length * passes)).toFixed(1)} µs/message mean (profiled)`,
);
console.log('\nself:');
for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(c)}  ${k}`);
console.log('\ninclusive:');
for (const [k, c] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(c)}  ${k}`);
if (args.includes('--lines')) {
  const src = readFileSync(out.replace(/\.mjs$/, '.lines.mjs'), 'utf8').split('\n');
  console.log('\nlines (self):');
  for (const [k, c] of [...lineTicks].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const line = Number(k.slice(k.lastIndexOf(':') + 1));
    console.log(
      `${((100 * c) / allTicks).toFixed(1).padStart(5)}%  ${k.padEnd(34)} ${(src[line - 1] ?? '').trim().slice(0, 110)}`,
    );
  }
}
