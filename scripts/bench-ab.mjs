import { join } from 'node:path';
import { importBundled, loadCorpus } from './bench-lib.mjs';

const [baseCore, dir, ...rest] = process.argv.slice(2);
const opt = (n, d) => (rest.includes(n) ? rest[rest.indexOf(n) + 1] : d);
const passes = Number(opt('--passes', 7));
const load = async (entry, tag) => (await importBundled(entry, `ab-${tag}`)).analyze;
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
const r = (x) => x.toFixed(3).padStart(8);
console.log(`${dir}: ${heads.length} messages, best of ${passes} passes per message, A and B interleaved`);
console.log(`          median      mean       p99`);
console.log(`base    ${f(med(bestA))}  ${f(mean(bestA))}  ${f(p99(bestA))}`);
console.log(`current ${f(med(bestB))}  ${f(mean(bestB))}  ${f(p99(bestB))}`);
console.log(`ratio   ${r(med(bestA) / med(bestB))}× ${r(mean(bestA) / mean(bestB))}× ${r(p99(bestA) / p99(bestB))}×`);
