// Cost linear in input size, never a hang (DESIGN.md §1.4, §10). Each case is a long run of one pattern that
// makes a backtracking parser or a non-linear regex pay: if analyze() were quadratic on it, 60,000 characters
// would take seconds. The budget is generous (linear code takes a few milliseconds here), so a failure means
// super-linear cost, not a slow machine.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { OPTIONS } from './support';

const N = 60_000;
const BUDGET_MS = 750;

function timed(text: string): number {
  const start = performance.now();
  analyze(text, OPTIONS);
  return performance.now() - start;
}

const DATE = 'Mon, 1 Jan 2024 00:00:00 +0000';

/**
 * Two hops whose link the chain judge must decide by comparing first labels: the same label under two
 * different domains (`label.one.example` announced, `label.two.example` recorded).
 */
const chainWith = (label: string) =>
  `Received: from ${label}.one.example (unknown [198.51.100.7]) by mx.example.com with ESMTP id 1; ${DATE}\n` +
  `Received: from a.example (a.example [10.0.0.1]) by ${label}.two.example with SMTP; ${DATE}\n` +
  'Subject: x\n\nbody';

const CASES: Array<[string, string]> = [
  ['nested comments in Received', `Received: from x ${'('.repeat(N)} by y; ${DATE}\n`],
  ['unclosed domain literals in Received', `Received: from ${'[1.2.3.4 '.repeat(N / 9)} by y; ${DATE}\n`],
  ['quoted pairs', `Received: from x ("${'\\"'.repeat(N / 2)}) by y; ${DATE}\n`],
  ['many semicolons', `Received: from x by y${'; '.repeat(N / 2)}${DATE}\n`],
  ['a long Authentication-Results', `Authentication-Results: mx.example.com; ${'spf=pass '.repeat(N / 9)}\n`],
  ['A-R with nested comments', `Authentication-Results: mx.example.com; spf=pass ${'(a '.repeat(N / 3)}\n`],
  ['RFC 2047 words', `Subject: ${'=?utf-8?B?'.repeat(N / 10)}\n`],
  ['an address list of dots and dashes', `From: "${'.-'.repeat(N / 2)}" <a@b.example>\n`],
  ['a display name with many @', `From: "${'a@b.'.repeat(N / 4)}" <a@b.example>\n`],
  ['a DKIM-Signature of empty tags', `DKIM-Signature: ${';'.repeat(N)}\n`],
  ['a Received-SPF of equals signs', `Received-SPF: pass (${'='.repeat(N)})\n`],
  ['a long date', `Received: from x by y; ${'Mon, '.repeat(N / 5)}\n`],
  ['folding on every character', `Subject: ${'a\n '.repeat(N / 3)}\n`],
  ['a long helo host name of digits', chainWith(`mail${'0'.repeat(N)}x`)],
  // Regression: scripts/redos-check.mjs found GENERIC_LABEL in src/core/trust/chain.ts (`[0-9-]*[a-z]?[0-9]*$`)
  // backtracking quadratically on a first label such as `in000…0_`: ~2 s for one pair of hops here, minutes
  // for a 4 MB paste of such pairs. Received values are cut at ~32 KB, hence 30,000 digits.
  ['a helo first label "in" + digits + "_" (GENERIC_LABEL, quadratic)', chainWith(`in${'0'.repeat(30_000)}_`)],
];

describe('linear time on pathological input', () => {
  it.each(CASES)(
    '%s',
    (_name, text) => {
      const ms = timed(text);
      expect(ms, `analyze() took ${ms.toFixed(0)} ms on ${text.length} characters`).toBeLessThan(BUDGET_MS);
    },
    60_000,
  );

  it('caps a 5 MB input at 4 MB with a diagnostic, in linear time', () => {
    const line = `X-Filler: ${'x'.repeat(70)}\n`;
    const text = `Received: from a by b; ${DATE}\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`;
    const start = performance.now();
    const a = analyze(text, OPTIONS);
    const ms = performance.now() - start;
    expect(a.input.truncated).toBe(true);
    expect(a.input.bytes).toBe(text.length);
    expect(a.diagnostics.map((d) => d.code)).toContain('input-truncated');
    expect(ms).toBeLessThan(10_000);
  }, 60_000);
});
