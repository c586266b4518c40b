// Correctness guard for performance work: analyzes every message of the given corpora (and the bundled
// fixtures) with the current src/core and writes one JSON line per message, or compares with a file
// written before a change. Any difference in the Analysis of any message is reported.
//   node scripts/bench-equivalence.mjs --write /tmp/before.jsonl [DIR]...
//   node scripts/bench-equivalence.mjs --compare /tmp/before.jsonl [DIR]...
import { readFileSync, writeFileSync } from 'node:fs';
import { corpusFiles, importBundled } from './bench-lib.mjs';

const [mode, file, ...dirs] = process.argv.slice(2);
if ((mode !== '--write' && mode !== '--compare') || !file) {
  process.stderr.write('usage: bench-equivalence.mjs --write|--compare FILE [DIR]...\n');
  process.exit(2);
}
const { analyze } = await importBundled('src/core/analyze.ts', 'equivalence');
const files = (dirs.length ? dirs : ['examples', 'test/fixtures']).flatMap((d) => corpusFiles(d));
const decoder = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const now = Date.parse('2024-06-01T00:00:00Z');
const lines = [];
for (const f of files) {
  const bytes = readFileSync(f);
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    text = latin1.decode(bytes);
  }
  lines.push(`${JSON.stringify({ file: f, ...analyze(text, { now }) })}`);
}
if (mode === '--write') {
  writeFileSync(file, `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${lines.length} analyses to ${file}\n`);
} else {
  // Keyed by file: others may add fixtures between the two runs; only files in both are compared.
  const fileOf = (line) => JSON.parse(line.slice(0, line.indexOf(',"schema"')) + '}').file;
  const before = new Map(
    readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => [fileOf(l), l]),
  );
  let diff = 0;
  let compared = 0;
  for (const b of lines) {
    const a = before.get(fileOf(b));
    if (a === undefined) continue;
    compared++;
    if (a !== b) {
      if (++diff <= 5) {
        let k = 0;
        while (k < a.length && a[k] === b[k]) k++;
        process.stdout.write(
          `DIFF ${fileOf(b)} at ${k}:\n  before …${a.slice(Math.max(0, k - 120), k + 120)}\n  after  …${b.slice(Math.max(0, k - 120), k + 120)}\n`,
        );
      }
    }
  }
  process.stdout.write(`${compared} of ${lines.length} analyses compared, ${diff} differ\n`);
  process.exitCode = diff ? 1 : 0;
}
