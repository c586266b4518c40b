// The paste forms the reader undoes (src/core/headers/read.ts, paste.ts), applied to every header block of the
// shared corpora: each form of a block must give the same handoff, origin and hops as the block itself. The
// forms are what copies from pages and text boxes do to header text: a blank line after every line, folded
// lines without their indentation or indented with no-break spaces, all on one line, CR CR LF line breaks,
// a byte-order mark. (Measured when written: 3,500 of 3,500 blocks for each form.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { corpusRoot, listFiles, corpusPresent as present } from '../../corpus';

const FORMS: Record<string, (text: string) => string> = {
  'double-spaced': (t) => t.replace(/\r?\n/g, '\n\n'),
  unindented: (t) => t.replace(/\n[ \t]+/g, '\n'),
  'no-break spaces': (t) => t.replace(/\n[ \t]/g, '\n\u00a0'),
  'one line': (t) => t.replace(/\r?\n[ \t]*/g, ' '),
  'CR CR LF': (t) => t.replace(/\r?\n/g, '\r\r\n'),
  'byte-order mark': (t) => `\ufeff${t}`,
};

/** The header block of a corpus file, without an mbox "From " line (a one-line copy of one is no paste). */
function headerBlock(file: string): string {
  const text = readFileSync(file).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const block = end ? text.slice(0, end.index) : text;
  return block.startsWith('From ') ? block.slice(block.indexOf('\n') + 1) : block;
}

describe.skipIf(!present)(`paste forms of the corpus header blocks (${corpusRoot})`, () => {
  for (const set of ['phishing_pot', 'spamassassin-publiccorpus']) {
    it(`${set}: every form of every block gives its handoff, origin and hops`, () => {
      const blocks = listFiles(path.join(corpusRoot, set)).map(headerBlock);
      expect(blocks.length).toBeGreaterThan(100);
      const now = Date.parse('2024-06-01T00:00:00Z');
      const key = (text: string) => {
        const a = analyze(text, { now });
        return `${a.handoff?.ip ?? '-'} ${a.origin?.ip ?? '-'} ${a.hops.length}`;
      };
      const expected = blocks.map(key);
      const differing: string[] = [];
      for (const [name, form] of Object.entries(FORMS)) {
        const n = blocks.filter((block, i) => key(form(block)) !== expected[i]).length;
        if (n > 0) differing.push(`${name}: ${n} of ${blocks.length}`);
      }
      expect(differing).toEqual([]);
    }, 120_000);
  }
});

describe.skipIf(present)('paste forms of the corpus', () => {
  it.skip(`skipped: the shared corpus is absent (${corpusRoot})`, () => {});
});
