// `hopscope bench` runs end to end from the built CLI (the worker threads load dist/cli.mjs), on the bundled
// fixtures, without peers or scaling: every subject is timed and the all-cores row is measured. Figures are
// not checked against any target here; those come from `npm run bench` (README, Performance).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peerRatio } from '../../src/cli/bench';
import { measureMemory } from '../../src/cli/bench-memory';
import { emptyResult, WARM_UP_MAX_MS, WARM_UP_MAX_PASSES, WARM_UP_MS, warmedUp } from '../../src/cli/bench-subjects';

const root = resolve(import.meta.dirname, '../..');
const cli = resolve(root, 'dist/cli.mjs');

interface BenchJson {
  v8Flags: string[];
  memory: Array<{ corpus: string; subject: string; beforeMb?: number; peakMb?: number; note?: string }>;
  results: Array<{
    name: string;
    messages: number;
    messagesPerSecond: number;
    medianUs: number | null;
    bestMedianUs: number | null;
  }>;
}

describe.skipIf(!existsSync(cli))('hopscope bench (built CLI)', () => {
  it('times analyze(), the header reader and the all-cores throughput on the bundled fixtures', () => {
    const out = execFileSync(
      process.execPath,
      ['bin/hopscope.js', 'bench', '--no-peers', '--no-scaling', '--json', '--passes', '1'],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    const { results, memory, v8Flags } = JSON.parse(out) as BenchJson;
    // The V8 settings the figures were measured under (src/cli/v8-flags.ts) go with them.
    expect(v8Flags).toEqual(['--max-valid-polymorphic-map-count=16']);
    // analyze()'s and the header reader's peak resident sets, each from a process of its own: at least Node's
    // own ~30 MB, and no lower than before the first call.
    expect(memory.map((m) => m.subject)).toEqual(['analyze()', 'readHeaderBlock()']);
    for (const m of memory) {
      expect(m.beforeMb, JSON.stringify(m)).toBeGreaterThan(20);
      expect(m.peakMb).toBeGreaterThanOrEqual(m.beforeMb ?? Number.NaN);
      expect(m.peakMb).toBeLessThan(4096);
    }
    const byName = new Map(results.map((r) => [r.name, r]));
    const analyzeRow = byName.get('hopscope analyze()');
    expect(analyzeRow?.messages).toBeGreaterThan(20);
    expect(analyzeRow?.medianUs).toBeGreaterThan(0);
    // Each message's best pass is at most any of its calls, so the best-of median is at most the median.
    expect(analyzeRow?.bestMedianUs).toBeGreaterThan(0);
    expect(analyzeRow?.bestMedianUs).toBeLessThanOrEqual(analyzeRow?.medianUs ?? 0);
    expect(byName.get('hopscope readHeaderBlock()')?.medianUs).toBeGreaterThan(0);
    const parallel = results.find((r) => /^hopscope analyze\(\), \d+ workers$/.test(r.name));
    expect(parallel, JSON.stringify(results.map((r) => r.name))).toBeDefined();
    expect(parallel!.messagesPerSecond).toBeGreaterThan(0);
  }, 120_000);
});

describe("measureMemory: analyze()'s peak RSS in a process of its own", () => {
  it('says why, rather than throwing or hanging, when that process cannot run', async () => {
    // Loaded from source, the module forks its own .ts file, which Node 20 cannot run: the child exits at once.
    const result = await measureMemory('analyze()', ['Subject: x\n\n'], 1);
    expect(typeof result).toBe('string');
    expect(result).toMatch(/^the measuring process ended \(1\)/);
  }, 30_000);
});

describe('warmedUp: the bench times a subject only once it has stopped getting faster', () => {
  const later = WARM_UP_MS + 1;
  it('goes on while passes still get faster, as V8 tiers the code up', () => {
    expect(warmedUp([620, 350, 270, 190], later)).toBe(false);
    expect(warmedUp([620, 350, 270, 190, 130], later)).toBe(false);
    expect(warmedUp([620, 350, 270, 190, 130, 131], later)).toBe(false);
  });
  it('stops after two passes in a row no more than 3% faster than the best before them', () => {
    expect(warmedUp([620, 350, 270, 190, 130, 131, 127], later)).toBe(true);
    expect(warmedUp([620, 350, 270, 190, 130, 180, 150], later)).toBe(true);
    expect(warmedUp([620, 350, 270, 190, 130, 131, 120], later)).toBe(false);
  });
  it('keeps the floor of passes and time, and the caps', () => {
    expect(warmedUp([100, 100, 100, 100], WARM_UP_MS - 1)).toBe(false);
    expect(warmedUp([100, 100], later)).toBe(false);
    const falling = Array.from({ length: WARM_UP_MAX_PASSES }, (_, i) => 1000 * 0.9 ** i);
    expect(warmedUp(falling.slice(0, -1), later)).toBe(false);
    expect(warmedUp(falling, later)).toBe(true);
    expect(warmedUp(falling, WARM_UP_MS - 1)).toBe(false);
    expect(warmedUp([300, 200, 100], WARM_UP_MAX_MS)).toBe(true);
  });
});

describe('peerRatio: analyze() against mailauth by both medians', () => {
  const row = (name: string, medianUs: number, bestMedianUs: number) => ({
    ...emptyResult(name, 'c'),
    medianUs,
    bestMedianUs,
  });
  it('says how many times faster, by the median and by the best-of median', () => {
    const rows = [row('hopscope analyze()', 100, 80), row('mailauth 4.9.5 parse-only', 150, 200)];
    expect(peerRatio(rows)).toBe(
      'analyze() vs mailauth 4.9.5 parse-only: 1.50× as fast by the median, 2.50× by the best-of median',
    );
  });
  it('says nothing when mailauth was skipped or not measured', () => {
    expect(peerRatio([row('hopscope analyze()', 100, 80)])).toBeNull();
    expect(
      peerRatio([row('hopscope analyze()', 100, 80), emptyResult('mailauth 4.9.5 parse-only', 'c', 'skipped')]),
    ).toBeNull();
  });
});
