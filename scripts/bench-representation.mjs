// How much of analyze()'s cost over a corpus comes from V8 meeting both kinds of string. A JavaScript string is
// stored with one byte per character when every character is Latin-1, with two otherwise; a header block that
// holds one character beyond Latin-1 (raw UTF-8 in a Subject, as in a sixth of phishing_pot) is stored with two,
// and so is every field sliced from it. A property load such as `s.charCodeAt` or `s.length` remembers the kinds
// of string it has met, and past four kinds it takes V8's generic, much slower path (a charCodeAt loop over
// one-byte strings ran 3.8× slower once the same function had also met two-byte strings, in a micro-benchmark).
// So in one long run over a mixed corpus every block is analyzed more slowly, those without such characters too.
//
// Each condition runs in a worker thread of its own (its own heap, its own compiled code), over the blocks as
// the CLI reads them (UTF-8, else windows-1252):
//   narrow alone: the blocks whose characters are all Latin-1;
//   mixed:        every block, in corpus order (the same narrow blocks and the wide ones);
//   wide alone:   the blocks holding a character beyond Latin-1.
// Printed: the median over messages of each message's best pass, for the narrow and the wide blocks.
//   node scripts/bench-representation.mjs DIR [--passes N]
// Run so, it shows V8's default limit of four kinds; the CLI raises it (src/cli/v8-flags.ts), which
//   node --max-valid-polymorphic-map-count=16 scripts/bench-representation.mjs DIR
// shows.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { corpusFiles, headerBlock, importBundled } from './bench-lib.mjs';

const WIDE = /[^\x00-\xff]/;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[sorted.length >> 1];
}

if (isMainThread) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: bench-representation.mjs DIR [--passes N]\n');
    process.exit(2);
  }
  const passes = rest.includes('--passes') ? Number(rest[rest.indexOf('--passes') + 1]) : 12;
  const run = (which) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { dir, passes, which } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const rows = [];
  for (const which of ['narrow', 'mixed', 'wide']) rows.push([which, await run(which)]);
  const total = rows.find(([w]) => w === 'mixed')[1];
  console.log(`${dir}: ${total.narrow.count} blocks all Latin-1, ${total.wide.count} with characters beyond it`);
  console.log(`${passes} passes (the first 4 untimed); median over messages of each one's best pass, µs`);
  console.log('run            Latin-1 blocks  wide blocks  all');
  for (const [which, r] of rows) {
    const cell = (x, width) => (x.count === 0 ? '–' : x.medianUs.toFixed(1)).padStart(width);
    console.log(`${which.padEnd(13)}  ${cell(r.narrow, 14)}  ${cell(r.wide, 11)}  ${cell(r.all, 5)}`);
  }
} else {
  const { dir, passes, which } = workerData;
  const { analyze, decodeEightBit } = await importBundled('scripts/bench-representation.ts', `repr-${which}`);
  const all = corpusFiles(dir).map((f) => headerBlock(decodeEightBit(readFileSync(f))));
  const heads = all.filter((h) => (which === 'mixed' ? true : WIDE.test(h) === (which === 'wide')));
  const best = new Array(heads.length).fill(Number.POSITIVE_INFINITY);
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < heads.length; i++) {
      const t0 = process.hrtime.bigint();
      analyze(heads[i]);
      const ns = Number(process.hrtime.bigint() - t0);
      if (p >= 4 && ns < best[i]) best[i] = ns;
    }
  }
  const part = (wide) => {
    const times = best.filter((_, i) => WIDE.test(heads[i]) === wide);
    return { count: times.length, medianUs: median(times) / 1000 };
  };
  parentPort.postMessage({
    narrow: part(false),
    wide: part(true),
    all: { count: best.length, medianUs: median(best) / 1000 },
  });
}
