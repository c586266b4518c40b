// SECURITY.md §3.1: oversized input is cut, with a diagnostic, never a hang (DESIGN.md §10: 4 MB), and the
// protocol refuses to carry more than that between contexts.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { MAX_INPUT_CHARS, parseExtracted, parseRequest } from '../../src/messaging';

const HEADER = 'Received: from a.example ([203.0.113.1]) by mx.example.com; Mon, 1 Jan 2024 00:00:00 +0000\n';

describe('input caps', () => {
  it('cuts input beyond maxBytes and says so', () => {
    const text = HEADER + `X-Filler: ${'x'.repeat(5000)}\n`;
    const a = analyze(text, { maxBytes: 1000 });
    expect(a.input.truncated).toBe(true);
    expect(a.input.bytes).toBe(text.length);
    const d = a.diagnostics.find((x) => x.code === 'input-truncated');
    expect(d?.message).toContain('1000');
    // What was kept is still analyzed.
    expect(a.hops).toHaveLength(1);
  });

  it('applies the 4 MB default cap without being asked', () => {
    const text = HEADER + `X-Filler: ${'x'.repeat(4 * 1024 * 1024 + 10)}\n`;
    const start = performance.now();
    const a = analyze(text);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(a.input.truncated).toBe(true);
    expect(a.headers.every((h) => h.raw.length <= 4 * 1024 * 1024)).toBe(true);
  });

  it('does not cut input within the cap', () => {
    const a = analyze(HEADER, { maxBytes: 1000 });
    expect(a.input.truncated).toBe(false);
    expect(a.diagnostics.map((d) => d.code)).not.toContain('input-truncated');
  });

  it('refuses messages that carry more than the cap', () => {
    const big = 'x'.repeat(MAX_INPUT_CHARS + 1);
    expect(parseRequest({ type: 'input/open', text: big })).toBeNull();
    expect(parseRequest({ type: 'tab/remember', tabId: 1, text: big })).toBeNull();
    expect(parseExtracted({ ok: true, raw: big, kind: 'message' })).toBeNull();
    expect(parseRequest({ type: 'input/open', text: 'x'.repeat(MAX_INPUT_CHARS) })).not.toBeNull();
  });
});
