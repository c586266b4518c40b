import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';

// The core is total (DESIGN.md §1): whatever the input, an Analysis with diagnostics, fast and linear.
// Precise timings belong to `npm run bench`; the bounds here only catch a hang or a quadratic blow-up.
const BOUND_MS = 1000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

const hop = (i: number): string =>
  `Received: from relay${i}.example.net (relay${i}.example.net [192.0.2.${i % 250}]) by relay${i + 1}.example.net (Postfix) with ESMTPS id A${i}; Mon, 6 May 2024 10:${String(i % 60).padStart(2, '0')}:00 +0000\n`;

describe('analyze() on hostile input', () => {
  it('takes 2 MB of headers and caps nothing below the 4 MB limit', () => {
    const line = `X-Filler: ${'a'.repeat(990)}\n`;
    const text = `${line.repeat(2048)}Subject: big\n\nbody`;
    const { value, ms } = timed(() => analyze(text));
    expect(value.headers.length).toBe(2049);
    expect(value.input.truncated).toBe(false);
    expect(value.summary.subject).toBe('big');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('truncates beyond the input cap with a diagnostic', () => {
    const text = `Subject: x\n${'X-A: b\n'.repeat(2000)}`;
    const a = analyze(text, { maxBytes: 1000 });
    expect(a.input.truncated).toBe(true);
    expect(a.diagnostics.some((d) => d.code === 'input-truncated')).toBe(true);
  });

  it('reads 1,000 Received headers as 1,000 hops, oldest first', () => {
    let text = '';
    for (let i = 999; i >= 0; i--) text += hop(i);
    const { value, ms } = timed(() => analyze(`${text}Subject: many\n`));
    expect(value.hops).toHaveLength(1000);
    expect(value.hops[0]!.from.rdns).toBe('relay0.example.net');
    expect(value.hops[999]!.by.host).toBe('relay1000.example.net');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('survives a 200 KB single header line', () => {
    const { value, ms } = timed(() =>
      analyze(
        `Subject: ${'x'.repeat(200_000)}\nReceived: from a (a [192.0.2.1]) by b; ${'('.repeat(1)} 1 Jan 2024 00:00:00 +0000\n`,
      ),
    );
    expect(value.summary.subject).toHaveLength(200_000);
    expect(value.hops).toHaveLength(1);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('survives 10,000 nested comment parentheses in a Received field', () => {
    const deep = `${'('.repeat(10_000)}x${')'.repeat(10_000)}`;
    const { value, ms } = timed(() =>
      analyze(`Received: from a ${deep} by b.example; Mon, 6 May 2024 10:00:00 +0000\nSubject: s\n`),
    );
    expect(value.hops).toHaveLength(1);
    expect(value.hops[0]!.by.host).toBe('b.example');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('survives 10,000 unbalanced open parentheses', () => {
    const { value } = timed(() => analyze(`Received: from a ${'('.repeat(10_000)} by b; x\nSubject: s\n`));
    expect(value.hops).toHaveLength(1);
    expect(value.diagnostics.length).toBeGreaterThan(0);
  });

  it('keeps NUL bytes and invalid UTF-8 as text', () => {
    const text = 'Subject: a\u0000b\nFrom: \uFFFD\uFFFD <x@example.com>\nReceived: from \u0000 by \u0000; \u0000\n';
    const a = analyze(text);
    expect(a.summary.subject).toBe('a\u0000b');
    expect(a.summary.from?.address).toBe('x@example.com');
    expect(a.hops).toHaveLength(1);
  });

  it('gives an empty Analysis, not an exception, for empty and non-header text', () => {
    for (const t of ['', '\n\n\n', 'just some words', '\u0000\u0001\u0002', ':::::']) {
      const a = analyze(t);
      expect(a.schema).toBe(1);
      expect(a.hops).toEqual([]);
      expect(a.handoff).toBeNull();
      expect(a.summary.verdict).toBe('unknown');
    }
  });

  it('is deterministic and JSON-serialisable', () => {
    const text = `${hop(2)}${hop(1)}Subject: s\nDate: Mon, 6 May 2024 10:00:00 +0000\nMessage-ID: <a@b>\n`;
    const a = JSON.stringify(analyze(text, { now: 0 }));
    const b = JSON.stringify(analyze(text, { now: 0 }));
    expect(a).toBe(b);
    expect(JSON.parse(a).hops).toHaveLength(2);
  });
});

describe('analyze() on vendor verdicts', () => {
  it("trusts a verdict below the sender's hops only in the recipient provider's own fields, in any letter case", () => {
    // A Microsoft 365 recipient; the fields at the bottom lie below the hops the sender wrote.
    const base = readFileSync(resolve(import.meta.dirname, '../fixtures/auth/compauth-fail.eml'), 'utf8').trimEnd();
    const text = `${base}\nx-ms-exchange-ORGANIZATION-pcl: 2\nX-Forefront-Antispam-Report-Untrusted: SCL:1;\nX-Spam-Flag: NO\n\n`;
    const verdicts = analyze(text).antispam.map((v) => [v.field, v.trusted]);
    expect(verdicts).toEqual([
      ['X-MS-Exchange-Organization-SCL', true],
      ['x-ms-exchange-ORGANIZATION-pcl', true],
      ['X-Forefront-Antispam-Report-Untrusted', false],
      ['X-Spam-Flag', false],
    ]);
  });
});
