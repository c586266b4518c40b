// `hopscope bench` runs end to end from the built CLI (the worker threads load dist/cli.mjs), on the bundled
// fixtures, without peers or scaling: every subject is timed and the all-cores row is measured. Figures are
// not checked against any target here; those come from `npm run bench` (README, Performance).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const cli = resolve(root, 'dist/cli.mjs');

interface BenchJson {
  results: Array<{ name: string; messages: number; messagesPerSecond: number; medianUs: number | null }>;
}

describe.skipIf(!existsSync(cli))('hopscope bench (built CLI)', () => {
  it('times analyze(), the header reader and the all-cores throughput on the bundled fixtures', () => {
    const out = execFileSync(
      process.execPath,
      ['bin/hopscope.js', 'bench', '--no-peers', '--no-scaling', '--json', '--passes', '1'],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    const { results } = JSON.parse(out) as BenchJson;
    const byName = new Map(results.map((r) => [r.name, r]));
    const analyzeRow = byName.get('hopscope analyze()');
    expect(analyzeRow?.messages).toBeGreaterThan(20);
    expect(analyzeRow?.medianUs).toBeGreaterThan(0);
    expect(byName.get('hopscope readHeaderBlock()')?.medianUs).toBeGreaterThan(0);
    const parallel = results.find((r) => /^hopscope analyze\(\), \d+ workers$/.test(r.name));
    expect(parallel, JSON.stringify(results.map((r) => r.name))).toBeDefined();
    expect(parallel!.messagesPerSecond).toBeGreaterThan(0);
  }, 120_000);
});
