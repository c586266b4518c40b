import { importBundled, loadCorpus } from './bench-lib.mjs';

const [dir, ...rest] = process.argv.slice(2);
const opt = (n, d) => (rest.includes(n) ? rest[rest.indexOf(n) + 1] : d);
const passes = Number(opt('--passes', 5));
const load = async (entry, tag) => (await importBundled(entry, `stages-${tag}`)).createStages;
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
