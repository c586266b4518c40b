// A paste cut short anywhere (a selection that stops mid-line, a download that ends early) still gives an
// Analysis that keeps every invariant. `npm run fuzz` cuts every seed at every byte; `npm test` cuts at every
// line boundary and one character either side of it, where the parsers change state.

import { describe, it } from 'vitest';
import { analyzeChecked, CORPUS_MISSING, LONG, SEEDS, type Seed, TIMEOUT } from './support';

function cutPoints(text: string): number[] {
  if (LONG) return Array.from({ length: text.length + 1 }, (_, i) => i);
  const points = new Set<number>([0, 1, text.length]);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    for (const p of [i - 1, i, i + 1, i + 2]) if (p >= 0 && p <= text.length) points.add(p);
  }
  // Inside tokens too: every 97th byte, so that long folded values are cut mid-word.
  for (let i = 0; i < text.length; i += 97) points.add(i);
  return [...points].sort((a, b) => a - b);
}

function truncateEverywhere(seed: Seed): void {
  for (const cut of cutPoints(seed.text)) {
    const text = seed.text.slice(0, cut);
    try {
      analyzeChecked(text, undefined, { twice: false });
    } catch (error) {
      throw new Error(
        `${seed.name} cut at byte ${cut}: ${(error as Error).message}\n…${JSON.stringify(text.slice(-120))}`,
        { cause: error },
      );
    }
  }
}

describe('truncation', () => {
  for (const seed of SEEDS) {
    it(
      `${seed.name} cut at ${LONG ? 'every byte' : 'every line boundary'} keeps the invariants`,
      () => {
        truncateEverywhere(seed);
      },
      TIMEOUT,
    );
  }
  it.skipIf(CORPUS_MISSING === 0)('corpus blocks (../shared/corpus not found: only the bundled example ran)', () => {});
});
